import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { connectWebSocketBackend } from '../../../renderer/backend/websocket-backend';
import { PROTOCOL_VERSION, type ConversationSummary, type ErrorInfo } from '../../../shared/ipc/contract';
import { IpcError } from '../../../shared/ipc/ipc-client';
import { encodeRequest } from '../../../shared/ipc/encode';
import { encodeFrame, FrameDecoder, FrameType } from '../../../shared/ipc/frame-codec';
import { isErrorInfo, parseFrame } from '../../../shared/ipc/validate';
import { encodeWireJson } from '../../../shared/ipc/wire-json';
import { SEED_PCAP } from '../../support/paths';

let web: WebServer;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'synack-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>SynAck</title>');
  writeFileSync(join(dir, 'app.js'), 'export {};');
  web = await startWebServer({ staticDir: dir, file: SEED_PCAP, onWorker: (c) => workers.push(c) });
});
afterAll(async () => { await web?.close(); });

/** A raw GET with chosen headers (fetch would not let us set Host). */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket and resolves with the HTTP status of a refused upgrade, or 101. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => { ws.close(); resolve(101); });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describe('web host', () => {
  it('prints a loopback URL with a token and the file to open', () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32}&file=/);
    expect(decodeURIComponent(web.url.split('file=')[1])).toBe(SEED_PCAP);
  });

  it('serves the page only with the token, then the assets through the cookie it sets', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/?token=wrong')).status).toBe(403);
    const page = await get(`/?token=${web.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const cookie = String((page.headers['set-cookie'] as string[])[0]).split(';')[0];
    expect((await get('/app.js')).status).toBe(403);
    expect((await get('/app.js', { Cookie: cookie })).status).toBe(200);
    expect((await get('/../package.json', { Cookie: cookie })).status).toBe(404);
    expect((await get('/%2e%2e/package.json', { Cookie: cookie })).status).toBe(404);
  });

  it('refuses a Host header that is not loopback (DNS rebinding)', async () => {
    expect((await get(`/?token=${web.token}`, { Host: 'evil.example:80' })).status).toBe(421);
    expect((await get(`/?token=${web.token}`, { Host: `localhost:${web.port}` })).status).toBe(200);
  });

  it('refuses WebSocket upgrades without the token, from another Origin or Host', async () => {
    const base = `ws://127.0.0.1:${web.port}/ipc`;
    expect(await upgradeStatus(base)).toBe(403);
    expect(await upgradeStatus(`${base}?token=nope`)).toBe(403);
    expect(await upgradeStatus(`${base}?token=${web.token}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(`${base}?token=${web.token}`, { Host: 'evil.example' })).toBe(421);
    expect(await upgradeStatus(`${base}?token=${web.token}`, { Origin: `http://127.0.0.1:${web.port}` })).toBe(101);
  });

  it('opens the seed over a real WebSocket: 9 packet rows and 1 conversation', async () => {
    const backend = await connectWebSocketBackend({
      url: `ws://127.0.0.1:${web.port}/ipc?token=${web.token}`,
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    const hello = await new Promise((resolve) => backend.on('hello', resolve));
    expect(hello).toMatchObject({ protocol: PROTOCOL_VERSION });
    const frames: number[] = [];
    const conversations = new Map<number, ConversationSummary>();
    backend.onBatch((cols) => { for (let i = 0; i < cols.rows; i++) frames.push(cols.frame[i]); });
    backend.on('conversations.upsert', (m) => { for (const c of m.conversations) conversations.set(c.stream, c); });
    const ended = new Promise((resolve) => backend.on('end', resolve));
    await backend.invoke('file.open', { path: SEED_PCAP });
    expect(await ended).toMatchObject({ reason: 'complete', frames: 9 });
    expect(frames).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(conversations.size).toBe(1);
    backend.close();
  });
});

describe('web host faults', () => {
  const connect = () => connectWebSocketBackend({
    url: `ws://127.0.0.1:${web.port}/ipc?token=${web.token}`,
    WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
  });

  it('a worker killed under the page gives it one clear fatal error; pending requests reject', async () => {
    const before = workers.length;
    const backend = await connect();
    await new Promise((resolve) => backend.on('hello', resolve));
    const errors: ErrorInfo[] = [];
    backend.on('error', (e) => errors.push(e));
    workers[before].kill('SIGKILL');
    const pending = backend.invoke('interfaces.list', {}).catch((e: IpcError) => e);
    await new Promise((r) => setTimeout(r, 1000));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ fatal: true, code: expect.stringMatching(/worker.exited|transport.closed/) });
    expect(errors[0].message).toMatch(/SIGKILL|closed/);
    expect(await pending).toBeInstanceOf(IpcError);
  });

  it('a request the contract refuses is answered as refused with its id; the session and its capture stay', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/ipc?token=${web.token}`);
    const responses = new Map<number, { ok: boolean; error?: { message: string } }>();
    const decoder = new FrameDecoder((frame) => {
      const msg = parseFrame(frame);
      if (!isErrorInfo(msg) && msg.kind === 'response') responses.set(msg.message.id, msg.message as never);
    }, 1 << 30);
    ws.on('message', (data: Buffer) => { decoder.push(new Uint8Array(data)); });
    await new Promise((r) => ws.on('open', r));
    const answer = async (id: number) => {
      for (let t = 0; !responses.has(id) && t < 400; t++) await new Promise((r) => setTimeout(r, 50));
      return responses.get(id);
    };
    ws.send(encodeRequest(40, 'file.open', { path: SEED_PCAP }));
    expect(await answer(40)).toMatchObject({ ok: true });
    // A frame the worker has to refuse: the payload's frame number is not a number.
    ws.send(encodeFrame(FrameType.Request, encodeWireJson({ id: 41, name: 'packet.detail', payload: { frame: 'one' } })));
    expect(await answer(41)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/refused/) } });
    // Before, the bridge closed the socket and killed the worker here: the open capture was gone.
    expect(ws.readyState).toBe(ws.OPEN);
    ws.send(encodeRequest(42, 'file.open', { path: SEED_PCAP }));
    expect(await answer(42)).toMatchObject({ ok: true });
    ws.close();
  });

  it('garbage from the page closes its socket and its worker', async () => {
    const before = workers.length;
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/ipc?token=${web.token}`);
    await new Promise((r) => ws.on('open', r));
    // Listen before the garbage goes: the host may end the worker before this socket's close reaches the test.
    const workerClosed = new Promise((r) => workers[before].once('close', r));
    ws.send(Buffer.from('not a frame at all'));
    const [code] = await new Promise<[number, Buffer]>((r) => ws.on('close', (c, reason) => r([c, reason])));
    expect(code).toBe(1011);
    await workerClosed;
  });
});

