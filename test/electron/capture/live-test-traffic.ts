/**
 * Loopback traffic the live-capture tests make themselves: TCP echo connections over node:net on 127.0.0.1
 * and ::1 (ephemeral ports), and bounded UDP bursts. Nothing is ever sent anywhere but loopback.
 */
import { createServer, connect, type Server } from 'node:net';
import { createSocket } from 'node:dgram';

export interface EchoServer { port: number; host: string; close(): Promise<void> }

/** A server that answers each chunk with "pong" and closes when the client does. */
export async function echoServer(host: '127.0.0.1' | '::1'): Promise<EchoServer> {
  const srv: Server = createServer((s) => {
    s.on('data', () => s.write('pong'));
    s.on('end', () => s.end());
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => srv.listen(0, host, resolve));
  const port = (srv.address() as { port: number }).port;
  return { port, host, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

/** One connection: connect, send "ping", wait for "pong", close; resolves when fully closed. */
export function pingPong(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = connect({ host, port }, () => c.write('ping'));
    c.once('data', () => c.end());
    c.on('close', () => resolve());
    c.on('error', reject);
  });
}

/** Sends `count` UDP datagrams of `size` bytes to 127.0.0.1:port as one burst; returns the receiver's port. */
export async function udpBurst(count: number, size: number, port: number): Promise<void> {
  const tx = createSocket('udp4');
  await new Promise<void>((r) => tx.bind(0, '127.0.0.1', r));
  const payload = Buffer.alloc(size, 0x61);
  await new Promise<void>((resolve) => {
    let left = count;
    for (let i = 0; i < count; i++) tx.send(payload, port, '127.0.0.1', () => { if (--left === 0) resolve(); });
  });
  tx.close();
}

/** A bound UDP socket that discards what it gets (so no ICMP port-unreachable replies join the capture). */
export async function udpSink(): Promise<{ port: number; close(): void }> {
  const rx = createSocket('udp4');
  await new Promise<void>((r) => rx.bind(0, '127.0.0.1', r));
  rx.on('message', () => undefined);
  return { port: rx.address().port, close: () => rx.close() };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until `done()` or `ms` passed. */
export async function waitFor(done: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await sleep(20);
}
