/**
 * Fields that occur on several layers of one frame, against `tshark -2 -Y` on small captures built here:
 * IP headers tshark counts though they cannot be read (empty, cut short, a wrong version), tunnels (IPv4 in
 * IPv6, VXLAN) whose outer IP/UDP headers tshark matches too, an ICMP error around a quoted TCP header, and
 * pcapng Custom Blocks, which tshark numbers as frames (frame.time_relative then counts from time 0). The
 * corpus files with the same traits (Geneve, zeek smtp's ICMP errors) are checked with values tshark prints.
 * Not covered: a header cut inside its addresses, where tshark still shows the addresses captured whole
 * (SynAck makes no flow for a header it cannot read to the end).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../shared/filter/compile';
import { concat, customBlock, epb, fields, idb, ipv4Tcp, pcapHeader, pcapRecord, shb } from '../../support/capture-bytes';
import { CORPUS_DIR, TEST_OUTPUT_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { captureColumns, loadPipeline } from './filter-pipeline';
import { tsharkMatches } from './tshark-filter-oracle';

const hasTshark = requireTool('tshark');
const { pipeline } = await loadPipeline();
const DIR = join(TEST_OUTPUT_DIR, 'filter-layers');

type Addr4 = [number, number, number, number];
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const eth = (type: number, payload: Uint8Array): Uint8Array => concat(bytes(0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0x66, 0x77, 0x88, 0x99, 0xaa), fields(false, [type, 2]), payload);
const ipv4 = (proto: number, src: Addr4, dst: Addr4, payload: Uint8Array, version = 4): Uint8Array =>
  concat(fields(false, [(version << 4) | 5, 1], [0, 1], [20 + payload.length, 2], [1, 2], [0, 2], [64, 1], [proto, 1], [0, 2]), bytes(...src), bytes(...dst), payload);
const v6addr = (last: number): Uint8Array => concat(bytes(0x20, 0x01, 0x0d, 0xb8), new Uint8Array(11), bytes(last));
const ipv6 = (next: number, src: number, dst: number, payload: Uint8Array, version = 6): Uint8Array =>
  concat(fields(false, [version << 28, 4], [payload.length, 2], [next, 1], [64, 1]), v6addr(src), v6addr(dst), payload);
const udp = (sport: number, dport: number, payload: Uint8Array): Uint8Array => concat(fields(false, [sport, 2], [dport, 2], [8 + payload.length, 2], [0, 2]), payload);
const vxlan = (inner: Uint8Array): Uint8Array => concat(bytes(0x08, 0, 0, 0, 0, 0, 0x2a, 0), inner);

const TCP = ipv4Tcp({ src: [10, 0, 0, 1], dst: [10, 0, 0, 2], sport: 40000, dport: 80, seq: 1000, ack: 0, flags: 0x02 });

/** Ethernet frames: IP headers tshark counts without reading them, tunnels, an ICMP error. */
const ETHERNET_FRAMES = [
  eth(0x86dd, new Uint8Array(0)),                                      // EtherType IPv6, nothing after it
  eth(0x86dd, ipv6(59, 1, 2, new Uint8Array(0)).subarray(0, 1)),       // one byte of an IPv6 header
  eth(0x86dd, ipv6(59, 1, 2, new Uint8Array(0)).subarray(0, 8)),       // cut before the addresses
  eth(0x86dd, ipv6(59, 1, 2, new Uint8Array(20), 3)),                  // version 3
  eth(0x0800, new Uint8Array(0)),                                      // EtherType IPv4, nothing after it
  eth(0x0800, ipv4(59, [10, 0, 0, 1], [10, 0, 0, 2], new Uint8Array(0)).subarray(0, 12)), // cut before the addresses
  eth(0x0800, ipv4(59, [10, 0, 0, 1], [10, 0, 0, 2], new Uint8Array(0), 5)),  // version 5
  eth(0x0800, TCP),
  eth(0x86dd, ipv6(4, 1, 2, TCP)),                                     // IPv4 in IPv6
  eth(0x0800, ipv4(17, [198, 51, 100, 1], [198, 51, 100, 2], udp(50123, 4789, vxlan(eth(0x0800, TCP))))),
  eth(0x0800, ipv4(1, [192, 0, 2, 9], [10, 0, 0, 1], concat(bytes(3, 1, 0, 0, 0, 0, 0, 0), TCP))), // host unreachable, quoting the SYN
];

/** LINKTYPE_IPV6: what tshark calls ipv6 whatever it holds (tcpdump's beep-oobr.pcap starts with version 3). */
const RAW_IPV6_FRAMES = [
  ipv6(59, 1, 2, new Uint8Array(24), 3),
  new Uint8Array(0),
  ipv6(6, 1, 2, new Uint8Array(0)).subarray(0, 10),
  ipv6(59, 1, 2, new Uint8Array(0)),
];

const LAYER_EXPRESSIONS = [
  'ip', 'ipv6', 'udp', 'tcp', 'not ip and not ipv6', 'ip and ipv6',
  'ip.src == 192.0.2.9', 'ip.addr != 192.0.2.9', 'ip.src ~= 10.0.0.1', 'ip.addr === 10.0.0.0/8', 'ip.dst == 10.0.0.1',
  'ip.addr == 198.51.100.0/24', 'ip.addr != 10.0.0.2', 'ipv6.addr == 2001:db8::/32', 'ipv6.src == 2001:db8::1',
  'ipv6.addr != 2001:db8::1', 'udp.port == 4789', 'udp.dstport == 4789 && tcp.dstport == 80', 'udp.port != 4789',
  'tcp.port == 80',
];

