import { describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { messageBytes, ownBuffer, portStreams, receivePort } from '../../../electron/capture/port-stream';
import { electronLike } from '../../support/electron-like-port';

const collect = (port: MessagePort): Uint8Array[] => {
  const got: Uint8Array[] = [];
  port.on('message', (d) => got.push(messageBytes(d) ?? new Uint8Array()));
  return got;
};
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 30));

describe('portStreams', () => {
  it('posts each written chunk as one ArrayBuffer, bytes untouched', async () => {
    const { port1, port2 } = new MessageChannel();
    const { output } = portStreams(electronLike(port1));
    const got = collect(port2);
    output.write(new Uint8Array([1, 2, 3]));
    output.write(Buffer.from('frame'));
    await settle();
    expect(got.map((b) => [...b])).toEqual([[1, 2, 3], [...Buffer.from('frame')]]);
    port1.close();
  });

  it('turns received ArrayBuffers and views into a byte stream, and ends when the port closes', async () => {
    const { port1, port2 } = new MessageChannel();
    const { input } = portStreams(electronLike(port1));
    const chunks: Buffer[] = [];
    input.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((r) => input.on('end', r));
    port2.postMessage(new Uint8Array([9, 8]).buffer);
    port2.postMessage(new Uint8Array([0, 7, 6, 0]).subarray(1, 3));
    await settle();
    port2.close();
    await ended;
    expect([...Buffer.concat(chunks)]).toEqual([9, 8, 7, 6]);
  });

  it('destroys the input on a non-binary message (protocol violation)', async () => {
    const { port1, port2 } = new MessageChannel();
    const { input } = portStreams(electronLike(port1));
    const error = new Promise<Error>((r) => input.on('error', r));
    input.resume();
    port2.postMessage({ hello: 'json' });
    expect((await error).message).toMatch(/non-binary/);
    port2.close();
  });

  it('closes the port when the output ends', async () => {
    const { port1, port2 } = new MessageChannel();
    const closed = new Promise((r) => port2.on('close', r));
    const { output } = portStreams(electronLike(port1));
    output.end();
    await closed;
  });
});

describe('buffers and the parent port', () => {
  it('posts a chunk that owns its buffer as is and copies a view into a larger (pooled) one', () => {
    const pooled = Buffer.from('frame');
    expect(ownBuffer(pooled).byteLength).toBe(5);
    const whole = new Uint8Array([1, 2, 3]);
    expect(ownBuffer(whole)).toBe(whole.buffer);
    const view = new Uint8Array([0, 1, 2, 3, 0]).subarray(1, 4);
    const own = ownBuffer(view);
    expect(own.byteLength).toBe(3);
    expect([...new Uint8Array(own)]).toEqual([1, 2, 3]);
  });

  it('receives exactly one port from main', async () => {
    const { port1 } = new MessageChannel();
    const p = electronLike(port1);
    await expect(receivePort({ once: (_e, l) => l({ data: null, ports: [p] }) })).resolves.toBe(p);
    await expect(receivePort({ once: (_e, l) => l({ data: null, ports: [] }) })).rejects.toThrow(/one port/);
    port1.close();
  });
});
