import { describe, expect, it } from 'vitest';
import { spawnWorker, startWorker } from '../../../electron/capture/worker-process';
import { readFrames } from '../../../electron/capture/stream-transport';
import { encodeFrame, type Frame, FrameType } from '../../../shared/ipc/frame-codec';
import { encodeRequest } from '../../../shared/ipc/encode';
import { IpcError } from '../../../shared/ipc/ipc-client';
import { parseFrame } from '../../../shared/ipc/validate';
import { encodeWireJson } from '../../../shared/ipc/wire-json';
import { SEED_PCAP } from '../../support/paths';

/** A real worker over stdio, spoken to frame by frame: every frame it sends, parsed, in order. */
function rawWorker() {
  const child = spawnWorker();
  const received: ReturnType<typeof parseFrame>[] = [];
  const waiters: { test: (m: ReturnType<typeof parseFrame>) => boolean; resolve: (m: ReturnType<typeof parseFrame>) => void }[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  readFrames(child.stdout!, (f: Frame) => {
    const m = parseFrame(f);
    received.push(m);
    for (const w of [...waiters]) if (w.test(m)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m); }
  }, () => undefined);
  const next = (test: (m: ReturnType<typeof parseFrame>) => boolean) => {
    const seen = received.find(test);
    return seen ? Promise.resolve(seen) : new Promise<ReturnType<typeof parseFrame>>((resolve) => waiters.push({ test, resolve }));
  };
  const responseTo = (id: number) => next((m) => 'kind' in m && m.kind === 'response' && m.message.id === id);
  const errorEvent = () => next((m) => 'kind' in m && m.kind === 'event' && m.message.name === 'error');
  return { child, send: (b: Uint8Array) => child.stdin!.write(b), responseTo, errorEvent, exited };
}

const request = (json: unknown) => encodeFrame(FrameType.Request, encodeWireJson(json));

describe('capture worker: requests that fail validation', () => {
  it('a request with a bad field gets a failed response with its id and the validator\'s reason, and the worker serves on', async () => {
    const w = rawWorker();
    w.send(request({ id: 41, name: 'packet.detail', payload: { frame: 'seven' } }));
    w.send(request({ id: 42, name: 'file.open', payload: { file: SEED_PCAP } }));
    w.send(request({ id: 43, name: 'disk.format', payload: {} }));
    w.send(encodeRequest(44, 'file.open', { path: SEED_PCAP }));
    const [a, b, c, d] = await Promise.all([41, 42, 43, 44].map((id) => w.responseTo(id)));
    expect(a).toMatchObject({ kind: 'response', message: { id: 41, name: 'packet.detail', ok: false, error: { code: 'message.invalid', fatal: false, message: /packet\.detail.*frame/ } } });
    expect(b).toMatchObject({ message: { id: 42, ok: false, error: { code: 'message.invalid', message: /request file\.open refused: .*path/ } } });
    expect(c).toMatchObject({ message: { id: 43, name: 'disk.format', ok: false, error: { code: 'request.unknown', message: /disk\.format/ } } });
    expect(d).toMatchObject({ message: { id: 44, name: 'file.open', ok: true } });
    w.child.stdin!.end();
    expect(await w.exited).toBe(0);
  });

  it('a request without a usable id gets an error event, since there is nothing to answer', async () => {
    const w = rawWorker();
    w.send(request({ id: -1, name: 'file.open', payload: {} }));
    expect(await w.errorEvent()).toMatchObject({ kind: 'event', message: { payload: { code: 'message.invalid', fatal: false, message: /id/ } } });
    w.child.stdin!.end();
    await w.exited;
  });

  it('an unparseable frame still gets the fatal framing error and the worker exits 65', async () => {
    const w = rawWorker();
    w.send(new Uint8Array(Buffer.from('this is not a frame stream')));
    expect(await w.errorEvent()).toMatchObject({ message: { payload: { code: 'frame.invalid', fatal: true, message: /magic/ } } });
    expect(await w.exited).toBe(65);
  });

  it('the client rejects the refused request with the reason instead of waiting forever', async () => {
    const w = startWorker();
    // Frame numbers start at 1: the type allows 0, the contract's check does not.
    const refused = w.client.invoke('packet.detail', { frame: 0 }).catch((e: unknown) => e);
    const e = (await refused) as IpcError;
    expect(e).toBeInstanceOf(IpcError);
    expect(e.info).toMatchObject({ code: 'message.invalid', fatal: false });
    expect(e.message).toMatch(/request packet\.detail refused: packet\.detail\.payload.*frame/);
    await expect(w.client.invoke('file.open', { path: SEED_PCAP })).resolves.toMatchObject({ path: SEED_PCAP });
    w.child.stdin!.end();
    await w.closed;
  });
});
