import { afterEach, describe, expect, it } from 'vitest';
import { streamRows } from '../../../renderer/stores/stream-rows';
import { packetColumns } from '../../../renderer/stores/packet-columns';
import { captureApp, type CaptureApp } from '../support/capture-app';

/** The rows of a stream by a plain pass, to check the incremental index against. */
function byPass(stream: number, rows: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) if (packetColumns.cols.stream[r] === stream) out.push(r);
  return out;
}

describe('stream rows', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  it('grow with the rows without reading the earlier ones again, and keep earlier answers unchanged', async () => {
    app = await captureApp('zeek__smtp.pcap');
    const cols = packetColumns.cols, all = cols.rows;
    const answers: [Uint32Array, number[]][] = [];
    for (const n of [0, 5, 40, 41, all]) {
      cols.rows = n;
      answers.push([streamRows(0), byPass(0, n)]);
    }
    for (const [got, want] of answers) expect([...got]).toEqual(want);
    expect([...streamRows(5)]).toEqual(byPass(5, all));                  // another stream starts again
    expect([...streamRows(0)]).toEqual(byPass(0, all));
  });

  it('start again for another capture (the store was cleared), even one with more rows', async () => {
    app = await captureApp('zeek__smtp.pcap');
    const first = [...streamRows(0)];
    app.disconnect();
    app = await captureApp('zeek__http__206_example_b.pcap');
    expect(packetColumns.cols.rows).toBeGreaterThan(first.length);
    expect([...streamRows(0)]).toEqual(byPass(0, packetColumns.cols.rows));
  });
});
