/**
 * Apply as Filter from the packet list: on every row of every corpus capture, each cell's filter compiles and, run by
 * the renderer's filter over its stored columns, selects that row (the filter itself is tshark's, by the filter
 * differential).
 */
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { compileFilter } from '../../../shared/filter/compile';
import { DerivedTimeColumns } from '../../../shared/filter/derived-times';
import { cellFilter } from '../../../renderer/format/cell-filter';
import { rowText } from '../../../renderer/format/packet-row';
import { flowTable } from '../../../renderer/stores/conversations';
import { borrowedSources, toRowSelector } from '../../../renderer/stores/filter-adapter';
import { packetColumns } from '../../../renderer/stores/packet-columns';
import { LIST_COLUMNS } from '../../../renderer/stores/view-settings';
import type { RowSelector } from '../../../renderer/stores/display-index';
import { CORPUS, captureApp, type CaptureApp } from '../support/capture-app';

const FILES = readdirSync(CORPUS).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort();

describe('packet list cell filters', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  it('each cell\'s filter selects its own row, on every row of the corpus', async () => {
    const failures: string[] = [];
    const fields = new Set<string>();
    let checked = 0;
    for (const file of FILES) {
      app = await captureApp(file);
      const cols = packetColumns.cols, out = new Uint32Array(1);
      const selectors = new Map<string, RowSelector>();
      const ctx = { cols, flows: flowTable, timeMode: 'relative' as const, zone: 'local' as const };
      for (let r = 0; r < cols.rows; r++) {
        const text = rowText(ctx, r);
        for (const c of LIST_COLUMNS) {
          const f = cellFilter(cols, flowTable, text, c.id);
          if (!f) continue;
          let sel = selectors.get(f.field);
          if (!sel) {
            const compiled = compileFilter(f.field);
            if (!compiled.ok) { failures.push(`${file} #${text.frame} ${c.id}: "${f.field}" ${compiled.error.message}`); continue; }
            sel = toRowSelector(compiled.filter, borrowedSources(new DerivedTimeColumns()));
            selectors.set(f.field, sel);
          }
          fields.add(f.field.split(' ')[0]);
          checked++;
          if (sel.select(cols, r, r + 1, out, 0) !== 1) failures.push(`${file} #${text.frame} ${c.id}: "${f.field}" does not select it`);
        }
      }
      app.disconnect(); app = undefined;
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
    for (const f of ['frame.number', 'ip.src', 'ip.dst', 'ipv6.src', 'ipv6.dst', 'tcp.flags', 'tcp.seq', 'tcp.ack', 'tcp.window_size_value', 'tcp.len', 'tcp.stream']) {
      expect(fields.has(f), f).toBe(true);
    }
  }, 300_000);
});
