/**
 * Child process for bench/decode.bench.ts, so each measurement gets a fresh heap and its own peak RSS:
 *   decode-child.ts MODE FILE   MODE = read | decode | text
 * read: capture reader only; decode: reader + PacketDecoder per packet; text: reader + decoder + tcpdump -vv
 * text per packet (built, not written). Prints one JSON line: packets, bytes, seconds, maxRssKiB.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createCaptureReader, type CaptureRecord } from '../shared/capture-file/capture-reader';
import { PacketDecoder } from '../shared/wire/packet-decoder';
import { TcpdumpFormatter } from '../shared/format/tcpdump-line';

const [mode, file] = process.argv.slice(2);
if (!file || !['read', 'decode', 'text'].includes(mode)) {
  process.stderr.write('usage: decode-child.ts read|decode|text FILE\n');
  process.exit(2);
}

const reader = createCaptureReader();
const decoder = new PacketDecoder();
const formatter = new TcpdumpFormatter({ time: 'epoch' });
let packets = 0, checksum = 0;
const onRecord: (r: CaptureRecord) => void =
  mode === 'read' ? (r) => { packets++; checksum += r.capLen; }
    : mode === 'decode' ? (r) => { packets++; checksum += decoder.decode(r.view, r.at, r.capLen, r.origLen, r.linkType).payloadLen; }
      : (r) => { packets++; checksum += formatter.format(r, decoder.decode(r.view, r.at, r.capLen, r.origLen, r.linkType)).length; };

const buf = new Uint8Array(1 << 20);
let bytes = 0;
const fd = openSync(file, 'r');
const t0 = process.hrtime.bigint();
for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) {
  bytes += n;
  const problem = reader.push(buf.subarray(0, n), onRecord);
  if (problem) throw new Error(problem.message);
}
reader.end();
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
closeSync(fd);
process.stdout.write(`${JSON.stringify({ packets, bytes, seconds, maxRssKiB: process.resourceUsage().maxRSS, checksum })}\n`);
