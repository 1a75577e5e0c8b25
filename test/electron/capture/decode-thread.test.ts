import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDecodeThread, type DecodeThreadFactory } from '../../../electron/capture/decode-thread-client';
import { DECODE_THREAD_MIN_BYTES } from '../../../electron/capture/file-job';
import type { FileIdentity } from '../../../electron/capture/file-source';
import { analyzeFile, type FileAnalysis } from '../../../electron/capture/pipeline';
import { COLUMNS } from '../../../shared/ipc/batch-layout';
import { generatedCapture } from '../../support/generated-capture';
import { writeFragmentsAcrossCapture } from '../../fixtures/ip-reassembly-capture';
import { CORPUS_DIR, MALFORMED_DIR, TEST_OUTPUT_DIR } from '../../support/paths';

/** Everything a consumer gets from a file (rows, flows, conversations, problem, frame locations), in comparable form. */
function comparable(a: FileAnalysis): Record<string, unknown> {
  const columns: Record<string, number[]> = {};
  for (const c of COLUMNS) columns[c.name] = Array.from(a.columns[c.name] as ArrayLike<number>);
  const last = a.columns.rows > 0 ? a.columns.frame[a.columns.rows - 1] : 0;
  const locations = Array.from({ length: last + 1 }, (_, f) => a.index.get(f));
  return { rows: a.columns.rows, columns, flows: a.flows, conversations: a.conversations, problem: a.problem, locations };
}

const captures = [
  ...readdirSync(CORPUS_DIR).filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join(CORPUS_DIR, f)),
  ...readdirSync(MALFORMED_DIR).filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join(MALFORMED_DIR, f)),
];

/** The real decode thread, killed (terminate(): as abrupt as a crash) when it posts its `afterBlocks`-th block. */
function dyingThread(afterBlocks: number): DecodeThreadFactory & { killed: boolean } {
  const factory = Object.assign((path: string, identity: FileIdentity) => {
    const t = startDecodeThread(path, identity);
    let blocks = 0;
    return {
      identity,
      get pending() { return t.pending; },
      next: async () => {
        const e = await t.next();
        if (e.type === 'block' && ++blocks === afterBlocks) { factory.killed = true; await t.terminate(); return { type: 'died' as const, message: 'killed by the test' }; }
        return e;
      },
      recycle: (b: Parameters<typeof t.recycle>[0]) => t.recycle(b),
      terminate: () => t.terminate(),
    };
  }, { killed: false });
  return factory;
}

describe('decode thread', () => {
  it.each(captures.map((c) => [c.split('/').pop()!, c]))('%s: rows, flows, conversations and problem are the same read on the decode thread as in one thread', async (_n, path) => {
    const here = await analyzeFile(path, { decodeThread: 'off' });
    const threaded = await analyzeFile(path, { decodeThread: 'only' });
    expect(comparable(threaded)).toEqual(comparable(here));
    expect(threaded.rowsFromThread).toBe(threaded.columns.rows);
  });

  it('a large file starts in this thread and switches to the decode thread without losing or repeating a record', async () => {
    // Large enough that the thread has started before this thread reaches the end: at 100,000 packets a slow thread
    // start (tsx registering from sources, a busy machine) sometimes came after the last record.
    const path = generatedCapture(400_000, 11, 100);
    expect(statSync(path).size).toBeGreaterThanOrEqual(DECODE_THREAD_MIN_BYTES);
    const here = await analyzeFile(path, { decodeThread: 'off' });
    const auto = await analyzeFile(path, { decodeThread: 'auto' });
    expect(comparable(auto)).toEqual(comparable(here));
    expect(here.rowsFromThread).toBe(0);
    expect(auto.rowsFromThread).toBeGreaterThan(0);
    expect(auto.rowsFromThread).toBeLessThan(400_000);   // the first rows were read here while the thread started
  });

  it('a decode thread that dies part-way loses nothing: the rest of the file is read in this thread', async () => {
    const path = generatedCapture(100_000, 11, 400);
    const here = await analyzeFile(path, { decodeThread: 'off' });
    const dying = dyingThread(3);
    const after = await analyzeFile(path, { decodeThread: 'only', threadFactory: dying });
    expect(dying.killed).toBe(true);
    expect(comparable(after)).toEqual(comparable(here));
    expect(after.rowsFromThread).toBe(2 * 4096);
  });

  it('a datagram whose fragments straddle a dying thread\'s last rows is still reassembled by this thread', async () => {
    // The thread's first two blocks (8,192 records) are kept; the first fragment is among them, the rest after.
    const path = writeFragmentsAcrossCapture(8190, 9000);
    const here = await analyzeFile(path, { decodeThread: 'off' });
    const row = here.columns.frame.indexOf(8211);
    expect(here.columns.payloadLen[row]).toBe(300);
    const dying = dyingThread(3);
    const after = await analyzeFile(path, { decodeThread: 'only', threadFactory: dying });
    expect(dying.killed).toBe(true);
    expect(after.rowsFromThread).toBe(2 * 4096);
    expect(comparable(after)).toEqual(comparable(here));
  });

  it('a decode thread that finds another file at the path (replaced while opening) stops; the job reads its own file whole', async () => {
    const path = generatedCapture(100_000, 11, 400), other = generatedCapture(100_000, 12, 400);
    const expected = await analyzeFile(path, { decodeThread: 'off' });
    // The thread opens the path after the job did; here it finds the other file there.
    const replaced = (_p: string, identity: FileIdentity) => startDecodeThread(other, identity);
    const got = await analyzeFile(path, { decodeThread: 'auto', threadFactory: replaced });
    expect(comparable(got)).toEqual(comparable(expected));
    expect(got.rowsFromThread).toBe(0);
  });

  it('reads a gzip-compressed capture on the decode thread', async () => {
    const src = generatedCapture(5_000, 5, 100);
    const gz = join(TEST_OUTPUT_DIR, 'gen-5000-s5-p100.pcap.gz');
    if (!existsSync(gz)) execFileSync('sh', ['-c', `gzip -c '${src}' > '${gz}'`]);
    const here = await analyzeFile(src, { decodeThread: 'off' });
    const threaded = await analyzeFile(gz, { decodeThread: 'only' });
    expect(comparable(threaded)).toEqual(comparable(here));
    expect(threaded.rowsFromThread).toBe(5_000);
  });
});
