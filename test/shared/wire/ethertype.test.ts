import { describe, expect, it } from 'vitest';
import { EtherTypeChain } from '../../../shared/wire/ethertype';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6, NEXT_ETHERNET, NEXT_NONE } from '../../../shared/wire/link';
import { WireProblemCode } from '../../../shared/wire/wire-problem';
import { QINQINQ_SYN_FRAME, ethernet, hex, join, viewAt } from './wire-fixtures';

function walk(bytes: Uint8Array, type = NEXT_ETHERNET) {
  const c = new EtherTypeChain();
  const p = c.walk(viewAt(bytes), type, 0, bytes.length);
  return { p, type: c.type, at: c.at, vlanTags: c.vlanTags, vlanId: c.vlanId, mpls: c.mplsLabels };
}

describe('EtherTypeChain', () => {
  it('passes three 802.1Q tags (zeek vlan-qinqinq.pcap) to IPv4 at 26, outer VLAN 30', () => {
    expect(walk(QINQINQ_SYN_FRAME)).toEqual({ p: null, type: ETHERTYPE_IPV4, at: 26, vlanTags: 3, vlanId: 30, mpls: 0 });
  });

  it('passes 802.1ad then 802.1Q', () => {
    const f = join(ethernet(0x88a8), hex`0064 8100 00c8 86dd`);
    expect(walk(f)).toMatchObject({ type: ETHERTYPE_IPV6, at: 22, vlanTags: 2, vlanId: 100 });
  });

  it('passes an MPLS label stack to the bottom-of-stack bit and guesses IPv4/IPv6 by nibble', () => {
    expect(walk(join(ethernet(0x8847), hex`0001 d0ff 0001 e1ff 45`))).toMatchObject({ type: ETHERTYPE_IPV4, at: 22, mpls: 2 });
    expect(walk(join(ethernet(0x8847), hex`0001 d1ff 60`))).toMatchObject({ type: ETHERTYPE_IPV6, at: 18 });
  });

  it('MPLS with a pseudowire control word continues with an Ethernet frame when the addresses do not look like one', () => {
    const f = join(ethernet(0x8847), hex`0001 d1ff 0000 0000`, hex`0200 ffff ff01 0200 0000 0002 0800`, hex`45`);
    expect(walk(f)).toMatchObject({ type: ETHERTYPE_IPV4, at: 36 });
  });

  it('MPLS payload whose first 12 bytes are two addresses of known manufacturers is a plain Ethernet frame (packet-pw-eth.c)', () => {
    // A zero control word reads as OUI 00:00:00 (Xerox) and the destination's bytes 2–4 (00:00:00) as another known OUI.
    const f = join(ethernet(0x8847), hex`0001 d1ff 0000 0000`, ethernet(0x0800), hex`45`);
    // Its "EtherType" is then the inner frame's bytes 8–9 (0000, an 802.3 length): LLC, nothing known after it.
    expect(walk(f)).toMatchObject({ type: NEXT_NONE });
  });

  it('802.3 length field → LLC/SNAP → EtherType', () => {
    const f = join(hex`0000 0000 0000 0000 0000 0000 0030`, hex`aaaa 0300 0000 0800`);
    expect(walk(f)).toMatchObject({ p: null, type: ETHERTYPE_IPV4, at: 22 });
  });

  it('LLC with DSAP 0x06 is IPv4; other SAPs end the chain', () => {
    expect(walk(join(hex`0000 0000 0000 0000 0000 0000 0030`, hex`0606 03`))).toMatchObject({ type: ETHERTYPE_IPV4, at: 17 });
    expect(walk(join(hex`0000 0000 0000 0000 0000 0000 0030`, hex`4242 03`))).toMatchObject({ type: NEXT_NONE });
  });

  it('PPPoE session → PPP → IPv4 and IPv6', () => {
    expect(walk(join(ethernet(0x8864), hex`1100 0001 0020 0021 45`))).toMatchObject({ type: ETHERTYPE_IPV4, at: 22 });
    expect(walk(join(ethernet(0x8864), hex`1100 0001 0020 0057 60`))).toMatchObject({ type: ETHERTYPE_IPV6, at: 22 });
  });

  it('every truncated prefix of the tagged header is a problem, never a throw', () => {
    for (let n = 0; n < 26; n++) {
      const r = walk(QINQINQ_SYN_FRAME.slice(0, n));
      expect(r.p?.code, `prefix ${n}`).toBe(WireProblemCode.encapTruncated);
    }
  });

  it('a frame of nothing but VLAN tags stops with tooDeep', () => {
    const parts = [ethernet(0x8100)];
    for (let i = 0; i < 64; i++) parts.push(hex`0001 8100`);
    expect(walk(join(...parts)).p?.code).toBe(WireProblemCode.tooDeep);
  });

  it('an endless MPLS stack stops with tooDeep', () => {
    const parts = [ethernet(0x8847)];
    for (let i = 0; i < 64; i++) parts.push(hex`0001 00ff`);
    expect(walk(join(...parts)).p?.code).toBe(WireProblemCode.tooDeep);
  });
});
