import { describe, expect, it } from 'vitest';
import { OutboundQueue } from '../../../electron/capture/outbound-queue';

function queue() {
  const out: string[] = [];
  const q = new OutboundQueue({
    sendFrame: (b) => out.push(`json${b[0]}`),
    sendBatch: (b) => out.push(`batch${b.byteLength}`),
  });
  return { q, out };
}

describe('outbound queue', () => {
  it('sends JSON at once but holds batches, and what follows them, until credits arrive', () => {
    const { q, out } = queue();
    q.pushFrame(new Uint8Array([1]));
    q.pushBatch(new ArrayBuffer(8));
    q.pushFrame(new Uint8Array([2]));
    expect(out).toEqual(['json1']);
    q.grant(1);
    expect(out).toEqual(['json1', 'batch8', 'json2']);
  });

  it('ready() waits for an empty queue and at least one credit', async () => {
    const { q } = queue();
    let ready = false;
    void q.ready().then(() => { ready = true; });
    q.pushBatch(new ArrayBuffer(8));
    await Promise.resolve();
    expect(ready).toBe(false);
    q.grant(1);
    await Promise.resolve();
    expect(ready).toBe(false); // the credit was spent on the batch
    q.grant(1);
    await Promise.resolve();
    expect(ready).toBe(true);
  });

  it('clear() drops queued items and releases waiters (cancellation never hangs)', async () => {
    const { q, out } = queue();
    q.pushBatch(new ArrayBuffer(8));
    const waiting = q.ready();
    q.clear();
    await waiting;
    q.grant(1);
    expect(out).toEqual([]);
    expect(q.waiting).toBe(0);
  });
});

describe('outbound queue: batch buffers', () => {
  it('passes a batch\'s written callback to the sink with the batch, and drops it with a cleared batch', () => {
    const sent: [ArrayBuffer, unknown][] = [];
    const q = new OutboundQueue({ sendFrame: () => {}, sendBatch: (b, written) => sent.push([b, written]) });
    const written = (): void => {};
    const a = new ArrayBuffer(8), b = new ArrayBuffer(8);
    q.pushBatch(a, written);
    q.pushBatch(b, written);
    q.grant(1);
    expect(sent).toEqual([[a, written]]);
    q.clear();
    q.grant(1);
    expect(sent).toHaveLength(1);
  });
});
