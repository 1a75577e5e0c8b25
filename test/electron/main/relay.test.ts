/**
 * The relay with the real capture worker: the worker connects back over a private socket with its token
 * (electron/capture/worker-socket.ts), main relays the socket to a MessagePort, and a consumer on the
 * other end of the port (as the renderer would be) opens the seed capture and sees its 9 packets in 1
 * conversation. Node's MessageChannel stands in for MessageChannelMain (test/support/electron-like-port.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, connect, type Socket } from 'node:net';
import { MessageChannel } from 'node:worker_threads';
import { spawnWorker } from '../../../electron/capture/worker-process';
import { listenForWorker } from '../../../electron/capture/worker-socket';
import { messageBytes } from '../../../electron/capture/port-stream';
import { relayBytes } from '../../../electron/main/relay';
import { IpcClient } from '../../../shared/ipc/ipc-client';
import { SEED_PCAP } from '../../support/paths';
import { electronLike } from '../../support/electron-like-port';

const cleanups: (() => void)[] = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });

async function socketPair(): Promise<[Socket, Socket]> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const accepted = new Promise<Socket>((r) => server.once('connection', r));
  const client = connect(port, '127.0.0.1');
  const a = await accepted;
  server.close();
  return [a, client];
}

describe('relayBytes', () => {
  it('copies bytes both ways untouched and in order', async () => {
    const [mainSide, workerSide] = await socketPair();
    const { port1, port2 } = new MessageChannel();
    relayBytes(mainSide, electronLike(port1));
    const toRenderer: number[] = [];
    port2.on('message', (d) => toRenderer.push(...(messageBytes(d) ?? [])));
    const toWorker: number[] = [];
    workerSide.on('data', (c: Buffer) => toWorker.push(...c));
    const big = Buffer.alloc(300_000, 0).map((_, i) => i & 0xff);
    workerSide.write(big);
    port2.postMessage(new Uint8Array([1, 2, 3]).buffer);
    port2.postMessage(new Uint8Array([4]).buffer);
    await expect.poll(() => toRenderer.length).toBe(big.length);
    await expect.poll(() => toWorker.length).toBe(4);
    expect(Buffer.from(toRenderer).equals(big)).toBe(true);
    expect(toWorker).toEqual([1, 2, 3, 4]);
    workerSide.destroy();
    port2.close();
  });

  it('closes the port when the worker socket closes, and the socket when the port closes', async () => {
    const [a, b] = await socketPair();
    const ch = new MessageChannel();
    const relay = relayBytes(a, electronLike(ch.port1));
    const portClosed = new Promise((r) => ch.port2.on('close', r));
    b.end();
    await portClosed;
    await relay.closed;

    const [c, d] = await socketPair();
    const ch2 = new MessageChannel();
    relayBytes(c, electronLike(ch2.port1));
    const socketEnded = new Promise((r) => d.on('end', r));
    ch2.port2.close();
    await socketEnded;
    d.destroy();
  });

  it('carries a real worker session: the seed opens with 9 packets in 1 conversation', async () => {
    const listener = await listenForWorker(30_000);
    const child = spawnWorker(['--connect', listener.path, '--no-live']);
    cleanups.push(() => { child.kill(); listener.close(); });
    const socket = await listener.connection;
    const { port1, port2 } = new MessageChannel();
    relayBytes(socket, electronLike(port1));
    const client = new IpcClient((bytes) => {
      const copy = new Uint8Array(bytes.byteLength);
      copy.set(bytes);
      port2.postMessage(copy.buffer, [copy.buffer]);
    });
    port2.on('message', (d) => client.receive(messageBytes(d) ?? new Uint8Array()));
    let rows = 0;
    const conversations = new Set<number>();
    client.onBatch((cols) => { rows += cols.rows; });
    client.on('conversations.upsert', (m) => { for (const c of m.conversations) conversations.add(c.stream); });
    const ended = new Promise((r) => client.on('end', r));
    client.start();
    await client.invoke('file.open', { path: SEED_PCAP });
    await ended;
    expect(rows).toBe(9);
    expect(conversations.size).toBe(1);
    port2.close();
  });
});
