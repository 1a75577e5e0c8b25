import { describe, expect, it } from 'vitest';
import { TcpFollow, type FollowSegment } from '../../../shared/tcp/tcp-follow';

const ACK = 0x10;
const seg = (frame: number, dir: 0 | 1, seq: number, len: number, ack = 1): FollowSegment =>
  ({ frame, tsSec: frame, tsNsec: 0, dir, seq, ack, flags: ACK, len });
const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);

describe('TcpFollow', () => {
  it('holds data behind a gap as pending bytes until the gap closes, then hands it over in order', () => {
    const f = new TcpFollow();
    f.add(seg(1, 0, 1, 10), bytes(10, 0x61));
    for (let k = 0; k < 50; k++) f.add(seg(2 + k, 0, 21 + 10 * k, 10), bytes(10, 0x62));   // 11..20 missing
    expect(f.pendingBytes).toBe(500);
    expect(f.bytes).toEqual([10, 0]);
    f.add(seg(60, 0, 11, 10), bytes(10, 0x63));                                              // the gap closes
    expect(f.pendingBytes).toBe(0);
    expect(f.bytes).toEqual([520, 0]);
    expect(f.records.map((r) => r.frame)).toEqual([1, 60, ...Array.from({ length: 50 }, (_, k) => 2 + k)]);
  });

  it('the peer\'s ACK past a gap the capture lacks marks it missing and releases the waiting data', () => {
    const f = new TcpFollow();
    f.add(seg(1, 0, 1, 10), bytes(10, 0x61));
    f.add(seg(2, 0, 21, 10), bytes(10, 0x62));
    expect(f.pendingBytes).toBe(10);
    f.add(seg(3, 1, 1, 0, 31), bytes(0, 0));
    expect(f.pendingBytes).toBe(0);
    expect(f.records.map((r) => [r.frame, r.missing, r.data.length])).toEqual([[1, false, 10], [3, true, 35], [2, false, 10]]);
  });
});
