/**
 * Copy's texts: the hex + ASCII dump is checked against `tshark -x` frame by frame (loopback, Ethernet, 802.11 with
 * PPI, ARCnet, pcapng, VLAN/MPLS, frames past 64 KiB whose offsets take more digits, captures where tshark adds
 * reassembled data sources after the frame's own bytes); the other forms against what they must hold.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDetailTree } from '../../../shared/wire/detail-tree';
import type { DetailNode } from '../../../shared/ipc/contract';
import { lookupField } from '../../../shared/filter/fields';
import {
  detailCopyItems, fieldNameOf, hexAsciiDump, hexStream, rowCopyItems, summaryCsv, summaryText, visibleItemsText,
} from '../../../renderer/format/copy-text';
import { flattenTree } from '../../../renderer/format/detail-tree-walk';
import { CORPUS as CORPUS_DIR } from '../support/capture-app';
import { forEachRecord } from '../../support/read-capture';
import { requireTool } from '../../support/require-tool';

const hasTshark = requireTool('tshark');
const SEED_PCAP = join(CORPUS_DIR, '..', 'seed', 'seed-lo0.pcap');

const FILES = [
  SEED_PCAP, 'tcpdump__bigtcp-ipv4.pcap', 'libpcap__http_PPI.pcap', 'tcpdump__arcnet-rfc1201-arp-icmp-http.pcap',
  'gopacket__le__test300.pcapng', 'zeek__mixed-vlan-mpls.pcap', 'zeek__smtp.pcap', 'zeek__tls__openjdk-25.0.2-zeek.org.pcap',
].map((f) => (f.startsWith('/') ? f : join(CORPUS_DIR, f)));

/** Each frame's own dump in `tshark -x` output (a "Frame (N bytes):" heading and other data sources left out). */
function tsharkDumps(path: string): string[] {
  const out = execFileSync('tshark', ['-r', path, '-x'], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
  const dumpLine = /^[0-9a-f]{4,} {2}/;
  return out.split('\n\n').filter((b) => b.trim() !== '').map((block) => {
    const lines = block.split('\n');
    if (!dumpLine.test(lines[0])) lines.shift();
    const end = lines.findIndex((l) => !dumpLine.test(l));
    return lines.slice(0, end < 0 ? lines.length : end).join('\n');
  });
}

function* nodesOf(nodes: readonly DetailNode[]): Generator<DetailNode> {
  for (const n of nodes) { yield n; if (n.children) yield* nodesOf(n.children); }
}

describe('Copy texts', () => {
  it.skipIf(!hasTshark)('dumps a frame\'s bytes as tshark -x does', () => {
    let frames = 0, wide = 0;
    for (const path of FILES) {
      const want = tsharkDumps(path);
      const got: string[] = [];
      forEachRecord(path, (r) => {
        got.push(hexAsciiDump(r.bytes.subarray(r.at, r.at + r.capLen)));
        if (r.capLen > 0x10000) wide++;
      });
      expect(got.length, path).toBe(want.length);
      for (let i = 0; i < got.length; i++) expect(got[i], `${path} frame ${i + 1}`).toBe(want[i]);
      frames += got.length;
    }
    expect(frames).toBeGreaterThan(200);
    expect(wide).toBeGreaterThan(0);
  });

  it('dumps a field\'s bytes at their offsets in the frame, and as a hex stream', () => {
    const get = new TextEncoder().encode('GET /index.html HTTP/1.1\r\n');
    expect(hexAsciiDump(get, 0x1a).split('\n')).toEqual([
      '001a  47 45 54 20 2f 69 6e 64 65 78 2e 68 74 6d 6c 20   GET /index.html ',
      '002a  48 54 54 50 2f 31 2e 31 0d 0a                     HTTP/1.1..',
    ]);
    expect(hexStream(Uint8Array.of(0, 0x0f, 0xa0, 0xff))).toBe('000fa0ff');
    expect(hexAsciiDump(new Uint8Array(0))).toBe('');
  });

  it('names the field of every filter the seed\'s detail trees offer, and copies their values', () => {
    let n = 0;
    forEachRecord(SEED_PCAP, (r) => {
      const frame = r.bytes.slice(r.at, r.at + r.capLen);
      const tree = buildDetailTree(frame, r.linkType, r.origLen);
      for (const node of nodesOf(tree)) {
        const items = new Map(detailCopyItems(node, frame).map((c) => [c.label, c.text]));
        expect(items.get('Description')).toBe(node.value ? `${node.label}: ${node.value}` : node.label);
        if (node.value) expect(items.get('Value')).toBe(node.value);
        if (!node.filter) { expect(items.has('Field Name')).toBe(false); continue; }
        const name = items.get('Field Name')!;
        expect(lookupField(name), name).toBeDefined();
        expect(node.filter.startsWith(name)).toBe(true);
        expect(items.get('As Filter')).toBe(node.filter);
        if (node.start >= 0 && node.length > 0) expect(items.get('Bytes as Hex Stream')).toBe(hexStream(frame.subarray(node.start, node.start + node.length)));
        n++;
      }
    });
    expect(n).toBeGreaterThan(100);
    expect(fieldNameOf('!(tcp.analysis.flags)')).toBe('tcp.analysis.flags');
    expect(fieldNameOf('tcp.flags.syn == 1')).toBe('tcp.flags.syn');
  });

  it('copies the visible tree four spaces a level, and a row as text or CSV', () => {
    const tree: DetailNode[] = [
      { label: 'Frame 1', start: 0, length: 4, children: [{ label: 'Length', value: '4', start: -1, length: 0 }] },
      { label: 'TCP', start: 0, length: 4, children: [{ label: 'Flags', value: '0x002', start: 0, length: 2, children: [{ label: 'SYN', value: 'Set', start: 0, length: 2 }] }] },
    ];
    expect(visibleItemsText(flattenTree(tree, new Set(['0', '1', '1.0'])))).toBe('Frame 1\n    Length: 4\nTCP\n    Flags: 0x002\n        SYN: Set');
    expect(visibleItemsText(flattenTree(tree, new Set(['1'])))).toBe('Frame 1\nTCP\n    Flags: 0x002');
    expect(summaryText(['1', '0.000000', 'a "b"'])).toBe('1\t0.000000\ta "b"');
    expect(summaryCsv(['No.', 'Info'], ['1', 'say "hi", then go'])).toBe('"No.","Info"\n"1","say ""hi"", then go"');
    expect(rowCopyItems(['No.', 'Time'], ['1', ''], 1, null).map((c) => c.label)).toEqual(['Summary as Text', 'Summary as CSV']);
    expect(rowCopyItems(['No.', 'Time'], ['1', '0.5'], 0, 'frame.number == 1').map((c) => `${c.label}=${c.text}`))
      .toEqual(['Summary as Text=1\t0.5', 'Summary as CSV="No.","Time"\n"1","0.5"', 'Value=1', 'As Filter=frame.number == 1']);
  });
});
