import { describe, expect, it } from 'vitest';
import { FlowTable } from '../../../shared/tcp/flow-table';
import { emptyDecodedPacket } from '../../../shared/wire/decoded-packet';

/** Addresses at 0 and 4 of one DataView, ports in the packet struct. */
function packet(src: number[], dst: number[], sport: number, dport: number) {
  const dv = new DataView(new Uint8Array([...src, ...dst]).buffer);
  const p = emptyDecodedPacket();
  Object.assign(p, { l3: 4, addrLen: 4, srcAddrOffset: 0, dstAddrOffset: 4, srcPort: sport, dstPort: dport });
  return { dv, p };
}

describe('FlowTable', () => {
  it('finds the same flow in both directions, with dir 0 for the lower endpoint', () => {
    const t = new FlowTable(2);
    const fwd = packet([10, 0, 0, 2], [10, 0, 0, 1], 80, 40000);
    const id = t.add(fwd.dv, fwd.p, 6);
    expect(t.dir).toBe(1);
    const rev = packet([10, 0, 0, 1], [10, 0, 0, 2], 40000, 80);
    expect(t.lookup(rev.dv, rev.p, 6)).toBe(id);
    expect(t.dir).toBe(0);
    expect([t.port(id, 0), t.port(id, 1)]).toEqual([40000, 80]);
  });

  it('keeps protocols and port pairs apart, and a shadowing flow wins the lookup', () => {
    const t = new FlowTable(2);
    const a = packet([1, 1, 1, 1], [2, 2, 2, 2], 1, 2);
    const tcp = t.add(a.dv, a.p, 6);
    expect(t.lookup(a.dv, a.p, 17)).toBe(-1);
    const b = packet([1, 1, 1, 1], [2, 2, 2, 2], 2, 1);
    expect(t.lookup(b.dv, b.p, 6)).toBe(-1);
    const reuse = t.add(a.dv, a.p, 6);
    expect(reuse).not.toBe(tcp);
    expect(t.lookup(a.dv, a.p, 6)).toBe(reuse);
  });

  it('grows past its initial capacity without losing flows', () => {
    const t = new FlowTable(2);
    const ids = Array.from({ length: 100 }, (_, i) => { const x = packet([10, 0, 0, i], [10, 0, 1, 1], 1000 + i, 80); return t.add(x.dv, x.p, 6); });
    ids.forEach((id, i) => { const x = packet([10, 0, 1, 1], [10, 0, 0, i], 80, 1000 + i); expect(t.lookup(x.dv, x.p, 6)).toBe(id); });
  });
});
