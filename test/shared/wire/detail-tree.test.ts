import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDetailTree, type DetailNode } from '../../../shared/wire/detail-tree';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { LINKTYPE_ETHERNET, LINKTYPE_NULL } from '../../../shared/wire/link';
import { CORPUS_DIR, GOLDEN_DIR } from '../../support/paths';
import { forEachRecord } from '../../support/read-capture';
import { ARP_REQUEST_FRAME, QINQINQ_SYN_FRAME, SEED_SYN_FRAME } from './wire-fixtures';

/** Indented text of a tree: "label: value [start+length]" per row. */
function render(nodes: DetailNode[], depth = 0): string {
  return nodes.map((n) => `${'  '.repeat(depth)}${n.label}${n.value !== undefined ? `: ${n.value}` : ''} [${n.start}+${n.length}]\n${render(n.children ?? [], depth + 1)}`).join('');
}

/** Every row's byte range lies inside the captured frame. */
function checkRanges(nodes: DetailNode[], capLen: number, where: string): void {
  for (const n of nodes) {
    expect(n.start, `${where} ${n.label}`).toBeGreaterThanOrEqual(0);
    expect(n.length, `${where} ${n.label}`).toBeGreaterThanOrEqual(0);
    expect(n.start + n.length, `${where} ${n.label} ends inside the frame`).toBeLessThanOrEqual(capLen);
    checkRanges(n.children ?? [], capLen, where);
  }
}

describe('buildDetailTree', () => {
  it('matches the golden tree for the seed SYN (UPDATE_GOLDEN=1 to refresh)', () => {
    const text = render(buildDetailTree(SEED_SYN_FRAME, LINKTYPE_NULL, 68));
    const golden = joinPath(GOLDEN_DIR, 'wire-detail-seed-frame1.txt');
    if (process.env.UPDATE_GOLDEN || !existsSync(golden)) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });

  it('lists Frame, link, IP and TCP with every option, each with its bytes', () => {
    const tree = buildDetailTree(SEED_SYN_FRAME, LINKTYPE_NULL, 68);
    expect(tree.map((n) => n.label)).toEqual(['Frame', 'Null/Loopback', 'Internet Protocol Version 4', 'Transmission Control Protocol']);
    const tcp = tree[3];
    expect([tcp.start, tcp.length]).toEqual([24, 44]);
    const options = tcp.children?.find((c) => c.label === 'Options');
    expect(options?.children?.map((c) => c.value)).toEqual(['mss 16344', 'nop', 'wscale 5 (multiply by 32)', 'nop', 'nop', 'TS val 1525310591 ecr 0', 'sackOK', 'eol']);
    expect(tree[2].children?.find((c) => c.label === 'Header Checksum')?.value).toBe('0x0000 [incorrect, should be 0xb12f]');
    expect(tcp.children?.find((c) => c.label === 'Checksum')?.value).toBe('0xfe34 [incorrect, should be 0x3271] (maybe caused by checksum offload on the capturing host)');
  });

  it('a TCP header a snaplen cut keeps what was captured: the ports alone under 16 bytes, no checksum under 18', () => {
    const at = 4 + 20;                                      // NULL header, IPv4 header
    const ports = buildDetailTree(SEED_SYN_FRAME.slice(0, at + 10), LINKTYPE_NULL, 68);
    const cut = ports.find((n) => n.label === 'Transmission Control Protocol');
    expect(cut?.children?.map((c) => [c.label, c.value])).toEqual([['Source Port', '57273'], ['Destination Port', '8080']]);
    const window = buildDetailTree(SEED_SYN_FRAME.slice(0, at + 17), LINKTYPE_NULL, 68).find((n) => n.label === 'Transmission Control Protocol');
    expect(window?.children?.map((c) => c.label)).toContain('Window');
    expect(window?.children?.map((c) => c.label)).not.toContain('Checksum');
    expect(buildDetailTree(SEED_SYN_FRAME.slice(0, at + 3), LINKTYPE_NULL, 68).map((n) => n.label)).not.toContain('Transmission Control Protocol');
  });

  it('gives each VLAN tag its own row', () => {
    const tree = buildDetailTree(QINQINQ_SYN_FRAME, LINKTYPE_ETHERNET, QINQINQ_SYN_FRAME.length);
    expect(tree.filter((n) => n.label === '802.1Q Virtual LAN').map((n) => n.value)).toEqual([
      'PRI: 0, DEI: 0, ID: 30', 'PRI: 0, DEI: 0, ID: 20', 'PRI: 0, DEI: 0, ID: 10',
    ]);
  });

  it('shows the outer layers, the tunnel header and the inner layers of a GRE packet in order', () => {
    const inner = SEED_SYN_FRAME.slice(4);
    const outer = Uint8Array.from([0x45, 0, 0, 20 + 4 + inner.length, 0, 1, 0, 0, 64, 47, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]);
    const frame = Uint8Array.from([...outer, 0, 0, 0x08, 0, ...inner]);
    const tree = buildDetailTree(frame, 101, frame.length);
    expect(tree.map((n) => [n.label, n.start])).toEqual([
      ['Frame', 0], ['Internet Protocol Version 4', 0], ['Generic Routing Encapsulation', 20],
      ['Internet Protocol Version 4', 24], ['Transmission Control Protocol', 44],
    ]);
  });

  it('summarises ARP', () => {
    const tree = buildDetailTree(ARP_REQUEST_FRAME, LINKTYPE_ETHERNET, 42);
    expect(tree.at(-1)?.value).toBe('ARP, Request who-has 10.2.1.2 tell 10.2.1.1, length 28');
  });

  it('ends a truncated frame with a Problem row', () => {
    const tree = buildDetailTree(SEED_SYN_FRAME.slice(0, 30), LINKTYPE_NULL, 68);
    expect(tree.at(-1)?.label).toBe('Problem');
    expect(tree.at(-1)?.value).toBe('TCP header truncated (at byte 30)');
  });

  it('for every corpus frame: no throw, ranges inside the frame, a TCP row exactly when the decoder finds TCP', () => {
    const decoder = new PacketDecoder();
    for (const file of readdirSync(CORPUS_DIR).filter((f) => /\.pcap(ng)?$/.test(f))) {
      let n = 0;
      forEachRecord(joinPath(CORPUS_DIR, file), (r) => {
        if (n++ >= 300) return;
        const bytes = r.bytes.slice(r.at, r.at + r.capLen);
        const tree = buildDetailTree(bytes, r.linkType, r.origLen);
        checkRanges(tree, r.capLen, `${file} #${r.frame}`);
        const tcp = decoder.decode(r.view, r.at, r.capLen, r.origLen, r.linkType).tcp;
        expect(tree.some((t) => t.label === 'Transmission Control Protocol'), `${file} #${r.frame}`).toBe(tcp);
      });
    }
  });
});
