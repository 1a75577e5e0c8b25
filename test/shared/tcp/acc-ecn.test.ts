import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACC_ECN_OPTION, ACC_ECN_SYN, ACC_ECN_SYN_ACK, accEcnAfterHandshake, aceValue, ecnNegotiation, usesAce } from '../../../shared/tcp/acc-ecn';
import { writeTcpFixtures } from '../../fixtures/tcp/tcp-fixture-builder';
import { TEST_OUTPUT_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { tcpFieldRows } from '../../support/tcp-fields';

const SYN = 0x02, ACK = 0x10, ECE = 0x40, CWR = 0x80, AE = 0x100;

describe('Accurate ECN negotiation', () => {
  it('a SYN asks with AE, CWR and ECE all set; anything else clears the request', () => {
    expect(accEcnAfterHandshake(0, SYN | AE | CWR | ECE)).toBe(ACC_ECN_SYN);
    for (const f of [0, ECE, CWR, CWR | ECE, AE, AE | ECE, AE | CWR]) expect(accEcnAfterHandshake(ACC_ECN_SYN, SYN | f)).toBe(0);
  });

  it('a SYN-ACK agrees with AE/CWR/ECE 010, 011, 100 or 110 (RFC 9768 §3.1.1), not with classic ECN (001) or 000, 101, 111', () => {
    const agrees = [0, 1, 2, 3, 4, 5, 6, 7].filter((cp) =>
      accEcnAfterHandshake(0, SYN | ACK | (cp & 4 ? AE : 0) | (cp & 2 ? CWR : 0) | (cp & 1 ? ECE : 0)) === ACC_ECN_SYN_ACK);
    expect(agrees).toEqual([2, 3, 4, 6]);
  });

  it('the ACE counter is read on non-SYN segments after both, or after an AccECN option', () => {
    expect(usesAce(ACC_ECN_SYN | ACC_ECN_SYN_ACK, ACK)).toBe(true);
    expect(usesAce(ACC_ECN_SYN, ACK)).toBe(false);
    expect(usesAce(ACC_ECN_OPTION, ACK)).toBe(true);
    expect(usesAce(ACC_ECN_SYN | ACC_ECN_SYN_ACK | ACC_ECN_OPTION, SYN | ACK)).toBe(false);
    expect(aceValue(ACK | AE | ECE)).toBe(5);
  });
});

describe('ECN negotiation for the option card', () => {
  it('classic ECN: SYN with ECE+CWR, SYN-ACK with ECE alone', () => {
    expect(ecnNegotiation(SYN | ECE | CWR, SYN | ACK | ECE)).toEqual({ client: 'offered', server: 'accepted', result: 'ECN in use (RFC 3168)' });
    expect(ecnNegotiation(SYN | ECE | CWR, SYN | ACK).result).toBe('not in use');
  });

  it('Accurate ECN: AE+CWR+ECE answered by an AccECN codepoint; a classic answer falls back to ECN', () => {
    const acc = ecnNegotiation(SYN | AE | ECE | CWR, SYN | ACK | CWR);
    expect([acc.client, acc.server]).toEqual(['AccECN offered', 'AccECN accepted']);
    expect(acc.result).toMatch(/^Accurate ECN in use/);
    expect(ecnNegotiation(SYN | AE | ECE | CWR, SYN | ACK | ECE)).toEqual({ client: 'AccECN offered', server: 'accepted', result: 'ECN in use (RFC 3168)' });
    expect(ecnNegotiation(SYN, SYN | ACK | CWR).server).toBe('no');
    expect(ecnNegotiation(-1, -1).result).toBe('not in use');
  });
});

describe.skipIf(!requireTool('tshark'))('tcp.flags.str and tcp.flags.ace on an AccECN fixture agree with tshark', () => {
  const dir = join(TEST_OUTPUT_DIR, 'acc-ecn');
  mkdirSync(dir, { recursive: true });
  const path = writeTcpFixtures(dir).accecn;
  const fields = ['tcp.flags.str', 'tcp.flags.ace'];
  // One pass shows the state as each packet finds it; -2 starts from the final state (an option seen late counts
  // from the first packet) and replays the handshake bits.
  it.each([['one pass', false], ['-2', true]] as const)('%s', (_label, twoPass) => {
    const out = execFileSync('tshark', [...(twoPass ? ['-2'] : []), '-r', path, '-Y', 'tcp', '-T', 'fields', '-e', 'frame.number',
      ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const theirs = out.trim().split('\n').map((l) => l.split('\t'));
    const ours = tcpFieldRows(path, fields, twoPass);
    expect(theirs.map(([frame]) => [frame, ...(ours.get(Number(frame)) ?? [])])).toEqual(theirs.map((v) => [...v, '', ''].slice(0, 3)));
  });
});
