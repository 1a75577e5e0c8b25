import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExpertCounter } from '../../../renderer/format/expert-summary';
import { packetColumns } from '../../../renderer/stores/packet-columns';
import { requireTool } from '../../support/require-tool';
import { CORPUS, captureApp, type CaptureApp } from '../support/capture-app';

describe('expert information counts', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  it.skipIf(!requireTool('tshark'))('count as many packets per flag as tshark -Y tcp.analysis.FLAG, warnings first', async () => {
    const name = 'zeek__http__206_example_b.pcap';
    app = await captureApp(name);
    const counter = new ExpertCounter();
    counter.update(packetColumns.cols, packetColumns.generation);
    const groups = counter.groups();
    expect(groups.map((g) => g.info.severity)).toEqual([...groups.map((g) => g.info.severity)].sort((a, b) => ['warn', 'note', 'chat'].indexOf(a) - ['warn', 'note', 'chat'].indexOf(b)));
    for (const g of groups) {
      const tshark = execFileSync('tshark', ['-r', join(CORPUS, name), '-Y', `tcp.analysis.${g.info.field}`, '-T', 'fields', '-e', 'frame.number'],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').filter(Boolean).length;
      expect(g.count, g.info.field).toBe(tshark);
    }
    expect(counter.totals()).toEqual({ warn: 110, note: 120, chat: 14 });
  });

  it('counts incrementally: rows added later are counted once, and another capture starts again', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    const cols = packetColumns.cols, all = cols.rows;
    const whole = new ExpertCounter();
    whole.update(cols, packetColumns.generation);
    const stepwise = new ExpertCounter();
    for (const n of [0, 10, 500, 501, all]) { cols.rows = n; stepwise.update(cols, packetColumns.generation); }
    expect(stepwise.groups()).toEqual(whole.groups());
    stepwise.update(cols, packetColumns.generation);                            // nothing new: nothing counted twice
    expect(stepwise.groups()).toEqual(whole.groups());
    cols.rows = 100;                                  // fewer rows: another capture's
    stepwise.update(cols, packetColumns.generation);
    cols.rows = all;
    const first100 = new ExpertCounter();
    cols.rows = 100; first100.update(cols, packetColumns.generation); cols.rows = all;
    expect(stepwise.groups()).toEqual(first100.groups());
    stepwise.update(cols, packetColumns.generation);
    stepwise.update(cols, packetColumns.generation + 1);   // another capture with as many rows: counted once, anew
    expect(stepwise.groups()).toEqual(whole.groups());
    stepwise.reset();
    expect(stepwise.groups()).toEqual([]);
  });
});
