import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from '../../../shared/filter/edit-distance';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('tcp.prt', 'tcp.port')).toBe(1);
    expect(editDistance('tcp.port', 'tcp.prt')).toBe(1);
    expect(editDistance('tcp.sport', 'tcp.port')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('tcp.prot', 'tcp.port')).toBe(1);
  });
});

describe('closestName', () => {
  it('suggests the nearest candidate', () => {
    expect(closestName('tcp.srcprot', ['tcp.srcport', 'tcp.dstport', 'udp.srcport'])).toBe('tcp.srcport');
  });

  it('ignores case', () => {
    expect(closestName('ESTABLISHD', ['CLOSED', 'ESTABLISHED'])).toBe('ESTABLISHED');
  });

  it('gives nothing when no candidate is close', () => {
    expect(closestName('http.request', ['tcp.port', 'ip.addr'])).toBeNull();
  });
});
