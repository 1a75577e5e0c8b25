import { describe, expect, it } from 'vitest';
import { expectSameAsTshark } from '../../support/corpus-variant';
import { requireTool } from '../../support/require-tool';
import { tcpFieldRows } from '../../support/tcp-fields';
import { CAPTURES } from '../../fixtures/encapsulation-captures';

/**
 * Encapsulations tshark looks through by default, found missing by running the differential against captures from
 * tcpdump's, Zeek's, libpcap's and dpkt's test captures (GTP-U, Teredo, AYIYA, GRE in UDP, L2TP, WCCP, IPv4 AH, 802.1ah,
 * VN-Tag, E-Tag, Cisco MetaData, Cisco FabricPath, Aruba's 802.11 in GRE, PPPoE lengths, CAPWAP, NFLOG, IPoIB, Juniper Ethernet, Cisco HDLC).
 * Each capture carries one handshake-and-data conversation per variant (its own client port), so a variant that
 * hides its TCP from us, or shows TCP tshark does not see, changes the frames with tcp or the conversation table.
 */

describe('encapsulations', () => {
  it('find the TCP inside every variant that carries it, and none in the others', () => {
    const frames = [...tcpFieldRows(CAPTURES.ethernet(), ['tcp.srcport']).values()].map((v) => Number(v[0]));
    const clientPorts = new Set(frames.filter((p) => p !== 80));
    expect([...clientPorts].sort()).toEqual([41001, 41002, 41003, 41006, 41007, 41009, 41010, 41011, 41012, 41013, 41014, 41015, 41016, 41017, 41019, 41020, 41021, 41022, 41023, 41024, 41025, 41027, 41028, 41031, 41032, 41034, 41035, 41036, 41037, 41038, 41039, 41040, 41041, 41042, 41043, 41046, 41047, 41049]);
    expect(tcpFieldRows(CAPTURES.nflog(), ['tcp.srcport']).size).toBe(5);
    const wifiPorts = new Set([...tcpFieldRows(CAPTURES.wifi(), ['tcp.srcport']).values()].map((v) => Number(v[0])).filter((p) => p !== 80));
    expect([...wifiPorts].sort()).toEqual([43001, 43002, 43003, 43004, 43005]);
    const nullPorts = new Set([...tcpFieldRows(CAPTURES.bsdNull(), ['tcp.srcport']).values()].map((v) => Number(v[0])).filter((p) => p !== 80));
    expect([...nullPorts].sort()).toEqual([44001, 44002, 44003, 44004, 44005, 44006]);
    expect(tcpFieldRows(CAPTURES.ipoib(), ['tcp.srcport']).size).toBe(5);
    expect(tcpFieldRows(CAPTURES.juniper(), ['tcp.srcport']).size).toBe(10);
    expect(tcpFieldRows(CAPTURES.ciscoHdlc(), ['tcp.srcport']).size).toBe(5);
    expect(tcpFieldRows(CAPTURES.pppCiscoHdlc(), ['tcp.srcport']).size).toBe(10);
  });

  it.skipIf(!requireTool('tshark')).each(Object.keys(CAPTURES))('%s: every -T fields field and -z conv,tcp agree with tshark', (name) => {
    expectSameAsTshark(CAPTURES[name as keyof typeof CAPTURES](), name);
  });
});
