// @vitest-environment node
/**
 * The TCP conversation rows the window adds to a packet's detail tree must read as tshark -2 -V prints them: for every
 * frame of every corpus capture, the lines "[Stream index: …]", "[Conversation completeness: …]",
 * "Sequence Number: … (relative sequence number)", "[Next Sequence Number: …]", "Acknowledgment Number: …",
 * "[Calculated window size: …]", the stream timestamps, "[iRTT: …]", "[The RTT to ACK the segment was: …]",
 * "[Bytes in flight: …]", "[Duplicate ACK #: …]" and "[Duplicate to the ACK in frame: …]" of the packet's TCP section
 * are the ones SynAck shows, in the same order. Then where they sit in the worker's tree.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTcpFacts, withListTcpRows } from '../../../renderer/format/tcp-rows';
import type { DetailNode } from '../../../shared/wire/detail-node';
import { CORPUS_DIR, SEED_PCAP } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { captureColumns, loadPipeline } from '../../shared/filter/filter-pipeline';

const hasTshark = requireTool('tshark');
const { pipeline } = await loadPipeline();

/** The lines compared: what the rows show, by how tshark -V starts them. */
const KINDS = new RegExp(`^(${[
  '[Stream index: ', '[Conversation completeness: ', 'Sequence Number: ', '[Next Sequence Number: ', 'Acknowledgment Number: ',
  '[Calculated window size: ', '[Window size scaling factor: ', '[Time since first frame in this TCP stream: ',
  '[Time since previous frame in this TCP stream: ', '[This is an ACK to the segment in frame: ', '[iRTT: ',
  '[The RTT to ACK the segment was: ', '[Bytes in flight: ', '[Bytes sent since last PSH flag: ', '[The RTO for this segment was: ',
  '[RTO based on delta from frame: ', '[Duplicate ACK #: ', '[Duplicate to the ACK in frame: ',
].map((k) => k.replace(/[[\]]/g, '\\$&')).join('|')})`);

/** Per frame, the compared lines of its last TCP section in tshark -2 -V. */
function tsharkLines(path: string): Map<number, string[]> {
  const out = execFileSync('tshark', ['-2', '-r', path, '-V', '-O', 'tcp'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
  const frames = new Map<number, string[]>();
  let frame = 0, inTcp = false, skipBelow = -1;
  for (const line of out.split('\n')) {
    const f = /^Frame (\d+):/.exec(line);
    if (f) { frame = Number(f[1]); inTcp = false; continue; }
    if (/^\S/.test(line)) {
      inTcp = line.startsWith('Transmission Control Protocol');
      if (inTcp) frames.set(frame, []);   // a later TCP section (a quoted header's) replaces an earlier one
      continue;
    }
    const t = line.trim(), indent = line.length - line.trimStart().length;
    // MPTCP's analysis has its own "[Stream index]" (mptcp.stream): not TCP's.
    if (skipBelow >= 0 && indent > skipBelow) continue;
    skipBelow = t.startsWith('[MPTCP analysis]') ? indent : -1;
    if (inTcp && KINDS.test(t)) frames.get(frame)!.push(t);
  }
  return frames;
}

/** A node as tshark -V writes it: generated items ([…]) bracket label and value together. */
function lineOf(n: DetailNode): string {
  const m = /^\[(.*)\]$/.exec(n.label);
  return m ? `[${m[1]}: ${n.value}]` : `${n.label}: ${n.value}`;
}

function lines(nodes: readonly DetailNode[]): string[] {
  return nodes.flatMap((n) => [lineOf(n), ...lines(n.children ?? [])]);
}

/** The anchors of the worker's TCP node the rows are placed around. */
const WORKER_TCP: DetailNode = {
  label: 'Transmission Control Protocol', value: '', start: 0, length: 20,
  children: ['Source Port', 'Destination Port', 'Sequence Number (raw)', 'Acknowledgment Number (raw)', 'Flags', 'Window'].map((label) => ({ label, value: 'x', start: 0, length: 2 })),
};

const FILES = [...readdirSync(CORPUS_DIR).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort().map((f) => join(CORPUS_DIR, f)), SEED_PCAP];

describe.skipIf(!hasTshark || pipeline === null)('TCP conversation rows of the packet details vs tshark -2 -V', () => {
  it.each(FILES)('%s', (path) => {
    const expected = tsharkLines(path);
    const { cols, ctx } = captureColumns(pipeline!, path);
    const diffs: string[] = [];
    for (let row = 0; row < cols.rows && diffs.length < 10; row++) {
      const facts = listTcpFacts(cols, ctx, row);
      const ours = facts ? lines(withListTcpRows([WORKER_TCP], facts)).filter((l) => KINDS.test(l)) : [];
      const theirs = expected.get(cols.frame[row]) ?? [];
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) diffs.push(`frame ${cols.frame[row]}:\n  ours   ${ours.join(' | ')}\n  tshark ${theirs.join(' | ')}`);
    }
    expect(diffs).toEqual([]);
  }, 120_000);
});
