import { describe, expect, it } from 'vitest';
import { bytesText, endpointText, expertText, humanDuration } from '../../../shared/format/conversation-words';
import { loadSeed } from '../../renderer/support/seed-capture';

describe('conversation words', () => {
  it('speaks durations in human units', () => {
    expect(humanDuration(149_000)).toBe('149 µs');
    expect(humanDuration(2_300_000)).toBe('2.30 ms');
    expect(humanDuration(1_249_962_023_000)).toBe('20 min 49.96 s');
    expect(humanDuration(-1)).toBe('—');
  });

  it('prints byte counts in SI units', () => {
    expect(bytesText(999)).toBe('999 B');
    expect(bytesText(1500)).toBe('1.5 kB');
    expect(bytesText(123_456_789)).toBe('123 MB');
  });

  it('brackets IPv6 endpoints', () => {
    expect(endpointText('127.0.0.1', 8080)).toBe('127.0.0.1:8080');
    expect(endpointText('::1', 443)).toBe('[::1]:443');
  });

  it('counts the seed\'s expert flags in words', () => {
    expect(expertText(loadSeed().conversation.expert)).toEqual({ text: '1 dup ACK', total: 1 });
    expect(expertText({ ...loadSeed().conversation.expert, dupAcks: 0, retransmissions: 3 })).toEqual({ text: '3 retransmissions', total: 3 });
    expect(expertText({ ...loadSeed().conversation.expert, dupAcks: 0, outOfOrder: 2, ackedUnseen: 1, windowFull: 2, reusedPorts: 2 }).text)
      .toBe('2 out-of-order segments, 1 ACKed unseen segment, 2 window-full segments, 2 reused port pairs');
  });
});
