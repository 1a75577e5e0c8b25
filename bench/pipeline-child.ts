/**
 * Child process of bench/pipeline.bench.ts: runs FILE through the app's own file job and CapturePipeline
 * (reader → decoder on the decode thread → TcpTracker → 4,096-row batches encoded as the worker sends them, their
 * buffers given back for the next ones as the worker does once written,
 * flow infos and the conversation summaries of every flush) with a sink that only counts
 * (SYNACK_DECODE_THREAD=off: all in one thread), and prints one JSON line with its numbers (peak
 * RSS from process.resourceUsage, pipeline memory from the heap before/after).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { BatchBufferPool } from '../electron/capture/batch-buffer-pool';
import { runFileJob } from '../electron/capture/file-job';
import { CapturePipeline } from '../electron/capture/pipeline';

const file = process.argv[2];
globalThis.gc?.();
const heapAndBuffers = (): number => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
const heap0 = heapAndBuffers();
let packets = 0, conversations = 0, batchBytes = 0;
// As the worker does once its transport has written a batch (worker-session.ts), the buffer goes back to the pool.
const batchPool = new BatchBufferPool();
const pipeline = new CapturePipeline({
  flows: () => {},
  batch: (cols, encoded) => { const b = encoded(); batchBytes += b.byteLength; packets += cols.rows; batchPool.give(b); },
  conversations: (cs) => { conversations += cs.length; },
}, { maxDelayMs: 0, batchPool });
/**
 * CPU seconds of this process's main thread (utime + stime of /proc/self/task/PID/stat, Linux): the
 * pipeline's own thread, whatever the decode thread does. Less disturbed by other load than wall time.
 */
function mainThreadCpu(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;   // clock ticks (USER_HZ = 100 on Linux)
  } catch { return NaN; }
}
/**
 * CPU seconds of this process's other threads (Linux), polled every 50 ms so a thread that ends before the
 * pipeline does (the decode thread) is still counted. Node names none of them, so the busiest is taken for
 * the decode thread; the rest are libuv's file readers and V8's helpers (compiler, GC).
 */
const otherCpu = new Map<string, number>();
function pollThreads(): void {
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      if (tid === String(process.pid)) continue;
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      otherCpu.set(tid, (Number(f[11]) + Number(f[12])) / 100);
    }
  } catch { /* not Linux, or a thread ended while being read */ }
}
const poller = setInterval(pollThreads, 50);
const cpu0 = mainThreadCpu();
const t0 = process.hrtime.bigint();
const decodeThread = process.env.SYNACK_DECODE_THREAD === 'off' ? 'off' : 'auto';
await runFileJob(file, pipeline, { ready: () => Promise.resolve(), progress: () => {}, decodeThread });
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const mainCpuSeconds = mainThreadCpu() - cpu0;
clearInterval(poller);
pollThreads();
const others = [...otherCpu.values()].sort((a, b) => b - a);
const decodeCpuSeconds = others[0] ?? 0, helperCpuSeconds = others.slice(1).reduce((x, y) => x + y, 0);
globalThis.gc?.();
const heap1 = heapAndBuffers();   // typed-array state lives in ArrayBuffers, outside heapUsed
const tracker = pipeline.tcpTracker;
const n = Math.max(1, tracker.conversationCount);
process.stdout.write(`${JSON.stringify({
  packets, seconds, mainCpuSeconds, decodeCpuSeconds, helperCpuSeconds, conversations: tracker.conversationCount, summariesSent: conversations, batchBytes,
  flows: tracker.flows.count, trackerBytes: heap1 - heap0, trackerBytesPerConversation: (heap1 - heap0) / n,
  segmentPoolBytes: tracker.pool.bytes, liveSegments: tracker.pool.live,
  peakRssBytes: process.resourceUsage().maxRSS * 1024, rowsFromThread: pipeline.recordsFromThread,
})}\n`);
