import { describe, expect, it } from 'vitest';
import { NEXT_ETHERNET, NEXT_NONE } from '../../../shared/wire/link';
import { TunnelReader, UDP_PORT_GENEVE, UDP_PORT_GTP_U, UDP_PORT_VXLAN, udpTunnelPort } from '../../../shared/wire/tunnel';
import { WireProblemCode } from '../../../shared/wire/wire-problem';
import { hex, viewAt } from './wire-fixtures';

describe('TunnelReader', () => {
  it('recognises a tunnel by either port, unless the lower port is a well-known one (tried first by tshark)', () => {
    expect(udpTunnelPort(1234, 4789)).toBe(UDP_PORT_VXLAN);
    expect(udpTunnelPort(6081, 50000)).toBe(UDP_PORT_GENEVE);
    expect(udpTunnelPort(2152, 2152)).toBe(UDP_PORT_GTP_U);
    expect(udpTunnelPort(53, 2152)).toBe(0);
    expect(udpTunnelPort(53, 1)).toBe(0);
    expect(udpTunnelPort(104, 2152)).toBe(UDP_PORT_GTP_U);   // no dissector on UDP 104
    expect(udpTunnelPort(2055, 4789)).toBe(UDP_PORT_VXLAN);  // NetFlow's dissector turns a VXLAN datagram down
  });

  it('VXLAN: 8-byte header, then Ethernet', () => {
    const t = new TunnelReader();
    expect(t.resetUdp(viewAt(hex`0800 0000 0000 0100`), 0, 8, UDP_PORT_VXLAN)).toBeNull();
    expect([t.nextType, t.nextOffset]).toEqual([NEXT_ETHERNET, 8]);
  });

  it('Geneve: 8 bytes + option length × 4, protocol type from the header', () => {
    const t = new TunnelReader();
    expect(t.resetUdp(viewAt(hex`0100 6558 0000 0100 0000 0000`), 0, 12, UDP_PORT_GENEVE)).toBeNull();
    expect([t.nextType, t.nextOffset]).toEqual([0x6558, 12]);
  });

  it('GRE: checksum, key and sequence fields each add 4 bytes', () => {
    const t = new TunnelReader();
    expect(t.resetGre(viewAt(hex`0000 0800`), 0, 4)).toBeNull();
    expect([t.nextType, t.nextOffset]).toEqual([0x0800, 4]);
    expect(t.resetGre(viewAt(hex`b000 86dd 0000 0000 0000 0001 0000 0002`), 0, 16)).toBeNull();
    expect([t.nextType, t.nextOffset]).toEqual([0x86dd, 16]);
  });

  it('enhanced GRE (PPTP, version 1) always has a key and may carry an ack', () => {
    const t = new TunnelReader();
    expect(t.resetGre(viewAt(hex`3081 880b 0010 0001 0000 0001 0000 0001`), 0, 16)).toBeNull();
    expect([t.nextType, t.nextOffset]).toEqual([0x880b, 16]);
  });

  it('ERSPAN type II in GRE continues with Ethernet after its 8-byte header', () => {
    const t = new TunnelReader();
    expect(t.resetGre(viewAt(hex`1000 88be 0000 0001 1000 0001 0000 0000`), 0, 16)).toBeNull();
    expect([t.nextType, t.nextOffset]).toEqual([NEXT_ETHERNET, 16]);
  });

  it('GRE with source routing is not followed', () => {
    const t = new TunnelReader();
    t.resetGre(viewAt(hex`4000 0800 0000 0000`), 0, 8);
    expect(t.nextType).toBe(NEXT_NONE);
  });

  it('truncated tunnel headers are problems, never throws', () => {
    const t = new TunnelReader();
    const gre = hex`b000 86dd 0000 0000 0000 0001 0000 0002`;
    for (let n = 0; n < gre.length; n++) expect(t.resetGre(viewAt(gre.slice(0, n)), 0, n)?.code).toBe(WireProblemCode.tunnelTruncated);
    for (let n = 0; n < 8; n++) expect(t.resetUdp(viewAt(new Uint8Array(n)), 0, n, UDP_PORT_VXLAN)?.code).toBe(WireProblemCode.tunnelTruncated);
    const gen = hex`0200 6558 0000 0100 0000 0000 0000 0000`;
    for (let n = 0; n < gen.length; n++) expect(t.resetUdp(viewAt(gen.slice(0, n)), 0, n, UDP_PORT_GENEVE)?.code).toBe(WireProblemCode.tunnelTruncated);
  });
});
