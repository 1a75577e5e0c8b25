/**
 * IPC benchmark (`npm run bench ipc`): what the streaming protocol costs.
 * 1. A generated capture through the pipeline in this process vs. through a worker child process over the
 *    frame protocol on stdio (credits, one flat buffer per batch): packets/s, time to the first rows, and
 *    the gap between consecutive batch arrivals at full speed (p50/p95), the consumer-side latency.
 * 2. Per 10^6 rows: typed-array batches (encode → copy across a process boundary as one buffer → decode)
 *    vs. the same rows as objects (JSON, and structured clone — what Electron IPC would do).
 * Prints numbers; never fails.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serialize, deserialize } from 'node:v8';
import { runFileJob } from '../electron/capture/file-job';
import { CapturePipeline } from '../electron/capture/pipeline';
import { startWorker } from '../electron/capture/worker-process';
import { allocateColumns, COLUMNS, decodeBatch, encodeBatch, type PacketColumns } from '../shared/ipc/batch-layout';
import { encodeBatchFrame } from '../shared/ipc/encode';
import { FrameDecoder } from '../shared/ipc/frame-codec';

const DATA = fileURLToPath(new URL('./data/', import.meta.url));
const TOOLS = fileURLToPath(new URL('../../shared/tools/', import.meta.url));
const PACKETS = Number(process.env.SYNACK_BENCH_PACKETS ?? 1_000_000);

function capture(packets: number): string {
  mkdirSync(DATA, { recursive: true });
  const out = join(DATA, `ipc-${packets}.pcap`);
  if (!existsSync(out)) {
    execFileSync(process.execPath, [join(TOOLS, 'gen-pcap.mjs'), '--out', out, '--packets', String(packets), '--seed', '42', '--payload-bytes', '400'], { stdio: 'ignore' });
  }
  return out;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const line = (label: string, value: string): void => { process.stdout.write(`${label.padEnd(52)} ${value}\n`); };

/** The same pipeline in this process, each batch encoded into its flat buffer as the worker does, then dropped. */
async function inProcess(path: string): Promise<void> {
  let rows = 0;
  let first = 0;
  const t0 = performance.now();
  const pipeline = new CapturePipeline({
    flows: () => {},
    batch: (cols) => { if (!first) first = performance.now(); rows += cols.rows; encodeBatch(cols); },
    conversations: () => {},
  });
  await runFileJob(path, pipeline, { ready: () => Promise.resolve(), progress: () => {} });
  const s = (performance.now() - t0) / 1000;
  line('in-process pipeline (read+decode+track+encode batch)', `${fmt(rows / s)} packets/s  (${s.toFixed(2)} s)`);
  line('  time to first rows', `${(first - t0).toFixed(1)} ms`);
}

async function overProtocol(path: string): Promise<void> {
  const w = startWorker();
  await new Promise((r) => w.client.on('hello', r));
  let rows = 0, batches = 0, first = 0, last = 0;
  const gaps: number[] = [];
  w.client.onBatch((cols) => {
    const now = performance.now();
    if (batches === 0) first = now; else gaps.push(now - last);
    last = now;
    rows += cols.rows;
    batches++;
  });
  const ended = new Promise((r) => w.client.on('end', r));
  const t0 = performance.now();
  await w.client.invoke('file.open', { path });
  await ended;
  const s = (performance.now() - t0) / 1000;
  gaps.sort((a, b) => a - b);
  line('worker process -> stdio frames -> consumer', `${fmt(rows / s)} packets/s  (${s.toFixed(2)} s, ${batches} batches)`);
  line('  time to first rows after file.open', `${(first - t0).toFixed(1)} ms`);
  line('  batch inter-arrival p50 / p95', `${gaps[gaps.length >> 1]?.toFixed(2)} / ${gaps[Math.floor(gaps.length * 0.95)]?.toFixed(2)} ms`);
  w.child.stdin?.end();
  await w.closed;
}

/** 10^6 rows as 4,096-row typed-array batches: encode, frame, decode on the other side (one copy each way). */
function typedArrays(rows: number): { ms: number; bytes: number } {
  const cols = fill(allocateColumns(4096));
  let bytes = 0;
  const dec = new FrameDecoder((f) => { bytes += decodeBatch(f.payload.buffer as ArrayBuffer).rows > 0 ? f.payload.byteLength : 0; });
  const t0 = performance.now();
  for (let done = 0; done < rows; done += 4096) {
    cols.rows = Math.min(4096, rows - done);
    dec.push(encodeBatchFrame(encodeBatch(cols)));
  }
  return { ms: performance.now() - t0, bytes };
}

function rowObjects(rows: number, codec: 'json' | 'clone'): { ms: number; bytes: number } {
  const cols = fill(allocateColumns(4096));
  let bytes = 0;
  const t0 = performance.now();
  for (let done = 0; done < rows; done += 4096) {
    const n = Math.min(4096, rows - done);
    const objs: Record<string, number>[] = [];
    for (let i = 0; i < n; i++) {
      const o: Record<string, number> = {};
      for (const c of COLUMNS) o[c.name] = (cols[c.name] as Uint32Array)[i];
      objs.push(o);
    }
    if (codec === 'json') {
      const text = JSON.stringify(objs);
      bytes += text.length;
      JSON.parse(text);
    } else {
      const buf = serialize(objs);
      bytes += buf.length;
      deserialize(buf);
    }
  }
  return { ms: performance.now() - t0, bytes };
}

function fill(cols: PacketColumns): PacketColumns {
  for (let i = 0; i < 4096; i++) {
    for (const c of COLUMNS) (cols[c.name] as Uint32Array)[i] = (i * 2654435761) % 65536;
    cols.frame[i] = i + 1;
    cols.tsSec[i] = 1_700_000_000 + i / 1000;
  }
  return cols;
}

export default async function run(): Promise<void> {
  const path = capture(PACKETS);
  line('capture', `${fmt(PACKETS)} packets, ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB (gen-pcap, seed 42)`);
  await inProcess(path);
  await overProtocol(path);
  const M = 1_000_000;
  typedArrays(M); // warm-up: the first rounds measure the JIT, not the layout
  rowObjects(M / 10, 'json');
  rowObjects(M / 10, 'clone');
  const t = typedArrays(M);
  const j = rowObjects(M, 'json');
  const c = rowObjects(M, 'clone');
  line('per 10^6 rows: typed-array batches (encode+frame+decode)', `${t.ms.toFixed(0)} ms, ${(t.bytes / M).toFixed(0)} B/row`);
  line('per 10^6 rows: row objects via JSON', `${j.ms.toFixed(0)} ms, ${(j.bytes / M).toFixed(0)} B/row  (${(j.ms / t.ms).toFixed(1)}x)`);
  line('per 10^6 rows: row objects via structured clone', `${c.ms.toFixed(0)} ms, ${(c.bytes / M).toFixed(0)} B/row  (${(c.ms / t.ms).toFixed(1)}x)`);
}
