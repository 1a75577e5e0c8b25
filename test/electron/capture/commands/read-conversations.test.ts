import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conversationRows, formatConversationTable } from '../../../../electron/capture/commands/read-conversations';
import { runTracker } from '../../../support/tcp-fields';
import { expectConversationRows, expectSameConversations, parseConversationTable } from '../../../support/tshark-conversations';
import { readCli } from './cli-run';
import { TCP_FIXTURES, writeTcpFixtures } from '../../../fixtures/tcp/tcp-fixture-builder';
import { CORPUS_DIR, TEST_OUTPUT_DIR } from '../../../support/paths';
import { requireTool } from '../../../support/require-tool';

const fixtureDir = join(TEST_OUTPUT_DIR, 'conversation-fixtures');
mkdirSync(fixtureDir, { recursive: true });
const fixturePaths = writeTcpFixtures(fixtureDir);

const files = readdirSync(CORPUS_DIR).filter((n) => n.endsWith('.conv.txt')).map((n) => n.slice(0, -'.conv.txt'.length))
  .filter((cap) => existsSync(join(CORPUS_DIR, cap)));

describe('read --conversations agrees with tshark -q -z conv,tcp', () => {
  it.each(files)('%s: same conversations, frames and bytes per direction', (cap) => {
    expectSameConversations(join(CORPUS_DIR, cap), readFileSync(join(CORPUS_DIR, `${cap}.conv.txt`), 'utf8'), cap);
  });

  // Headers cut by a snaplen or with a bogus length: tshark counts a segment only when its dissection got past them.
  it.each(Object.keys(TCP_FIXTURES).filter((n) => n !== 'ip-fragments'))('hand-built %s: same conversations as live tshark', (name) => {
    if (!requireTool('tshark')) return;
    const path = fixturePaths[name];
    expectSameConversations(path, execFileSync('tshark', ['-r', path, '-q', '-z', 'conv,tcp'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }), name);
  });

  it.each([
    ['zeek__http__206_example_b.pcap', 'tcp.analysis.retransmission', false], ['gopacket__cip.pcap', 'frame.number > 2000 && tcp.srcport == 44818', false],
    ['zeek__smtp.pcap', 'tcp.dstport == 25', false], ['zeek__tcp__retransmit-fast009.pcap', 'tcp.completeness == 47', true], ['gopacket__pcap__test_loopback.pcap', 'tcp.len > 0', false],
  ] as const)('-z conv,tcp,FILTER on %s (%s, -2 %s): the rows tshark counts over the packets the filter matches', (file, filter, twoPass) => {
    if (!requireTool('tshark')) return;
    const path = join(CORPUS_DIR, file), z = `conv,tcp,${filter}`, two = twoPass ? ['-2'] : [];
    const r = readCli(['-r', path, ...two, '-q', '-z', z]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Filter:${filter}\n`);
    const ours = parseConversationTable(r.stdout).map((c) => ({ ...c, bytesAtoB: Number(c.bytesAtoB.split(' ')[0]), bytesBtoA: Number(c.bytesBtoA.split(' ')[0]) }));
    expect(ours.length).toBeGreaterThan(0);
    expectConversationRows(ours, execFileSync('tshark', [...two, '-r', path, '-q', '-z', z], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }), `${file} ${filter}`);
  });

  it('prints the seed as one closed conversation with its final states', () => {
    const text = formatConversationTable(conversationRows(runTracker(join(CORPUS_DIR, '..', 'seed', 'seed-lo0.pcap'), () => {})));
    expect(text).toContain('127.0.0.1:57273            <-> 127.0.0.1:8080');
    expect(text).toMatch(/closed\s+TIME-WAIT \/ CLOSED/);
  });
});