describe('web host without a worker listener (as `npm run web` starts it)', () => {
  it('still starts a worker for each page socket: hello arrives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synack-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>SynAck</title>');
    const bare = await startWebServer({ staticDir: dir, file: SEED_PCAP });
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${bare.port}/ipc?token=${bare.token}`, { headers: { Origin: `http://127.0.0.1:${bare.port}` } });
      const first = await new Promise<Buffer>((resolve, reject) => {
        ws.once('message', (d) => resolve(d as Buffer));
        ws.once('close', () => reject(new Error('socket closed before any frame')));
      });
      ws.close();
      expect(first.subarray(12).toString()).toContain('"name":"hello"');
    } finally {
      await bare.close();
    }
  });
});

describe('web host: a worker started ahead of the page', () => {
  const alive = (pid: number): boolean => {
    try { process.kill(pid, 0); return true; } catch { return false; }
  };
  const pageOf = (w: WebServer) => connectWebSocketBackend({
    url: `ws://127.0.0.1:${w.port}/ipc?token=${w.token}`,
    WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
  });

  it('runs before the first page connects, answers that page, is replaced, and closing leaves no worker behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synack-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>SynAck</title>');
    const handed: ChildProcess[] = [];
    const w = await startWebServer({ staticDir: dir, file: SEED_PCAP, onWorker: (c) => handed.push(c) });
    const spare = w.spareWorker();
    expect(spare?.pid).toBeTypeOf('number');
    expect(alive(spare!.pid!)).toBe(true);
    const backend = await pageOf(w);
    const hello = await new Promise<{ pid: number }>((resolve) => backend.on('hello', resolve));
    expect(hello.pid).toBe(spare!.pid);
    expect(handed.map((c) => c.pid)).toEqual([spare!.pid]);
    const ended = new Promise((resolve) => backend.on('end', resolve));
    await backend.invoke('file.open', { path: SEED_PCAP });
    expect(await ended).toMatchObject({ reason: 'complete', frames: 9 });
    const next = w.spareWorker();
    expect(next?.pid).toBeTypeOf('number');
    expect(next!.pid).not.toBe(spare!.pid);
    await w.close();
    expect(alive(spare!.pid!)).toBe(false);
    expect(alive(next!.pid!)).toBe(false);
    expect(w.spareWorker()).toBeNull();
  });

  it('a spare that dies while waiting is replaced, a few times only, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synack-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>SynAck</title>');
    const log: string[] = [];
    const w = await startWebServer({ staticDir: dir, file: SEED_PCAP, log: (l) => log.push(l) });
    const killed: number[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const spare = w.spareWorker();
        if (!spare) break;
        killed.push(spare.pid!);
        spare.kill('SIGKILL');
        await new Promise((r) => spare.once('exit', r));
        await new Promise((r) => setImmediate(r));
      }
      expect(killed).toHaveLength(3);
      expect(w.spareWorker()).toBeNull();
      expect(log).toHaveLength(3);
      expect(log[0]).toMatch(/killed by SIGKILL; starting another/);
      expect(log[2]).toMatch(/3 died in a row.*on demand/);
      // Pages still get a worker, started on demand.
      const backend = await pageOf(w);
      const hello = await new Promise<{ pid: number }>((resolve) => backend.on('hello', resolve));
      expect(killed).not.toContain(hello.pid);
      backend.close();
    } finally {
      await w.close();
    }
  });
});
