/**
 * `file.export` through a real worker on stdio, with tshark as the oracle: the frames of tcp.stream N (as the
 * worker's own rows number the streams, the way the renderer picks them) written to pcapng must be exactly
 * what `tshark -r in -Y tcp.stream==N` shows — same count, timestamps, lengths, raw sequence numbers and
 * bytes — for pcap (µs and ns), pcapng, gzip and a VLAN/MPLS file; 'all' must be the whole capture; and a
 * conversation exported during a live capture must match the session pcapng it was read back from.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { type AddressInfo, connect, createServer } from 'node:net';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerConnection } from '../../../electron/capture/worker-process';
import type { ErrorInfo, EventPayload } from '../../../shared/ipc/contract';
import { encodeFrameSet } from '../../../shared/ipc/frame-set';
import { IpcError } from '../../../shared/ipc/ipc-client';
import { requireRoot, requireTool } from '../../support/require-tool';
import { generatedCapture } from '../../support/generated-capture';
import { CORPUS_DIR, SEED_PCAP } from '../../support/paths';
import { writeRichPcapng } from '../../support/rich-pcapng';

const haveTshark = requireTool('tshark');
const FIELDS = ['frame.time_epoch', 'frame.len', 'frame.cap_len', 'tcp.seq_raw', 'tcp.ack_raw'];

function tshark(args: string[]): string {
  return execFileSync('tshark', ['-n', ...args], { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
}
const fields = (path: string, filter?: string): string =>
  tshark(['-r', path, ...(filter ? ['-Y', filter] : []), '-T', 'fields', ...FIELDS.flatMap((f) => ['-e', f])]);
/** Hex dumps of every frame, without the frame numbers (they restart at 1 in the export). */
const hexDump = (path: string, filter?: string): string => tshark(['-r', path, ...(filter ? ['-Y', filter] : []), '-x', '-q'])
  .split('\n').filter((l) => /^[0-9a-f]{4} {2}/.test(l)).join('\n');

/** Opens `path` and collects frame numbers per tcp.stream from the worker's rows. */
async function openAndGroup(w: WorkerConnection, path: string): Promise<Map<number, number[]>> {
  const byStream = new Map<number, number[]>();
  const off = w.client.onBatch((c) => {
    for (let i = 0; i < c.rows; i++) {
      if (c.stream[i] < 0) continue;
      const list = byStream.get(c.stream[i]) ?? [];
      list.push(c.frame[i]);
      byStream.set(c.stream[i], list);
    }
  });
  const ended = new Promise<EventPayload<'end'>>((r) => { const o = w.client.on('end', (e) => { o(); r(e); }); });
  await w.client.invoke('file.open', { path });
  await ended;
  off();
  return byStream;
}