function pcap(name: string, linkType: number, frames: Uint8Array[]): string {
  mkdirSync(DIR, { recursive: true });
  const path = join(DIR, name);
  writeFileSync(path, concat(pcapHeader({ linkType }), ...frames.map((f, i) => pcapRecord(true, 1000 + i, 0, f))));
  return path;
}

/** Frame numbers our filter selects over the real pipeline's columns. */
function ours(path: string, expressions: readonly string[]): number[][] {
  const { cols, ctx } = captureColumns(pipeline!, path);
  const out = new Uint32Array(Math.max(1, cols.rows));
  return expressions.map((text) => {
    const r = compileFilter(text);
    if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
    const n = r.filter.select(cols, ctx, 0, cols.rows, out);
    return Array.from(out.subarray(0, n), (row) => cols.frame[row]);
  });
}

/** Expression → frames, for a readable failure. */
const byExpression = (expressions: readonly string[], frames: number[][]): Record<string, number[]> =>
  Object.fromEntries(expressions.map((e, i) => [e, frames[i]]));

function expectSameAsTshark(path: string, expressions: readonly string[]): void {
  expect(byExpression(expressions, ours(path, expressions))).toEqual(byExpression(expressions, tsharkMatches(path, expressions)));
}

/** Values tshark prints for a field on one frame (every occurrence). */
function tsharkValues(path: string, frame: number, field: string): string[] {
  const out = execFileSync('tshark', ['-n', '-r', path, '-Y', `frame.number == ${frame}`, '-T', 'fields', '-E', 'occurrence=a', '-e', field],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.trim().split(',').filter(Boolean);
}

describe.skipIf(!hasTshark || pipeline === null)('fields on several layers, as tshark -2 -Y', () => {
  it('ip and ipv6 count a header the link layer hands over even when it is empty, cut short or has a wrong version', () => {
    expectSameAsTshark(pcap('ethernet-layers.pcap', 1, ETHERNET_FRAMES), LAYER_EXPRESSIONS);
    expectSameAsTshark(pcap('raw-ipv6-layers.pcap', 229, RAW_IPV6_FRAMES), ['ip', 'ipv6', 'tcp', 'not ip and not ipv6']);
  });

  it('ipv6.addr, ipv6.dst, udp and udp.port match the outer header of a Geneve tunnel', () => {
    const path = join(CORPUS_DIR, 'tcpdump__gso-ipv6-geneve-ipv4.pcap');
    const [outerDst] = tsharkValues(path, 1, 'ipv6.dst');
    const udpPorts = tsharkValues(path, 1, 'udp.port');
    expect(outerDst).toBeTruthy();
    expect(udpPorts).toHaveLength(2);
    expectSameAsTshark(path, [`ipv6.dst == ${outerDst}`, `ipv6.addr != ${outerDst}`, `ipv6.src == ${outerDst}`,
      `udp.port == ${udpPorts[0]}`, `udp.dstport == ${udpPorts[1]}`, 'udp', 'ipv6', 'ip and tcp']);
  });

  it('ip.src matches the sender of an ICMP error as well as the source of the TCP header it quotes', () => {
    const path = join(CORPUS_DIR, 'zeek__smtp.pcap');
    const icmp = tsharkMatches(path, ['icmp and tcp'])[0];
    expect(icmp.length).toBeGreaterThan(0);
    const sources = tsharkValues(path, icmp[0], 'ip.src');
    expect(sources).toHaveLength(2);
    expectSameAsTshark(path, sources.flatMap((a) => [`ip.src == ${a}`, `ip.src != ${a}`, `ip.addr ~= ${a}`, `ip.addr === ${a}`]));
  });

  it('frame.time_relative counts from time 0 when the first frame tshark numbers is a pcapng Custom Block', () => {
    const le = true;
    const frames = [TCP, TCP, TCP].map((ip) => eth(0x0800, ip));
    const file = (blocks: Uint8Array[]): Uint8Array => concat(shb(le), idb(le, 1, 65535), ...blocks);
    const us = (s: number): bigint => BigInt(Math.round(s * 1e6));
    mkdirSync(DIR, { recursive: true });
    const first = join(DIR, 'custom-first.pcapng'), middle = join(DIR, 'custom-middle.pcapng');
    writeFileSync(first, file([customBlock(le, bytes(1, 2, 3, 4)), epb(le, 0, us(1000.25), frames[0]), epb(le, 0, us(1000.5), frames[1]), epb(le, 0, us(1001.5), frames[2])]));
    writeFileSync(middle, file([epb(le, 0, us(1000.25), frames[0]), customBlock(le, bytes(1, 2, 3, 4)), epb(le, 0, us(1000.5), frames[1]), epb(le, 0, us(1001.5), frames[2])]));
    const expressions = ['frame.time_relative == 1000.25', 'frame.time_relative == 0.25', 'frame.time_relative < 1', 'frame.time_relative >= 1000', 'frame'];
    // tshark lists the Custom Block itself as a frame; SynAck has no row for it.
    const withoutCustom = (path: string): number[][] => tsharkMatches(path, expressions).map((f) => f.filter((n) => n !== (path === first ? 1 : 2)));
    expect(byExpression(expressions, ours(first, expressions))).toEqual(byExpression(expressions, withoutCustom(first)));
    expect(byExpression(expressions, ours(middle, expressions))).toEqual(byExpression(expressions, withoutCustom(middle)));
  });
});
