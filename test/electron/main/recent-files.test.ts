import { describe, expect, it } from 'vitest';
import { addRecent, recentLabel, removeRecent } from '../../../electron/main/recent-files';

describe('recent files', () => {
  it('puts the newest first and moves a reopened file to the front', () => {
    let l = addRecent([], '/a.pcap', 'linux');
    l = addRecent(l, '/b.pcap', 'linux');
    l = addRecent(l, '/a.pcap', 'linux');
    expect(l).toEqual(['/a.pcap', '/b.pcap']);
  });

  it('keeps at most max entries', () => {
    let l: string[] = [];
    for (let i = 0; i < 15; i++) l = addRecent(l, `/f${i}`, 'linux', 10);
    expect(l).toHaveLength(10);
    expect(l[0]).toBe('/f14');
    expect(l[9]).toBe('/f5');
  });

  it('compares paths case-insensitively on Windows and macOS only', () => {
    expect(addRecent(['C:\\A.pcap'], 'c:\\a.pcap', 'win32')).toEqual(['c:\\a.pcap']);
    expect(addRecent(['/A.pcap'], '/a.pcap', 'darwin')).toEqual(['/a.pcap']);
    expect(addRecent(['/A.pcap'], '/a.pcap', 'linux')).toEqual(['/a.pcap', '/A.pcap']);
  });

  it('ignores invalid paths and removes entries', () => {
    expect(addRecent(['/a'], '', 'linux')).toEqual(['/a']);
    expect(addRecent(['/a'], 'x\0', 'linux')).toEqual(['/a']);
    expect(removeRecent(['/a', '/b'], '/a', 'linux')).toEqual(['/b']);
  });

  it('labels entries with a mnemonic number, the name, then the folder, escaping &', () => {
    expect(recentLabel('/home/u/caps/seed.pcap', 0)).toBe('&1  seed.pcap — /home/u/caps');
    expect(recentLabel('C:\\caps\\R&D.pcapng', 1)).toBe('&2  R&&D.pcapng — C:\\caps');
    expect(recentLabel('x.pcap', 9)).toBe('x.pcap');
  });
});
