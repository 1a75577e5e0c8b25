import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BatchBufferPool } from '../../../electron/capture/batch-buffer-pool';
import { analyzeFile, CapturePipeline } from '../../../electron/capture/pipeline';
import { StreamFrameWriter } from '../../../electron/capture/stream-transport';
import { COLUMNS, decodeBatch, type PacketColumns } from '../../../shared/ipc/batch-layout';
import { CORPUS_DIR } from '../../support/paths';

describe('batch buffer pool', () => {
  it('gives back a spare of the asked size only, once, and keeps at most its bound', () => {
    const pool = new BatchBufferPool(2);
    const a = new ArrayBuffer(64), b = new ArrayBuffer(32), c = new ArrayBuffer(64);
    pool.give(a); pool.give(a); pool.give(b); pool.give(c);
    expect(pool.size).toBe(2);                           // a once, b; c beyond the bound
    expect(pool.take(64)).toBe(a);                       // b (wrong size) is dropped on the way
    expect(pool.take(64)).toBeUndefined();
    expect(pool.size).toBe(0);
  });

  it('ignores a detached buffer (one a port transferred away)', () => {
    const pool = new BatchBufferPool();
    const buf = new ArrayBuffer(16);
    structuredClone(buf, { transfer: [buf] });
    pool.give(buf);
    expect(pool.size).toBe(0);
  });

  it('a pipeline refilling given-back buffers sends the same rows as one allocating each batch', async () => {
    const file = join(CORPUS_DIR, 'gopacket__le__test301.pcapng');   // TCP, UDP and more, 276 packets
    const fresh = await analyzeFile(file, { batchRows: 8, firstBatchRows: 8 });
    const pool = new BatchBufferPool();
    const copies: PacketColumns[] = [];
    const buffers = new Set<ArrayBuffer>();
    let full = 0;
    const p = new CapturePipeline({
      flows: () => {},
      batch: (cols, encoded) => {
        const buf = encoded();
        buffers.add(buf);
        if (cols.rows === 8) full++;
        copies.push(decodeBatch(buf.slice(0)));           // what a transport would have written
        pool.give(buf);                                   // … and then handed back
      },
      conversations: () => {},
    }, { batchRows: 8, firstBatchRows: 8, maxDelayMs: 0, batchPool: pool });
    expect(p.push(readFileSync(file))).toBeNull();
    p.finish();
    expect(full).toBeGreaterThan(3);
    expect(buffers.size).toBeLessThan(full);             // full batches were filled again in given-back buffers
    for (const c of COLUMNS) {
      const got = copies.flatMap((b) => [...(b[c.name] as Uint32Array).subarray(0, b.rows)]);
      expect(got, c.name).toEqual([...(fresh.columns[c.name] as Uint32Array).subarray(0, fresh.columns.rows)]);
    }
  });

  it('the stream writer hands a batch buffer back after writing it, never when the stream is broken', async () => {
    const out = new PassThrough();
    const writer = new StreamFrameWriter(out);
    const back: ArrayBuffer[] = [];
    const buf = new Uint8Array([1, 2, 3, 4]).buffer;
    writer.sendBatch(buf, (b) => back.push(b));
    await new Promise((r) => setImmediate(r));
    expect(back).toEqual([buf]);
    out.destroy();
    writer.sendBatch(new ArrayBuffer(4), (b) => back.push(b));
    await new Promise((r) => setImmediate(r));
    expect(back).toHaveLength(1);
  });
});