describe.skipIf(!haveTshark)('file.export writes what tshark shows for tcp.stream==N', () => {
  let w: WorkerConnection;
  let dir: string;

  beforeAll(() => {
    w = startWorker();
    dir = mkdtempSync(join(tmpdir(), 'synack-export-test-'));
  });
  afterAll(async () => {
    w.child.stdin?.end();
    await w.closed;
  });

  const gz = (): string => {
    const path = join(dir, 'seed.pcap.gz');
    writeFileSync(path, gzipSync(readFileSync(SEED_PCAP)));
    return path;
  };
  const sources: [string, () => string][] = [
    ['seed (pcap, NULL link, µs)', () => SEED_PCAP],
    ['seed gzip', gz],
    ...['tcpdump__tcp-handshake-nano.pcap', 'zeek__tcp__retransmit-timeout.pcapng', 'zeek__ldap__gap-data-missing.pcapng',
      'zeek__mixed-vlan-mpls.pcap', 'zeek__modbus__modbus-and-non-modbus-p502.pcap', 'zeek__smtp.pcap',
    ].map((f): [string, () => string] => [f, () => join(CORPUS_DIR, f)]),
  ];

  for (const [label, source] of sources) {
    it(`${label}: every stream's export equals tshark -Y tcp.stream==N`, async () => {
      const path = source();
      const streams = await openAndGroup(w, path);
      expect(streams.size, 'TCP streams in the file').toBeGreaterThan(0);
      for (const [stream, frames] of [...streams].slice(0, 6)) {
        const out = join(dir, `${label.replace(/\W+/g, '_')}-${stream}.pcapng`);
        const r = await w.client.invoke('file.export', { path: out, frames: encodeFrameSet(frames) });
        expect(r, `stream ${stream}`).toEqual({ path: out, frames: frames.length, bytes: readFileSync(out).length });
        const expected = fields(path, `tcp.stream==${stream}`);
        expect(expected.trim().split('\n')).toHaveLength(frames.length);
        expect(fields(out), `stream ${stream} of ${path}`).toBe(expected);
        expect(hexDump(out), `bytes of stream ${stream}`).toBe(hexDump(path, `tcp.stream==${stream}`));
      }
    });
  }

  it('keeps packet comments, several on one packet too, as tshark reads them from the source', async () => {
    const path = writeRichPcapng(dir);
    await openAndGroup(w, path);
    const comments = (file: string): string[] => tshark(['-r', file, '-T', 'fields', '-e', 'frame.comment']).split('\n').slice(0, -1);
    const source = comments(path);
    expect(source.filter((c) => c !== '').length).toBeGreaterThanOrEqual(2);
    const all = join(dir, 'rich-all.pcapng');
    await w.client.invoke('file.export', { path: all, frames: 'all' });
    expect(comments(all)).toEqual(source);
    expect(fields(all)).toBe(fields(path));
    // Only the commented frames, the last of the file among them: each keeps its own comments.
    const commented = source.flatMap((c, i) => (c === '' ? [] : [i + 1]));
    const some = join(dir, 'rich-commented.pcapng');
    const r = await w.client.invoke('file.export', { path: some, frames: encodeFrameSet(commented) });
    expect(r.frames).toBe(commented.length);
    expect(comments(some)).toEqual(commented.map((f) => source[f - 1]));
    // Edited comments (Edit ▸ Packet Comments) replace a frame's own: a new one, one deleted, one replaced by two.
    const [first, second] = commented;
    const edited = join(dir, 'rich-edited.pcapng');
    await w.client.invoke('file.export', { path: edited, frames: 'all', comments: [
      { frame: 2, comments: ['added, with a "quote"'] }, { frame: first, comments: [] }, { frame: second, comments: ['one', 'two'] },
    ] });
    const expected = [...source];
    expected[1] = 'added, with a "quote"'; expected[first - 1] = ''; expected[second - 1] = 'one,two';
    expect(comments(edited)).toEqual(expected);
    // A frame listed twice is refused before anything is written.
    await expect(w.client.invoke('file.export', { path: join(dir, 'twice.pcapng'), frames: 'all', comments: [{ frame: 2, comments: [] }, { frame: 2, comments: ['x'] }] }))
      .rejects.toMatchObject({ info: { code: 'message.invalid' } });
    expect(existsSync(join(dir, 'twice.pcapng'))).toBe(false);
  });

  it("'all' writes the whole capture, and the pcapng carries the interface", async () => {
    const path = join(CORPUS_DIR, 'zeek__mixed-vlan-mpls.pcap');
    await openAndGroup(w, path);
    const out = join(dir, 'all.pcapng');
    const r = await w.client.invoke('file.export', { path: out, frames: 'all' });
    expect(r.frames).toBe(fields(path).trim().split('\n').length);
    expect(fields(out)).toBe(fields(path));
    expect(tshark(['-r', out, '-T', 'fields', '-e', 'frame.encap_type', '-c', '1'])).toBe(tshark(['-r', path, '-T', 'fields', '-e', 'frame.encap_type', '-c', '1']));
    expect(execFileSync('capinfos', ['-t', out], { encoding: 'utf8' })).toMatch(/pcapng/i);
  });

  it('streams: a detail request sent after a 100 MB Save As is answered before it, and every frame is written', async () => {
    const path = generatedCapture(20_000, 5, 16_000);
    const ended = new Promise<EventPayload<'end'>>((r) => { const o = w.client.on('end', (e) => { o(); r(e); }); });
    await w.client.invoke('file.open', { path });
    const { frames } = await ended;
    const order: string[] = [];
    const out = join(dir, 'large.pcapng');
    const saved = w.client.invoke('file.export', { path: out, frames: 'all' }).then((r) => { order.push('export'); return r; });
    const detail = w.client.invoke('packet.detail', { frame: frames }).then((d) => { order.push('detail'); return d; });
    expect((await detail).frame).toBe(frames);
    expect((await saved).frames).toBe(frames);
    expect(order).toEqual(['detail', 'export']);
    expect(execFileSync('capinfos', ['-c', '-M', out], { encoding: 'utf8' })).toMatch(new RegExp(`Number of packets:\\s+${frames}\\n`));
  });

  it('refuses a relative path, a directory, a missing folder, an unwritable folder and the open capture itself, leaving nothing behind', async () => {
    await openAndGroup(w, SEED_PCAP);
    const refused = async (path: string): Promise<string> => {
      const e = await w.client.invoke('file.export', { path, frames: 'all' }).then(() => null, (x: unknown) => x);
      expect(e, path).toBeInstanceOf(IpcError);
      expect((e as IpcError).info.code, path).toBe('file.unwritable');
      return (e as IpcError).info.message;
    };
    expect(await refused('relative.pcapng')).toMatch(/absolute path/);
    expect(await refused(dir)).toMatch(/not a regular file/);
    expect(await refused(join(dir, 'no-such-folder', 'x.pcapng'))).toMatch(/folder does not exist/);
    expect(await refused(SEED_PCAP)).toMatch(/capture being read/);
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    // root ignores folder permissions; the check still runs for everyone else
    if (process.getuid?.() !== 0) expect(await refused(join(locked, 'x.pcapng'))).toMatch(/permission denied/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('refuses a bitmap that selects nothing as an invalid message, and writes nothing', async () => {
    // The request fails validation: the worker answers it by its id with the validator's reason.
    const refused = await w.client.invoke('file.export', { path: join(dir, 'none.pcapng'), frames: new Uint8Array(4) })
      .catch((e: { info: ErrorInfo }) => e.info);
    expect(refused).toMatchObject({ code: 'message.invalid', fatal: false, message: /selects no frame/ });
    expect(existsSync(join(dir, 'none.pcapng'))).toBe(false);
  });
});

describe.skipIf(!haveTshark || !requireRoot())('file.export from a live capture', () => {
  it('exports a conversation while capturing, read back from the session pcapng: tshark agrees with the session file', async () => {
    const w = startWorker();
    const hello = await new Promise<EventPayload<'hello'>>((r) => w.client.on('hello', r));
    if (!hello.capabilities.liveCapture.available) {
      if (process.env.CI) throw new Error('live capture unavailable under CI');
      return;
    }
    const byStream = new Map<number, number[]>();
    w.client.onBatch((c) => {
      for (let i = 0; i < c.rows; i++) if (c.stream[i] >= 0) byStream.set(c.stream[i], [...(byStream.get(c.stream[i]) ?? []), c.frame[i]]);
    });
    const ended = new Promise<EventPayload<'end'>>((r) => w.client.on('end', r));
    const started = await w.client.invoke('capture.start', { iface: 'lo', filter: 'tcp and host 127.0.0.1' });
    await new Promise((r) => setTimeout(r, 300));
    await loopbackConnection('export me');
    await expect.poll(() => [...byStream.values()].some((f) => f.length >= 7), { timeout: 10_000 }).toBe(true);
    const [stream, frames] = [...byStream].find(([, f]) => f.length >= 7)!;
    const out = join(mkdtempSync(join(tmpdir(), 'synack-export-live-')), 'live.pcapng');
    const r = await w.client.invoke('file.export', { path: out, frames: encodeFrameSet(frames) });
    expect(r.frames).toBe(frames.length);
    await w.client.invoke('capture.stop', {});
    await ended;
    expect(fields(out)).toBe(fields(started.sessionFile, `tcp.stream==${stream}`));
    w.child.stdin?.end();
    await w.closed;
  });
});

/** One TCP connection on 127.0.0.1 that sends `payload` and closes from the client side. */
async function loopbackConnection(payload: string): Promise<void> {
  const server = createServer((s) => { s.on('data', () => s.end()); });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const c = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await once(c, 'connect');
  c.end(payload);
  await once(c, 'close');
  server.close();
}
