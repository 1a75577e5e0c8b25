import { describe, expect, it } from 'vitest';
import { analysisEntries, analysisTags, completenessWords, worstSeverity } from '../../../renderer/format/tcp-analysis-text';

describe('analysis text', () => {
  it('tags the seed\'s window update and duplicate ACK as Wireshark does', () => {
    expect(analysisTags(0x0800, 0, 0)).toEqual(['[TCP Window Update]']);
    expect(analysisTags(0x0010, 5, 1)).toEqual(['[TCP Dup ACK 5#1]']);
  });
  it('ranks severities: warn beats note beats chat', () => {
    expect(worstSeverity(0)).toBeNull();
    expect(worstSeverity(0x0800)).toBe('chat');
    expect(worstSeverity(0x0810)).toBe('note');
    expect(worstSeverity(0x0811 | 0x0002)).toBe('warn');
  });
  it('names the analysis field of each bit', () => {
    expect(analysisEntries(0x4401).map((a) => a.field)).toEqual(['retransmission', 'fast_retransmission', 'spurious_retransmission']);
  });
  it('says completeness in words', () => {
    expect(completenessWords(23)).toBe('complete: SYN, SYN-ACK, ACK, FIN');
    expect(completenessWords(31)).toBe('complete: SYN, SYN-ACK, ACK, data, FIN');
    expect(completenessWords(47)).toBe('complete: SYN, SYN-ACK, ACK, data, RST');
    expect(completenessWords(1)).toBe('incomplete: SYN');
    expect(completenessWords(15)).toBe('incomplete: SYN, SYN-ACK, ACK, data');
    expect(completenessWords(0)).toBe('incomplete: nothing seen');
  });
});
