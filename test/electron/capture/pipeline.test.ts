import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, CapturePipeline, type PipelineSink } from '../../../electron/capture/pipeline';
import { decodeBatch, type PacketColumns } from '../../../shared/ipc/batch-layout';
import { generatedCapture } from '../../support/generated-capture';
import { SEED_DIR, SEED_PCAP } from '../../support/paths';

/** A sink that records the order of calls and copies of the frame numbers. */
function recordingSink(): PipelineSink & { calls: string[]; frames: number[] } {
  const calls: string[] = [];
  const frames: number[] = [];
  return {
    calls, frames,
    flows: (f) => calls.push(`flows:${f.length}`),
    batch: (cols: PacketColumns) => { calls.push(`batch:${cols.rows}`); for (let i = 0; i < cols.rows; i++) frames.push(cols.frame[i]); },
    conversations: (c) => calls.push(`conversations:${c.length}`),
  };
}

// tcpdump -r seed-lo0.pcap: 00:35:50.265450 … the first SYN, 127.0.0.1.57273 > 127.0.0.1.8080, IP length 64
describe('capture pipeline', () => {
  it('analyzeFile turns the seed into 9 rows with record columns and the decoded TCP flags', async () => {
    const a = await analyzeFile(SEED_PCAP);
    expect(a.problem).toBeNull();
    expect(a.columns.rows).toBe(9);
    expect([...a.columns.frame]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...a.columns.tcpFlags]).toEqual([0x002, 0x012, 0x010, 0x010, 0x011, 0x010, 0x010, 0x011, 0x010]);
    expect(a.columns.tsNsec[0]).toBe(265_450_000);
    expect(a.columns.origLen[0]).toBe(68); // 4-byte BSD loopback header + 64-byte IP packet
    expect(a.columns.fileOffset[0]).toBe(40);
    expect(a.columns.l3[0]).toBe(4);
    expect(a.columns.proto[0]).toBe(6);
  });

  it('analyzeFile agrees with tshark on the seed: stream, relative seq/ack, one closed conversation', async () => {
    const tsv = readFileSync(join(SEED_DIR, 'seed-lo0.tshark.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    const a = await analyzeFile(SEED_PCAP);
    expect([...a.columns.stream]).toEqual(tsv.map((r) => Number(r[1])));
    expect([...a.columns.seqRel]).toEqual(tsv.map((r) => Number(r[3])));
    expect([...a.columns.ackRel]).toEqual(tsv.map((r) => Number(r[4])));
    expect(a.flows).toMatchObject([{ id: 0, l3: 4, proto: 6, addrA: '127.0.0.1', addrB: '127.0.0.1', portA: 8080, portB: 57273, stream: 0 }]);
    expect(a.conversations).toHaveLength(1);
    expect(a.conversations[0]).toMatchObject({
      stream: 0, flow: 0, portA: 8080, portB: 57273, clientDir: 1, firstFrame: 1, lastFrame: 9,
      completeness: 23, end: 'closed', expert: { dupAcks: 1 },
    });
    expect(a.conversations[0].packetsA + a.conversations[0].packetsB).toBe(9);
    expect(a.conversations[0].irttNs).toBeGreaterThan(0);
  });

  it('flushes by count: full batches of batchRows, flows before the batch that uses them', async () => {
    const sink = recordingSink();
    const p = new CapturePipeline(sink, { batchRows: 4, firstBatchRows: 4, maxDelayMs: 0 });
    expect(p.push(readFileSync(SEED_PCAP))).toBeNull();
    expect(sink.calls.filter((c) => c.startsWith('batch'))).toEqual(['batch:4', 'batch:4']);
    expect(p.finish()).toBeNull();
    expect(sink.calls.filter((c) => c.startsWith('batch'))).toEqual(['batch:4', 'batch:4', 'batch:1']);
    expect(sink.frames).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const firstFlows = sink.calls.findIndex((c) => c.startsWith('flows'));
    if (firstFlows >= 0) expect(firstFlows).toBeLessThan(sink.calls.indexOf('batch:4'));
  });

  it('a full batch is sent in the pipeline\'s own buffer (no copy), and batches a sink keeps stay intact', () => {
    const kept: ArrayBuffer[] = [];
    const own: boolean[] = [];
    const p = new CapturePipeline({
      flows: () => {}, conversations: () => {},
      batch: (cols, encoded) => { const buf = encoded(); own.push(buf === cols.frame.buffer); expect(encoded()).toBe(buf); kept.push(buf); },
    }, { batchRows: 4, firstBatchRows: 4, maxDelayMs: 0 });
    p.push(readFileSync(SEED_PCAP));
    p.finish();
    expect(own).toEqual([true, true, false]);                 // the last batch (1 row) is copied out of a 4-row buffer
    expect(kept.map((b) => [...decodeBatch(b).frame])).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
    expect(kept.map((b) => [...decodeBatch(b).stream])).toEqual([[0, 0, 0, 0], [0, 0, 0, 0], [0]]);
  });

  it('conversation updates ride on full batches at most every summaryIntervalMs; the last flush sends every one held back', () => {
    const sink = recordingSink();
    const p = new CapturePipeline(sink, { batchRows: 2, firstBatchRows: 2, maxDelayMs: 0, summaryIntervalMs: 60_000 });
    p.push(readFileSync(SEED_PCAP));
    expect(sink.calls).toEqual(['flows:1', 'batch:2', 'conversations:1', 'batch:2', 'batch:2', 'batch:2']);
    p.finish();
    expect(sink.calls.slice(6)).toEqual(['batch:1', 'conversations:1']);
    const every = recordingSink();
    const q = new CapturePipeline(every, { batchRows: 2, firstBatchRows: 2, maxDelayMs: 0, summaryIntervalMs: 0 });
    q.push(readFileSync(SEED_PCAP));
    expect(every.calls.filter((c) => c.startsWith('conv'))).toHaveLength(4);
  });

  it('held-back conversation updates leave within maxDelayMs when no more rows come (a live capture gone quiet)', async () => {
    const sink = recordingSink();
    const p = new CapturePipeline(sink, { batchRows: 3, firstBatchRows: 3, maxDelayMs: 20, summaryIntervalMs: 60_000 });
    p.push(readFileSync(SEED_PCAP));                          // 9 rows: three full batches, nothing left over
    expect(sink.calls).toEqual(['flows:1', 'batch:3', 'conversations:1', 'batch:3', 'batch:3']);
    await new Promise((r) => setTimeout(r, 80));
    expect(sink.calls.slice(5)).toEqual(['conversations:1']);
    p.dispose();
  });

  it('sends a small first batch so the first rows show at once, then full batches', () => {
    const sink = recordingSink();
    const p = new CapturePipeline(sink, { batchRows: 4, firstBatchRows: 2, maxDelayMs: 0 });
    p.push(readFileSync(SEED_PCAP));
    p.finish();
    expect(sink.calls.filter((c) => c.startsWith('batch'))).toEqual(['batch:2', 'batch:4', 'batch:3']);
  });

  it('flushes a partial batch after at most maxDelayMs without more input', async () => {
    const sink = recordingSink();
    const p = new CapturePipeline(sink, { batchRows: 4096, maxDelayMs: 20 });
    p.push(readFileSync(SEED_PCAP));
    expect(sink.frames).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    expect(sink.frames).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    p.dispose();
  });

  it('gives the same rows whatever the chunk size', async () => {
    const bytes = readFileSync(generatedCapture(60_000)).subarray(0, 300_000);
    const run = (size: number): number[] => {
      const sink = recordingSink();
      const p = new CapturePipeline(sink, { maxDelayMs: 0 });
      for (let at = 0; at < bytes.length; at += size) p.push(bytes.subarray(at, at + size));
      p.finish();
      return sink.frames;
    };
    const whole = run(bytes.length);
    expect(whole.length).toBeGreaterThan(1000);
    expect(run(7)).toEqual(whole);
    expect(run(4096)).toEqual(whole);
  });

  it('keeps the rows before a truncated last record and reports the problem', async () => {
    const bytes = readFileSync(SEED_PCAP);
    const sink = recordingSink();
    const p = new CapturePipeline(sink, { maxDelayMs: 0 });
    p.push(bytes.subarray(0, bytes.length - 10));
    expect(p.finish()).toMatchObject({ code: 'truncated' });
    expect(sink.frames).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
