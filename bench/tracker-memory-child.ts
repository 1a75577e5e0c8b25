/**
 * Child process of bench/tracker-memory.bench.ts (run with --expose-gc): tracks FILE through reader →
 * decoder → TcpTracker into reused 4,096-row columns and prints one JSON line with the tracker's memory as a
 * heap delta (JS heap + ArrayBuffer backing stores, after a full GC, the columns and reader excluded), split
 * into the flow table, the conversation state and the unacked-segment pool.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createCaptureReader, type CaptureRecord } from '../shared/capture-file/capture-reader';
import { allocateColumns } from '../shared/ipc/batch-layout';
import { TcpTracker } from '../shared/tcp/tcp-tracker';
import { PacketDecoder } from '../shared/wire/packet-decoder';

const gc = globalThis.gc ?? ((): void => { throw new Error('run with --expose-gc'); });
const used = (): number => { gc(); gc(); const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };

const file = process.argv[2];
const reader = createCaptureReader();
const decoder = new PacketDecoder();
const cols = allocateColumns(4096);
const buf = new Uint8Array(1 << 20);
const before = used();
const tracker = new TcpTracker();
let packets = 0;
const onRecord = (r: CaptureRecord): void => {
  const pkt = decoder.decode(r.view, r.at, r.capLen, r.origLen, r.linkType);
  tracker.track(r, pkt, cols, packets++ & 4095);
};
const fd = openSync(file, 'r');
for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) reader.push(buf.subarray(0, n), onRecord);
closeSync(fd);
reader.end();
tracker.takeNewFlowIds(); tracker.takeChangedStreams();
const total = used() - before;
const conversations = Math.max(1, tracker.conversationCount);
const pool = tracker.pool.bytes;
process.stdout.write(`${JSON.stringify({
  packets, conversations, flows: tracker.flows.count, totalBytes: total,
  bytesPerConversation: (total - pool) / conversations, poolBytes: pool, poolBytesPerPacket: pool / Math.max(1, packets),
  liveSegments: tracker.pool.live,
})}\n`);
