import { describe, expect, it } from 'vitest';
import { allocateColumns, encodeBatch } from '../../../shared/ipc/batch-layout';
import { type ErrorInfo, type Hello, PROTOCOL_VERSION } from '../../../shared/ipc/contract';
import { encodeBatchFrame, encodeEvent, encodeFailure, encodeResult } from '../../../shared/ipc/encode';
import { FrameDecoder, FrameType } from '../../../shared/ipc/frame-codec';
import { IpcClient, IpcError } from '../../../shared/ipc/ipc-client';
import { decodeWireJson } from '../../../shared/ipc/wire-json';

const hello = (protocol = PROTOCOL_VERSION): Hello => ({
  protocol, batchVersion: 1, pid: 1, uid: 0, capabilities: { liveCapture: { available: false, reason: 'x' }, formats: [], platform: 'linux' },
});

/** A client whose sent frames are decoded into { type, json } for inspection. */
function harness(options = {}) {
  const sent: { type: number; json: unknown }[] = [];
  const dec = new FrameDecoder((f) => sent.push({ type: f.type, json: f.type === FrameType.Batch ? null : (decodeWireJson(f.payload) as { value: unknown }).value }));
  const client = new IpcClient((b) => { dec.push(b); }, options);
  const errors: ErrorInfo[] = [];
  client.on('error', (e) => errors.push(e));
  return { client, sent, errors };
}

describe('IpcClient', () => {
  it('grants initial credits on start and one credit back per delivered batch', () => {
    const { client, sent } = harness({ initialCredits: 4 });
    client.start();
    expect(sent).toEqual([{ type: FrameType.Command, json: { name: 'credits.grant', payload: { batches: 4 } } }]);
    const cols = allocateColumns(2);
    cols.rows = 2; cols.frame[0] = 7; cols.frame[1] = 8;
    const seen: number[] = [];
    client.onBatch((c) => seen.push(...c.frame));
    client.receive(encodeBatchFrame(encodeBatch(cols)));
    expect(seen).toEqual([7, 8]);
    expect(sent.at(-1)).toEqual({ type: FrameType.Command, json: { name: 'credits.grant', payload: { batches: 1 } } });
  });

  it('matches responses to requests by id, resolving results and rejecting failures', async () => {
    const { client, sent } = harness();
    const a = client.invoke('file.open', { path: '/a' });
    const b = client.invoke('file.open', { path: '/b' });
    const [ra, rb] = sent.map((s) => (s.json as { id: number }).id);
    client.receive(encodeFailure(rb, 'file.open', { code: 'file.unreadable', message: 'ENOENT', fatal: false }));
    client.receive(encodeResult(ra, 'file.open', { source: 1, path: '/a', bytesTotal: 5 }));
    await expect(a).resolves.toEqual({ source: 1, path: '/a', bytesTotal: 5 });
    await expect(b).rejects.toBeInstanceOf(IpcError);
  });

  it('replays hello to a listener that subscribes after it arrived', async () => {
    const { client } = harness();
    client.receive(encodeEvent('hello', hello()));
    const got = await new Promise((resolve) => client.on('hello', resolve));
    expect(got).toMatchObject({ protocol: PROTOCOL_VERSION });
  });

  it('a worker of another protocol version is a fatal protocol.version error', async () => {
    const { client, errors } = harness();
    const pending = client.invoke('interfaces.list', {});
    client.receive(encodeEvent('hello', hello(PROTOCOL_VERSION + 1)));
    expect(errors).toMatchObject([{ code: 'protocol.version', fatal: true }]);
    await expect(pending).rejects.toMatchObject({ info: { code: 'protocol.version' } });
  });

  it('a malformed event is reported, not delivered', () => {
    const { client, errors } = harness();
    const progress: unknown[] = [];
    client.on('file.progress', (p) => progress.push(p));
    client.receive(encodeEvent('file.progress', { source: 1, bytesRead: -5, bytesTotal: 1, frames: 0 }));
    expect(progress).toEqual([]);
    expect(errors).toMatchObject([{ code: 'message.invalid', fatal: false }]);
  });

  it('a transport that closes inside a frame is a fatal frame.invalid; later invokes reject', async () => {
    const { client, errors } = harness();
    const frame = encodeEvent('hello', hello());
    client.receive(frame.subarray(0, 20));
    client.transportClosed();
    expect(errors).toMatchObject([{ code: 'frame.invalid', fatal: true, message: /ended inside a frame/ }]);
    await expect(client.invoke('file.cancel', {})).rejects.toMatchObject({ info: { code: 'frame.invalid' } });
  });

  it('bad bytes from the worker close the client once', () => {
    const { client, errors } = harness();
    client.receive(new Uint8Array(64).fill(0x41));
    client.receive(new Uint8Array(64));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'frame.invalid', fatal: true });
  });
});
