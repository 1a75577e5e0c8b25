/**
 * The worker's `filter.bytes` answer: a display filter's `contains`/`matches` tests run on packet bytes, which only the
 * worker can read (the consumer holds columns, not bytes). The filter is compiled here as the consumer compiled it, so
 * its byte tests come in the same order (CompiledFilter.byteTests); the consumer evaluates the rest of the filter on its
 * columns and reads these results by frame (FilterContext.byteMatch).
 *
 * One pass over the capture by path — a file that is still loading, or a live session's pcapng so far — through the
 * reader and the decoder (IP reassembly on, as the pipeline's, so `tcp.payload` is the reassembled segment's), up to
 * `throughFrame`. Frames before `fromFrame` are decoded only (a datagram's first fragments may come before) and not
 * tested. Memory: one bitmap per test, bounded by MAX_BYTE_MATCH_BITS.
 */
import { createCaptureReader, type CaptureRecord } from '../../shared/capture-file/capture-reader';
import { compileFilter, type ByteTest } from '../../shared/filter/compile';
import { packetBytes } from '../../shared/filter/packet-bytes';
import { MAX_BYTE_MATCH_BITS, MAX_BYTE_TESTS, type FilterBytesRequest, type FilterBytesResult } from '../../shared/ipc/contract';
import { PacketDecoder } from '../../shared/wire/packet-decoder';
import { openCaptureFile } from './file-source';

/** A request this pass cannot answer (bad filter, too many results); its message is for the user. */
export class ByteMatchRefusal extends Error {}

/** The byte tests of `filter`, or why the worker will not run them. */
function byteTestsOf(req: FilterBytesRequest): ByteTest[] {
  const compiled = compileFilter(req.filter);
  if (!compiled.ok) throw new ByteMatchRefusal(`the filter does not compile here: ${compiled.error.message}`);
  const tests = compiled.filter.byteTests;
  if (tests.length === 0) throw new ByteMatchRefusal('the filter has no contains or matches to run on packet bytes');
  if (tests.length > MAX_BYTE_TESTS) throw new ByteMatchRefusal(`the filter has ${tests.length} contains/matches; at most ${MAX_BYTE_TESTS} can run`);
  const frames = req.throughFrame - req.fromFrame + 1;
  if (frames * tests.length > MAX_BYTE_MATCH_BITS) {
    throw new ByteMatchRefusal(`frames ${req.fromFrame}–${req.throughFrame} with ${tests.length} contains/matches would need more than `
      + `${MAX_BYTE_MATCH_BITS} result bits; ask for fewer frames at a time`);
  }
  return [...tests];
}

/** `onProgress(frame)`: called after each chunk of the file with the last frame read (the thread's heartbeat). */
export async function byteMatches(path: string, req: FilterBytesRequest, onProgress?: (frame: number) => void): Promise<FilterBytesResult> {
  const tests = byteTestsOf(req);
  const from = req.fromFrame, through = req.throughFrame;
  const bits = tests.map(() => new Uint8Array(Math.ceil((through - from + 1) / 8)));
  const decoder = new PacketDecoder({ reassemble: true });
  let last = from - 1, done = false, read = 0;
  const onRecord = (r: CaptureRecord): void => {
    read = r.frame;
    if (r.frame > through) { done = true; return; }
    const pkt = decoder.decode(r.view, r.at, r.capLen, r.origLen, r.linkType);
    if (r.frame < from) return;
    const rec = decoder.frameRecord(r), i = r.frame - from;
    for (let k = 0; k < tests.length; k++) {
      const bytes = packetBytes(rec, pkt, tests[k].field);
      if (bytes !== null && tests[k].test(bytes)) bits[k][i >> 3] |= 1 << (i & 7);
    }
    last = r.frame;
  };
  const reader = createCaptureReader();
  const chunks = await openCaptureFile(path, { chunkBytes: 1 << 20 });
  try {
    // A damaged record ends the pass where the pipeline's reading ended too: the frames before it are answered.
    let problem = null;
    for (let chunk = await chunks.next(); chunk && !done; chunk = await chunks.next()) {
      if ((problem = reader.push(chunk, onRecord))) break;
      onProgress?.(read);
    }
    if (!problem && !done) reader.end();   // a short pcap's records come once its end is known (capture-reader.ts)
  } finally {
    await chunks.close();
  }
  const frames = Math.max(0, last - from + 1), size = Math.ceil(frames / 8);
  return { fromFrame: from, frames, matches: bits.map((b) => b.slice(0, size)) };
}
