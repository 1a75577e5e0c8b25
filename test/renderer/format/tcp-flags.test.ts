import { describe, expect, it } from 'vitest';
import { FLAG_INFO, setFlags, tcpdumpFlags, wiresharkFlags } from '../../../renderer/format/tcp-flags';

describe('tcp flag text', () => {
  it('prints the seed flags as tcpdump does', () => {
    // ../shared/seed/seed-lo0.tcpdump-vv.txt: Flags [S], [S.], [.], [F.]
    expect(tcpdumpFlags(0x002)).toBe('S');
    expect(tcpdumpFlags(0x012)).toBe('S.');
    expect(tcpdumpFlags(0x010)).toBe('.');
    expect(tcpdumpFlags(0x011)).toBe('F.');
  });
  it('orders several letters like tcpdump and says none for no flag', () => {
    expect(tcpdumpFlags(0x019)).toBe('FP.');
    expect(tcpdumpFlags(0x0c2)).toBe('SEW');
    expect(tcpdumpFlags(0x014)).toBe('R.');
    expect(tcpdumpFlags(0)).toBe('none');
  });
  it('names flags the way Wireshark\'s Info column does', () => {
    expect(wiresharkFlags(0x012)).toBe('SYN, ACK');
    expect(wiresharkFlags(0x011)).toBe('FIN, ACK');
    expect(wiresharkFlags(0x018)).toBe('PSH, ACK');
    expect(wiresharkFlags(0x019)).toBe('FIN, PSH, ACK');
  });
  it('explains every letter of the legend', () => {
    expect(FLAG_INFO.map((f) => f.letter).join('')).toBe('FSRP.UEW');
    expect(setFlags(0x012).map((f) => f.name)).toEqual(['SYN', 'ACK']);
    for (const f of FLAG_INFO) expect(f.meaning.length).toBeGreaterThan(20);
  });
});
