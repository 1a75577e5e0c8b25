import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { dirname } from 'node:path';
import { spawnWorker, startWorker, stderrTail, type WorkerConnection } from '../../../electron/capture/worker-process';
import { DECODE_THREAD_MIN_BYTES } from '../../../electron/capture/file-job';
import { listenForWorker } from '../../../electron/capture/worker-socket';
import { TOKEN_FILE } from '../../../electron/capture/worker-token';
import { readFrames } from '../../../electron/capture/stream-transport';
import { encodeFrame } from '../../../shared/ipc/frame-codec';
import { PROTOCOL_VERSION, type ErrorInfo, type EventPayload } from '../../../shared/ipc/contract';
import { BATCH_VERSION } from '../../../shared/ipc/batch-layout';
import { encodeRequest } from '../../../shared/ipc/encode';
import { IpcClient, IpcError } from '../../../shared/ipc/ipc-client';
import { generatedCapture } from '../../support/generated-capture';
import { CORPUS_DIR, SEED_PCAP } from '../../support/paths';
import { writeReassemblyCapture, writeReassemblyConflictCapture } from '../../fixtures/ip-reassembly-capture';

/** Everything a worker sends for one source, gathered until `end`. */
function gather(w: WorkerConnection) {
  const frames: number[] = [];
  const rowsPerBatch: number[] = [];
  const progress: EventPayload<'file.progress'>[] = [];
  const errors: ErrorInfo[] = [];
  w.client.onBatch((cols) => {
    rowsPerBatch.push(cols.rows);
    for (let i = 0; i < cols.rows; i++) frames.push(cols.frame[i]);
  });
  w.client.on('file.progress', (p) => progress.push(p));
  w.client.on('error', (e) => errors.push(e));
  const fileEnd = new Promise<EventPayload<'file.end'>>((resolve) => w.client.on('file.end', resolve));
  const end = new Promise<EventPayload<'end'>>((resolve) => w.client.on('end', resolve));
  return { frames, rowsPerBatch, progress, errors, fileEnd, end };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The environment pkexec leaves an elevated program (simulated): nothing but PATH. */
const PKEXEC_ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

/** Polls until `cond` holds (or 20 s pass, which fails the test). */
async function waitFor(cond: () => boolean): Promise<void> {
  for (let t = 0; !cond(); t += 20) {
    if (t > 20_000) throw new Error('condition not reached in 20 s');
    await wait(20);
  }
}

/** Peak resident memory of a process in MiB (Linux /proc). */
async function peakRssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function stop(w: WorkerConnection) {
  w.child.stdin?.end();
  return w.closed;
}

describe('capture worker over stdio', () => {
  it('greets with hello, streams the seed and answers packet.detail from the file', async () => {
    const w = startWorker();
    const hello = await new Promise<EventPayload<'hello'>>((resolve) => w.client.on('hello', resolve));
    expect(hello).toMatchObject({ protocol: PROTOCOL_VERSION, batchVersion: BATCH_VERSION, pid: w.child.pid });
    const got = gather(w);
    const opened = await w.client.invoke('file.open', { path: SEED_PCAP });
    expect(opened).toMatchObject({ path: SEED_PCAP, bytesTotal: 696 });
    expect(await got.end).toMatchObject({ source: opened.source, reason: 'complete', frames: 9 });
    expect(await got.fileEnd).toMatchObject({ frames: 9, bytesRead: 696, problem: null });
    expect(got.frames).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const detail = await w.client.invoke('packet.detail', { frame: 1 });
    const file = await readFile(SEED_PCAP);
    // frame 1: 24-byte file header + 16-byte record header, then the packet
    expect([...detail.bytes]).toEqual([...file.subarray(40, 40 + detail.capLen)]);
    expect(detail.tree.length).toBeGreaterThan(0);
    await expect(w.client.invoke('packet.detail', { frame: 10 })).rejects.toMatchObject({ info: { code: 'frame.unknown' } });
    expect(got.errors).toEqual([]);
    expect(await stop(w)).toMatchObject({ code: 0 });
  });

  it('answers packet.why with each flag\'s rule and numbers (validated on both sides), and refuses frames it does not have', async () => {
    const w = startWorker();
    await expect(w.client.invoke('packet.why', { frame: 7 })).rejects.toMatchObject({ info: { code: 'frame.unknown' } });
    const got = gather(w);
    await w.client.invoke('file.open', { path: SEED_PCAP });
    await got.end;
    const seven = await w.client.invoke('packet.why', { frame: 7 }), two = await w.client.invoke('packet.why', { frame: 2 });
    expect(seven).toEqual({ frame: 7, flags: [{ field: 'tcp.analysis.duplicate_ack',
      because: 'No data, seq 2 = next expected, ack 1 and window 12759 unchanged since frame 3: duplicate #1.',
      notBecause: 'not a window update: the window did not change.' }] });
    expect(two).toEqual({ frame: 2, flags: [] });
    // With the row's stream and flags (as the window asks): the same answer, from the stream's first frame.
    expect(await w.client.invoke('packet.why', { frame: 7, stream: 0, analysis: 0x10 })).toEqual(seven);
    // A stream the worker does not have is no hint: the answer comes from the file's start.
    expect(await w.client.invoke('packet.why', { frame: 7, stream: 99, analysis: 0x10 })).toEqual(seven);
    await expect(w.client.invoke('packet.why', { frame: 10 })).rejects.toMatchObject({ info: { code: 'frame.unknown' } });
    // A newer question withdraws an older one still reading the file (the last of 20,000 packets, several chunks on):
    // the older is refused, the newer answered.
    const big = gather(w);
    await w.client.invoke('file.open', { path: generatedCapture(20_000) });
    await big.end;
    const older = w.client.invoke('packet.why', { frame: 20_000 }).catch((e: { info?: unknown }) => e.info);
    expect(await w.client.invoke('packet.why', { frame: 1 })).toEqual({ frame: 1, flags: [] });
    expect(await older).toMatchObject({ code: 'request.failed', message: /frame 20000 was withdrawn/ });
    await expect(w.client.invoke('packet.why', { frame: 20_001 })).rejects.toMatchObject({ info: { code: 'frame.unknown' } });
    expect(got.errors).toEqual([]);
    expect(await stop(w)).toMatchObject({ code: 0 });
  });

  it('answers stream.follow with the stream\'s data in order (validated on both sides), and refuses it with nothing open', async () => {
    const w = startWorker();
    await expect(w.client.invoke('stream.follow', { stream: 0 })).rejects.toMatchObject({ info: { code: 'request.failed' } });
    const got = gather(w);
    const path = join(CORPUS_DIR, 'zeek__http__206_example_b.pcap');
    await w.client.invoke('file.open', { path });
    await got.end;
    const f = await w.client.invoke('stream.follow', { stream: 0 });
    expect(f.nodes).toEqual([{ addr: '192.168.72.14', port: 3254 }, { addr: '65.54.95.206', port: 80 }]);
    expect(String.fromCharCode(...f.records[0].data.subarray(0, 4))).toBe('GET ');
    expect(f.records[0]).toMatchObject({ server: false, frame: 4, missing: false });
    expect(f.records[1]).toMatchObject({ server: true, frame: 5 });
    expect(f.bytes[0]).toBe(f.records.filter((r) => !r.server).reduce((n, r) => n + r.data.length, 0));
    expect(f.truncated).toBe(false);
    // A stream number past the last one: an empty answer, as tshark's follow of a missing stream.
    expect(await w.client.invoke('stream.follow', { stream: 99 })).toEqual({ stream: 99, nodes: [], records: [], bytes: [0, 0], truncated: false });
    await expect(w.client.invoke('stream.follow', { stream: -1 } as never)).rejects.toMatchObject({ info: { code: 'message.invalid' } });
    expect(got.errors).toEqual([]);
    expect(await stop(w)).toMatchObject({ code: 0 });
  });

  it('answers filter.bytes with a bitmap per contains/matches (validated on both sides), and refuses what it cannot run', async () => {
    const w = startWorker();
    const req = { filter: 'frame contains "GET"', fromFrame: 1, throughFrame: 10 };
    await expect(w.client.invoke('filter.bytes', req)).rejects.toMatchObject({ info: { code: 'request.failed' } });
    const got = gather(w);
    await w.client.invoke('file.open', { path: join(CORPUS_DIR, 'zeek__http__206_example_b.pcap') });
    await got.end;
    // Frame 4 carries the GET; frame 5 the reply, whose payload starts "HTTP/1.1".
    const r = await w.client.invoke('filter.bytes', { filter: 'tcp.stream == 0 && (frame contains "GET" || tcp.payload matches "^http/1")', fromFrame: 2, throughFrame: 9 });
    expect(r.fromFrame).toBe(2);
    expect(r.frames).toBe(8);
    expect(r.matches.map((m) => [...m])).toEqual([[1 << (4 - 2)], [1 << (5 - 2)]]);
    // Past the last frame: the frames there are.
    const all = await w.client.invoke('filter.bytes', { filter: 'frame contains "GET"', fromFrame: 1, throughFrame: 0xffffffff >>> 8 });
    expect(all.frames).toBe(got.frames.length);
    await expect(w.client.invoke('filter.bytes', { filter: 'tcp.port == 80', fromFrame: 1, throughFrame: 10 }))
      .rejects.toMatchObject({ info: { code: 'request.failed', message: 'the filter has no contains or matches to run on packet bytes' } });
    await expect(w.client.invoke('filter.bytes', { filter: 'frame contains', fromFrame: 1, throughFrame: 10 }))
      .rejects.toMatchObject({ info: { code: 'request.failed', message: expect.stringMatching(/^the filter does not compile here: /) } });
    await expect(w.client.invoke('filter.bytes', { filter: 'frame contains "a" || frame contains "b"', fromFrame: 1, throughFrame: 40_000_000 }))
      .rejects.toMatchObject({ info: { code: 'request.failed', message: expect.stringMatching(/would need more than 67108864 result bits/) } });
    await expect(w.client.invoke('filter.bytes', { filter: 'frame contains "GET"', fromFrame: 5, throughFrame: 4 }))
      .rejects.toMatchObject({ info: { code: 'message.invalid' } });
    expect(got.errors).toEqual([]);
    expect(await stop(w)).toMatchObject({ code: 0 });
  });

  it('shows the frame that completes an IP datagram as the reassembled datagram, headed by its fragments', async () => {
    const w = startWorker();
    const seq = (bytes: Uint8Array): number => new DataView(bytes.buffer, bytes.byteOffset).getUint32(14 + 20 + 4);
    for (const [path, frame, fragments, expectedSeq] of [
      [writeReassemblyCapture(), 5, [3, 4, 5], 101],
      // The conflicting fragment that came first wins, as in the packet list (reassemble.c): seq 8001, not 401.
      [writeReassemblyConflictCapture(), 10, [7, 8, 9, 10], 8001],
    ] as const) {
      const got = gather(w);
      await w.client.invoke('file.open', { path });
      await got.end;
      const d = await w.client.invoke('packet.detail', { frame });
      expect(d.tree[0].label).toBe('Reassembled IPv4 datagram');
      expect(d.tree[0].children?.map((c) => c.label)).toEqual(fragments.map((f) => `Frame ${f}`));
      expect(d.bytes.length).toBe(14 + 20 + 20 + 300);
      expect(seq(d.bytes)).toBe(expectedSeq);
      expect(d.tree.some((n) => n.label.startsWith('Transmission Control Protocol'))).toBe(true);
      expect(d.tree[1]).toMatchObject({ label: `Frame ${d.frame}`, value: expect.stringMatching(new RegExp(`^${d.origLen} bytes on wire \\(\\d+ bits\\), ${d.capLen} bytes captured \\(\\d+ bits\\); shown reassembled as 354 bytes`)) });
      const fragment = await w.client.invoke('packet.detail', { frame: fragments[0] });
      expect(fragment.tree[0]).toMatchObject({ label: 'IPv4 fragment', value: expect.stringContaining(`reassembled in frame ${frame} (`) });
      expect(fragment.bytes.length).toBe(fragment.capLen);
      expect(got.errors).toEqual([]);
    }
    // Frame 13 of the first capture is a first fragment whose datagram never completes.
    const got = gather(w);
    await w.client.invoke('file.open', { path: writeReassemblyCapture() });
    await got.end;
    const lone = await w.client.invoke('packet.detail', { frame: 13 });
    expect(lone.tree[0]).toMatchObject({ label: 'IP fragment', value: expect.stringMatching(/^not reassembled/) });
    expect(await stop(w)).toMatchObject({ code: 0 });
  });

  it('delivers every row of a generated capture in order, never more batches in flight than credits', async () => {
    const path = generatedCapture(60_000);
    const w = startWorker([], { autoCredit: false, initialCredits: 3 });
    const got = gather(w);
    let inFlight = 3;
    let maxOutstanding = 0;
    w.client.onBatch(() => {
      inFlight--;
      maxOutstanding = Math.max(maxOutstanding, 3 - inFlight);
      expect(inFlight).toBeGreaterThanOrEqual(0);
      setTimeout(() => { inFlight++; w.client.grant(1); }, 0);
    });
    await w.client.invoke('file.open', { path });
    expect(await got.end).toMatchObject({ reason: 'complete', frames: 60_000 });
    expect(got.frames.length).toBe(60_000);
    expect(got.frames.every((f, i) => f === i + 1)).toBe(true);
    expect(Math.max(...got.rowsPerBatch)).toBeLessThanOrEqual(4096);
    expect(got.progress.at(-1)).toMatchObject({ bytesRead: statSync(path).size, frames: 60_000 });
    expect(got.errors).toEqual([]);
    await stop(w);
  });

  it('with no credits it reads nothing, still answers, and resumes exactly as far as credits allow', async () => {
    const path = generatedCapture(300_000);
    const w = startWorker([], { autoCredit: false, initialCredits: 0 });
    const got = gather(w);
    await w.client.invoke('file.open', { path });
    await wait(1500);
    expect(got.rowsPerBatch).toEqual([]);
    expect(got.progress).toEqual([]);
    // it still answers while paused
    await expect(w.client.invoke('packet.detail', { frame: 1 })).rejects.toMatchObject({ info: { code: 'frame.unknown' } });
    w.client.grant(2);
    await waitFor(() => got.rowsPerBatch.length >= 2);
    await wait(500);
    expect(got.rowsPerBatch).toHaveLength(2);
    expect(got.rowsPerBatch[0]).toBe(256);
    // reading stopped again within one 256 KiB chunk of the rows it could send
    expect(got.progress.at(-1)?.frames ?? 0).toBeLessThan(8192 + 256 * 1024 / 60);
    await expect(w.client.invoke('packet.detail', { frame: 1 })).resolves.toMatchObject({ frame: 1 });
    expect(await peakRssMiB(w.child.pid as number)).toBeLessThan(200);
    await w.client.invoke('file.cancel', {});
    expect(await got.end).toMatchObject({ reason: 'cancelled' });
    await stop(w);
  });

  it('a consumer that stops reading its pipe pauses the worker; when it reads again every row arrives', async () => {
    const path = generatedCapture(300_000);
    const w = startWorker();
    const got = gather(w);
    await w.client.invoke('file.open', { path });
    w.child.stdout?.pause();
    await wait(1500);
    const io = await readFile(`/proc/${w.child.pid}/io`, 'utf8');
    const readBytes = Number(/rchar:\s+(\d+)/.exec(io)?.[1]);
    // node + tsx load their modules (a few MB); the 46 MB capture itself is not read on
    expect(readBytes).toBeLessThan(statSync(path).size / 2);
    w.child.stdout?.resume();
    expect(await got.end).toMatchObject({ reason: 'complete', frames: 300_000 });
    expect(got.frames.length).toBe(300_000);
    await stop(w);
  });

  it('streams a big file in bounded memory: peak RSS grows by far less than the file size', async () => {
    const peakAfter = async (path: string): Promise<number> => {
      const w = startWorker();
      const got = gather(w);
      await w.client.invoke('file.open', { path });
      await got.end;
      const peak = await peakRssMiB(w.child.pid as number);
      await stop(w);
      return peak;
    };
    const path = generatedCapture(40_000, 5, 16_000); // ~200 MB of large segments
    const sizeMiB = statSync(path).size / 2 ** 20;
    // The baseline file (~80 MB) is big enough that the fixed costs are in both figures: the decode thread's isolate,
    // loader and blocks, and the heaps' growth to their working size, which a ~20 MB file did not always reach (it left
    // 30–40 MiB of warm-up in the difference alone, 54 under CI's load). A whole-file read would still add ~120 MiB.
    const small = generatedCapture(16_000, 5, 16_000);
    expect(statSync(small).size).toBeGreaterThanOrEqual(DECODE_THREAD_MIN_BYTES);
    const baseline = await peakAfter(small);
    const peak = await peakAfter(path);
    expect(sizeMiB).toBeGreaterThan(160);
    expect(peak - baseline).toBeLessThan(sizeMiB / 4);
  });

  it('reads a gzip-compressed capture, and reads its packets back for detail', async () => {
    const gz = join(mkdtempSync(join(tmpdir(), 'synack-gz-')), 'seed.pcap.gz');
    writeFileSync(gz, gzipSync(readFileSync(SEED_PCAP)));
    const w = startWorker();
    const got = gather(w);
    await w.client.invoke('file.open', { path: gz });
    expect(await got.end).toMatchObject({ reason: 'complete', frames: 9 });
    const plain = readFileSync(SEED_PCAP);
    const detail = await w.client.invoke('packet.detail', { frame: 2 });
    expect(Buffer.from(detail.bytes).equals(plain.subarray(40 + 16 + 68, 40 + 16 + 68 + detail.capLen))).toBe(true);
    await stop(w);
  });

  it('reports a file it cannot open as a failed request, and a non-capture file as a problem', async () => {
    const w = startWorker();
    await expect(w.client.invoke('file.open', { path: '/nonexistent/x.pcap' })).rejects.toMatchObject({ info: { code: 'file.unreadable' } });
    const got = gather(w);
    await w.client.invoke('file.open', { path: new URL(import.meta.url).pathname });
    expect(await got.fileEnd).toMatchObject({ frames: 0, problem: { code: 'bad-magic', offset: 0 } });
    expect(await got.end).toMatchObject({ reason: 'complete' });
    await stop(w);
  });

  it('a worker killed mid-stream gives the consumer one clear fatal error and rejects pending requests', async () => {
    const path = generatedCapture(300_000);
    const w = startWorker([], { autoCredit: false, initialCredits: 1 });
    const got = gather(w);
    // Listen before opening: with one credit the only batch may arrive before file.open's answer.
    const firstBatch = new Promise<void>((resolve) => w.client.onBatch(() => resolve()));
    await w.client.invoke('file.open', { path });
    await firstBatch;
    const pending = w.client.invoke('interfaces.list', {}).catch((e: unknown) => e);
    w.child.kill('SIGKILL');
    await w.closed;
    const fatal = got.errors.filter((e) => e.fatal);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({ code: 'worker.exited', message: /killed by SIGKILL/ });
    // answered before the kill (no live capture here) or rejected by it
    const e = (await pending) as IpcError;
    expect(e).toBeInstanceOf(IpcError);
    expect(['capture.unavailable', 'worker.exited']).toContain(e.info.code);
    await expect(w.client.invoke('file.cancel', {})).rejects.toMatchObject({ info: { code: 'worker.exited' } });
  });

  it('a truncated frame from the consumer is answered with frame.invalid and the worker exits', async () => {
    const w = startWorker();
    const got = gather(w);
    await new Promise((resolve) => w.client.on('hello', resolve));
    const frame = encodeRequest(1, 'file.open', { path: SEED_PCAP });
    w.child.stdin?.end(frame.subarray(0, frame.length - 3));
    expect(await w.closed).toMatchObject({ code: 65 });
    expect(got.errors[0]).toMatchObject({ code: 'frame.invalid', fatal: true, message: /truncated|ended inside/ });
  });

  it('garbage from the consumer is refused with frame.invalid', async () => {
    const w = startWorker();
    const got = gather(w);
    w.child.stdin?.write(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    expect(await w.closed).toMatchObject({ code: 65 });
    expect(got.errors[0]).toMatchObject({ code: 'frame.invalid', message: /magic/ });
  });

  it('an elevated-style worker with an emptied environment (as pkexec leaves it) connects back with its token', async () => {
    const listener = await listenForWorker();
    const dir = dirname(listener.path);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const tokenFile = join(dir, TOKEN_FILE);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const token = readFileSync(tokenFile, 'utf8').trim();
    const child = spawnWorker(['--connect', listener.path], PKEXEC_ENV);
    const sock = await listener.connection;
    const client = new IpcClient((b) => sock.write(b));
    const ended = new Promise<EventPayload<'end'>>((r) => client.on('end', r));
    readFrames(sock, (f) => client.receive(encodeFrame(f.type, f.payload)), () => client.transportClosed());
    client.start();
    const hello = await new Promise<EventPayload<'hello'>>((r) => client.on('hello', r));
    expect(hello.pid).toBe(child.pid);
    // What other processes can see of the worker: its argv (ps) and its environment hold no token.
    const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'latin1');
    const environ = readFileSync(`/proc/${child.pid}/environ`, 'latin1');
    expect(cmdline.split('\0')).toContain(listener.path);
    expect(environ.split('\0').filter(Boolean)).toEqual([`PATH=${PKEXEC_ENV.PATH}`]);
    expect(cmdline).not.toContain(token);
    expect(environ).not.toContain(token);
    await client.invoke('file.open', { path: SEED_PCAP });
    expect(await ended).toMatchObject({ frames: 9 });
    sock.end();
    await once(child, 'close');
  });

  it('a worker with the wrong token is not let in, and deletes the token file it read', async () => {
    const listener = await listenForWorker();
    const tokenFile = join(dirname(listener.path), TOKEN_FILE);
    writeFileSync(tokenFile, `${'ab'.repeat(16)}\n`);
    let connected = false;
    listener.connection.then(() => { connected = true; }, () => undefined);
    const child = spawnWorker(['--connect', listener.path], PKEXEC_ENV);
    await once(child, 'close'); // the app dropped its connection
    expect(connected).toBe(false);
    expect(existsSync(dirname(listener.path))).toBe(true);
    expect(existsSync(tokenFile)).toBe(false);
    listener.close();
  });

  it('a worker finding no token file next to its socket exits, saying why', async () => {
    const child = spawnWorker(['--connect', '/nonexistent/worker.sock'], PKEXEC_ENV);
    const tail = stderrTail(child);
    const [code] = await once(child, 'close');
    expect(code).not.toBe(0);
    expect(tail()).toMatch(/one-time token file/);
  });

  it('refuses unknown worker arguments', async () => {
    const w = startWorker(['--exec', 'sh']);
    expect(await w.closed).toMatchObject({ code: 2 });
  });
});
