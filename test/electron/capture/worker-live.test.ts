import { once } from 'node:events';
import { createServer, connect, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startWorker, type WorkerConnection } from '../../../electron/capture/worker-process';
import type { ConversationSummary, EventPayload } from '../../../shared/ipc/contract';
import { requireRoot } from '../../support/require-tool';

/** Makes one TCP connection on 127.0.0.1, sends `payload`, and closes it from the client side. */
async function oneConnection(payload: string): Promise<number> {
  const server = createServer((s) => { s.on('data', () => s.end()); });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const c = connect(port, '127.0.0.1');
  await once(c, 'connect');
  c.end(payload);
  await once(c, 'close');
  server.close();
  return port;
}

async function capUsable(w: WorkerConnection): Promise<boolean> {
  const hello = await new Promise<EventPayload<'hello'>>((r) => w.client.on('hello', r));
  return hello.capabilities.liveCapture.available;
}

describe('capture worker, live', () => {
  const root = requireRoot();

  it.skipIf(!root)('captures a loopback connection with a BPF filter: its rows and one closed conversation, then stops', async () => {
    const w = startWorker();
    if (!(await capUsable(w))) {
      if (process.env.CI) throw new Error('live capture unavailable under CI');
      return;
    }
    const rows: number[] = [];
    const conversations = new Map<number, ConversationSummary>();
    const frames: number[] = [];
    w.client.onBatch((cols) => { for (let i = 0; i < cols.rows; i++) { rows.push(cols.tcpFlags[i]); frames.push(cols.frame[i]); } });
    w.client.on('conversations.upsert', (m) => { for (const c of m.conversations) conversations.set(c.stream, c); });
    const stats: EventPayload<'capture.stats'>[] = [];
    w.client.on('capture.stats', (s) => stats.push(s));
    const ended = new Promise<EventPayload<'end'>>((r) => w.client.on('end', r));
    // the port is unknown before the server listens: filter on the loopback address and a payload marker instead
    const started = await w.client.invoke('capture.start', { iface: 'lo', filter: 'tcp and host 127.0.0.1' });
    expect(started.sessionFile).toMatch(/\.pcapng$/);
    await new Promise((r) => setTimeout(r, 300));
    const port = await oneConnection('hello over loopback');
    await new Promise((r) => setTimeout(r, 500));
    await w.client.invoke('capture.stop', {});
    expect(await ended).toMatchObject({ reason: 'stopped' });
    const conv = [...conversations.values()].find((c) => c.portA === port || c.portB === port);
    expect(conv).toMatchObject({ completeness: 31, end: 'closed' });
    expect(rows.length).toBeGreaterThanOrEqual(conv!.packetsA + conv!.packetsB);
    expect(stats.at(-1)).toMatchObject({ dropped: 0, behindBy: 0 });
    const detail = await w.client.invoke('packet.detail', { frame: 1 });
    expect(detail.bytes.length).toBeGreaterThan(40);
    // Follow TCP Stream reads the session pcapng: the client's payload, from the client (node 0).
    const followed = await w.client.invoke('stream.follow', { stream: conv!.stream });
    expect(followed.nodes[0]).toEqual({ addr: '127.0.0.1', port: conv!.clientDir === 1 ? conv!.portB : conv!.portA });
    expect(followed.records.map((r) => [r.server, String.fromCharCode(...r.data)])).toEqual([[false, 'hello over loopback']]);
    // contains in the display filter: the worker searches the session pcapng's bytes; the payload is in one frame.
    const last = frames[frames.length - 1];
    const searched = await w.client.invoke('filter.bytes', { filter: 'tcp.payload contains "over loopback"', fromFrame: 1, throughFrame: last });
    expect(searched.frames).toBe(last);
    const hits = frames.filter((f) => (searched.matches[0][(f - 1) >> 3] & (1 << ((f - 1) & 7))) !== 0);
    expect(hits).toHaveLength(1);
    w.child.stdin?.end();
    await w.closed;
  });

  it.skipIf(!root)('a slow consumer: capture keeps writing the session file, stats say how far behind, rows catch up', async () => {
    const w = startWorker([], { autoCredit: false, initialCredits: 0 });
    if (!(await capUsable(w))) return;
    const stats: EventPayload<'capture.stats'>[] = [];
    w.client.on('capture.stats', (s) => stats.push(s));
    let rows = 0;
    w.client.onBatch((cols) => { rows += cols.rows; w.client.grant(1); });
    const ended = new Promise<EventPayload<'end'>>((r) => w.client.on('end', r));
    await w.client.invoke('capture.start', { iface: 'lo', filter: 'tcp and host 127.0.0.1' });
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < 5; i++) await oneConnection(`burst ${i}`);
    await new Promise((r) => setTimeout(r, 1200));
    const behind = stats.at(-1)!;
    expect(rows).toBe(0);
    expect(behind.written).toBeGreaterThanOrEqual(5 * 7);
    expect(behind.behindBy).toBe(behind.written);
    w.client.grant(1);
    await w.client.invoke('capture.stop', {});
    await ended;
    expect(rows).toBe(stats.at(-1)!.written);
    expect(stats.at(-1)!.behindBy).toBe(0);
    w.child.stdin?.end();
    await w.closed;
  });

  it.skipIf(!root)('a bad BPF filter is a failed capture.start with capture.filter, and the worker lives on', async () => {
    const w = startWorker();
    if (!(await capUsable(w))) return;
    await expect(w.client.invoke('capture.start', { iface: 'lo', filter: 'tcp and and' })).rejects.toMatchObject({ info: { code: 'capture.filter' } });
    await expect(w.client.invoke('capture.start', { iface: 'nonexistent0' })).rejects.toMatchObject({ info: { code: 'capture.interface' } });
    const list = await w.client.invoke('interfaces.list', {});
    expect(list.interfaces.map((i) => i.name)).toContain('lo');
    w.child.stdin?.end();
    await w.closed;
  });

  it('without cap, hello says why and capture.start fails with capture.unavailable', async () => {
    const prev = process.env.SYNACK_DISABLE_CAP;
    process.env.SYNACK_DISABLE_CAP = '1';
    const w = startWorker();
    process.env.SYNACK_DISABLE_CAP = prev;
    const hello = await new Promise<EventPayload<'hello'>>((r) => w.client.on('hello', r));
    expect(hello.capabilities.liveCapture).toMatchObject({ available: false, reason: /cap/ });
    await expect(w.client.invoke('capture.start', { iface: 'lo' })).rejects.toMatchObject({ info: { code: 'capture.unavailable' } });
    w.child.stdin?.end();
    await w.closed;
  });
});
