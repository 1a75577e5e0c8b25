import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allocateColumns } from '../../../shared/ipc/batch-layout';
import { EndpointState as S } from '../../../shared/tcp/endpoint-state';
import { Phase } from '../../../shared/tcp/phase';
import { TcpTracker } from '../../../shared/tcp/tcp-tracker';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { writeTcpFixtures } from '../../fixtures/tcp/tcp-fixture-builder';
import { expectSameAsTshark } from '../../support/corpus-variant';
import { TEST_OUTPUT_DIR } from '../../support/paths';
import { forEachRecord } from '../../support/read-capture';
import { requireTool } from '../../support/require-tool';
import { tcpFieldRows } from '../../support/tcp-fields';

const FIELDS = ['tcp.stream', 'tcp.flags', 'tcp.seq', 'tcp.ack', 'tcp.len', 'tcp.window_size', 'tcp.completeness',
  'tcp.analysis.retransmission', 'tcp.analysis.fast_retransmission', 'tcp.analysis.out_of_order', 'tcp.analysis.lost_segment',
  'tcp.analysis.ack_lost_segment', 'tcp.analysis.duplicate_ack', 'tcp.analysis.zero_window', 'tcp.analysis.zero_window_probe',
  'tcp.analysis.zero_window_probe_ack', 'tcp.analysis.window_update', 'tcp.analysis.keep_alive', 'tcp.analysis.ack_rtt'];

const dir = join(TEST_OUTPUT_DIR, 'tcp-fixtures');
mkdirSync(dir, { recursive: true });
const paths = writeTcpFixtures(dir);
const hasTshark = requireTool('tshark');

function tshark(path: string, extra: string[]): Map<number, string[]> {
  const out = execFileSync('tshark', ['-2', '-r', path, ...extra, '-Y', 'tcp', '-T', 'fields', '-E', 'occurrence=f',
    '-e', 'frame.number', ...FIELDS.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return new Map(out.trim().split('\n').map((l) => { const [f, ...v] = l.split('\t'); return [Number(f), v]; }));
}

function rows(path: string): ReturnType<typeof allocateColumns> {
  const cols = allocateColumns(64);
  const t = new TcpTracker();
  const d = new PacketDecoder();
  forEachRecord(path, (r) => { const row = cols.rows++; t.track(r, d.decode(r.view, r.at, r.capLen, r.origLen, r.linkType), cols, row); });
  return cols;
}

describe.skipIf(!hasTshark)('hand-built TCP fixtures agree with live tshark -2', () => {
  // TCP over IP fragments: tshark reassembles by default and shows the segment at the last fragment, as SynAck does.
  it.each(Object.keys(paths))('%s', (name) => {
    const expected = tshark(paths[name], []);
    const ours = tcpFieldRows(paths[name], FIELDS);
    expect([...ours.keys()]).toEqual([...expected.keys()]);
    for (const [frame, v] of expected) {
      FIELDS.forEach((f, i) => {
        const mine = ours.get(frame)![i], t = v[i] ?? '';
        if (f.startsWith('tcp.analysis.') && f !== 'tcp.analysis.ack_rtt') expect(mine !== '', `#${frame} ${f}`).toBe(t !== '');
        else expect(mine, `#${frame} ${f}`).toBe(t);
      });
    }
  });
});

describe.skipIf(!hasTshark)('hand-built TCP fixtures agree with live tshark -2 on every -T fields field and on -z conv,tcp', () => {
  it.each(Object.keys(paths))('%s', (name) => {
    expectSameAsTshark(paths[name], name);
  });
});

describe('phases and endpoint states of the hand-built fixtures', () => {
  it('simultaneous open: both SYN-SENT, then SYN-RECEIVED, then ESTABLISHED', () => {
    const c = rows(paths['simultaneous-open']);
    expect([c.stateA[0], c.stateB[0]]).toEqual([S.SynSent, S.Listen]);
    expect([c.stateA[1], c.stateB[1]]).toEqual([S.SynReceived, S.SynReceived]);
    expect([c.stateA[2], c.stateB[2]]).toEqual([S.SynReceived, S.Established]);
    expect([c.stateA[3], c.stateB[3]]).toEqual([S.Established, S.Established]);
  });

  it('simultaneous close: crossing FINs give CLOSING on both sides, then TIME-WAIT on both', () => {
    const c = rows(paths['simultaneous-close']);
    expect([c.phase[3], c.step[3], c.phase[4], c.step[4]]).toEqual([Phase.Close, 1, Phase.Close, 3]);
    expect([c.stateA[4], c.stateB[4]]).toEqual([S.Closing, S.Closing]);
    expect([c.stateA[6], c.stateB[6]]).toEqual([S.TimeWait, S.TimeWait]);
  });

  it('sequence numbers across 2^32 stay relative and contiguous', () => {
    const c = rows(paths['seq-wraparound']);
    expect(Array.from(c.seqRel.subarray(3, 5))).toEqual([1, 21]);
    expect(c.seqRel[9]).toBe(41);
  });
});
