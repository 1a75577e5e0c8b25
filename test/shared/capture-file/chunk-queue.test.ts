import { describe, expect, it } from 'vitest';
import { ChunkQueue } from '../../../shared/capture-file/chunk-queue';

describe('ChunkQueue', () => {
  it('hands out windows inside the pushed chunk without copying', () => {
    const q = new ChunkQueue();
    const chunk = Uint8Array.of(1, 2, 3, 4, 5, 6);
    q.push(chunk);
    expect(q.want(4)).toBe(true);
    expect(q.bytes).toBe(chunk);
    q.consume(4);
    expect([q.want(2), q.at, q.offset]).toEqual([true, 4, 4]);
  });

  it('joins a window that straddles chunks and tracks the file offset', () => {
    const q = new ChunkQueue();
    q.push(Uint8Array.of(1, 2, 3));
    expect(q.want(5)).toBe(false);
    q.stash();
    q.push(Uint8Array.of(4));
    expect(q.want(5)).toBe(false);
    q.push(Uint8Array.of(5, 6, 7));
    expect(q.want(5)).toBe(true);
    expect([...q.bytes.subarray(q.at, q.at + 5)]).toEqual([1, 2, 3, 4, 5]);
    expect(q.view.getUint8(q.at + 4)).toBe(5);
    q.consume(5);
    expect([q.offset, q.buffered, q.want(2)]).toEqual([5, 2, true]);
    expect([...q.bytes.subarray(q.at, q.at + 2)]).toEqual([6, 7]);
  });

  it('keeps the unread tail when asked to stash it, so the caller may reuse its buffer', () => {
    const q = new ChunkQueue();
    const buf = Uint8Array.of(9, 8, 7);
    q.push(buf);
    q.stash();
    buf.fill(0);
    q.push(Uint8Array.of(6));
    expect(q.want(4)).toBe(true);
    expect([...q.bytes.subarray(q.at, q.at + 4)]).toEqual([9, 8, 7, 6]);
  });

  it('consumes part of a carried window and keeps the rest', () => {
    const q = new ChunkQueue();
    q.push(Uint8Array.of(1, 2));
    q.want(3);
    q.push(Uint8Array.of(3, 4));
    expect(q.want(3)).toBe(true);
    q.consume(2);
    expect([q.want(2), q.bytes[q.at], q.bytes[q.at + 1], q.offset]).toEqual([true, 3, 4, 2]);
  });
});
