/**
 * Apply as Filter: every detail-tree field that offers a display filter (DetailNode.filter) must, compiled by SynAck's
 * filter, select the packet it came from — on every frame of every corpus capture (the filter itself is checked
 * against tshark by the filter differential, so this makes the offered text tshark's too).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFilter, type CompiledFilter } from '../../../shared/filter/compile';
import { ROW_BITS } from '../../../shared/ipc/batch-layout';
import { buildDetailTree, type DetailNode } from '../../../shared/wire/detail-tree';
import { frameNode } from '../../../shared/wire/frame-node';
import { CORPUS_DIR } from '../../support/paths';
import { forEachRecord } from '../../support/read-capture';
import { captureColumns, loadPipeline } from '../filter/filter-pipeline';

const { pipeline } = await loadPipeline();
const FILES = readdirSync(CORPUS_DIR).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort();

function* filtersOf(nodes: readonly DetailNode[]): Generator<string> {
  for (const n of nodes) {
    if (n.filter !== undefined) yield n.filter;
    if (n.children) yield* filtersOf(n.children);
  }
}

describe('detail tree filters (Apply as Filter)', () => {
  it('each field\'s filter selects its own packet, on every frame of the corpus', () => {
    const compiled = new Map<string, CompiledFilter>();
    const failures: string[] = [];
    const seen = new Set<string>();
    let checked = 0;
    for (const file of FILES) {
      const path = join(CORPUS_DIR, file);
      const { cols, ctx } = captureColumns(pipeline!, path);
      const links: number[] = [];
      forEachRecord(path, (r) => { links.push(r.linkType); });
      const out = new Uint32Array(1);
      for (let row = 0; row < cols.rows; row++) {
        const bytes = ctx.bytes!(row, 'frame')!;
        const frame = frameNode({
          frame: cols.frame[row], capLen: bytes.length, origLen: cols.origLen[row], linkType: links[row], tsSec: cols.tsSec[row], tsNsec: cols.tsNsec[row],
          hasTimestamp: (cols.rowBits[row] & ROW_BITS.NO_TIMESTAMP) === 0, comments: [],
        });
        for (const text of filtersOf(buildDetailTree(bytes, links[row], cols.origLen[row], frame))) {
          let f = compiled.get(text);
          if (!f) {
            const r = compileFilter(text);
            if (!r.ok) { failures.push(`${file} #${cols.frame[row]}: "${text}" does not compile: ${r.error.message}`); continue; }
            f = r.filter;
            compiled.set(text, f);
          }
          seen.add(text.split(' ')[0]);
          checked++;
          if (f.select(cols, ctx, row, row + 1, out) !== 1) failures.push(`${file} #${cols.frame[row]}: "${text}" does not select it`);
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(checked).toBeGreaterThan(50_000);
    // Every kind of field that offers one was met.
    for (const field of ['frame.number', 'frame.len', 'frame.time_epoch', 'ip', 'ip.src', 'ip.dst', 'ip.proto', 'ipv6', 'ipv6.src', 'ipv6.dst', 'udp', 'udp.srcport', 'udp.dstport',
      'tcp', 'tcp.srcport', 'tcp.dstport', 'tcp.flags', 'tcp.flags.syn', 'tcp.flags.ae', 'tcp.window_size_value', 'tcp.len']) {
      expect(seen.has(field), field).toBe(true);
    }
  });
});
