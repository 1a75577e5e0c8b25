/**
 * Child process of bench/pipeline.bench.ts: reads FILE through reader → decoder → TcpTracker into reused
 * 4,096-row columns, builds the conversation table at the end, and prints one JSON line with its numbers
 * (peak RSS from process.resourceUsage, tracker memory from the heap before/after).
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { createCaptureReader, type CaptureRecord } from '../shared/capture-file/capture-reader';
import { allocateColumns } from '../shared/ipc/batch-layout';
import { conversationSummary } from '../shared/tcp/conversation-summary';
import { TcpTracker } from '../shared/tcp/tcp-tracker';
import { PacketDecoder } from '../shared/wire/packet-decoder';

const file = process.argv[2];
const mode = process.argv[3] ?? 'pipeline';
globalThis.gc?.();
const heapAndBuffers = (): number => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
const heap0 = heapAndBuffers();
const reader = createCaptureReader();
const decoder = new PacketDecoder();
const tracker = new TcpTracker();
const cols = allocateColumns(4096);
let packets = 0;
const onRecord = (r: CaptureRecord): void => {
  const pkt = decoder.decode(r.view, r.at, r.capLen, r.origLen, r.linkType);
  if (mode === 'decode') { packets++; return; }
  const row = cols.rows++;
  cols.frame[row] = r.frame; cols.tsSec[row] = r.tsSec; cols.tsNsec[row] = r.tsNsec;
  cols.capLen[row] = r.capLen; cols.origLen[row] = r.origLen; cols.fileOffset[row] = r.fileOffset;
  tracker.track(r, pkt, cols, row);
  if (cols.rows === 4096) cols.rows = 0;
  packets++;
};
const t0 = process.hrtime.bigint();
const fd = openSync(file, 'r');
const buf = new Uint8Array(1 << 20);
for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) reader.push(buf.subarray(0, n), onRecord);
closeSync(fd);
reader.end();
let convs = 0;
if (mode === 'pipeline') for (let s = 0; s < tracker.conversationCount; s++) { conversationSummary(tracker, s); convs++; }
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
globalThis.gc?.();
const heap1 = heapAndBuffers();   // typed-array state lives in ArrayBuffers, outside heapUsed
const n = Math.max(1, tracker.conversationCount);
process.stdout.write(`${JSON.stringify({
  packets, seconds, conversations: convs, flows: tracker.flows.count,
  trackerBytes: heap1 - heap0, trackerBytesPerConversation: (heap1 - heap0) / n,
  segmentPoolBytes: tracker.pool.bytes, liveSegments: tracker.pool.live,
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
})}\n`);
