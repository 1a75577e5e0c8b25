/**
 * The detail tree's Frame row and packet comments say what `tshark -V` says in its "Packet comments" and "Frame"
 * trees (TZ=UTC): section, interface id, name and description, encapsulation, arrival and epoch time, time since the
 * previous and the first frame, number and lengths — on every frame of a pcap, a single- and a multi-section pcapng
 * (with a Simple Packet Block: no time rows) and a pcapng whose packets carry comments.
 *
 * One difference, explained: tshark 4.0 names a packet's interface by the packet's section-local id in the
 * file-wide interface list, so in a second section it shows the first section's interface name (capinfos 4.0
 * counts packets the same way; see info.test.ts); SynAck names the interface the packet's own section describes.
 * In sections after the first the interface name is therefore not compared.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packetDetail } from '../../../electron/capture/packet-detail';
import { analyzeFile } from '../../../electron/capture/pipeline';
import type { DetailNode } from '../../../shared/wire/detail-node';
import { CORPUS_DIR, SEED_PCAP, TEST_OUTPUT_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { writeRichPcapng } from '../../support/rich-pcapng';

const hasTshark = requireTool('tshark');

/**
 * tshark's lines the worker shows (the window adds the marked, ignored and displayed-delta rows, renderer/format/frame-rows.ts;
 * the protocols line and comment expert info are not rows of ours).
 */
const SHOWN = /^(Frame \d+: |Section number|Interface (id|name|description)|Encapsulation type|Arrival Time|\[Time shift for this packet|Epoch Time|\[Time delta from previous captured|\[Time since reference|Frame Number|Frame Length|Capture Length)/;

/**
 * tshark -V's "Packet comments" (the comments, not their expert info) and "Frame" trees of every frame, as lines
 * without indentation: packets are separated by blank lines, a tree starts at an unindented line.
 */
function tsharkFrameTrees(path: string): Map<number, string[]> {
  const out = spawnSync('tshark', ['-r', path, '-V'], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, maxBuffer: 1 << 28 }).stdout;
  const byFrame = new Map<number, string[]>();
  for (const packet of out.split('\n\n')) {
    const lines: string[] = [];
    let tree = '';
    for (const line of packet.split('\n')) {
      if (!line.startsWith(' ')) { tree = line.startsWith('Frame ') ? 'frame' : line === 'Packet comments' ? 'comments' : ''; if (tree) lines.push(line); continue; }
      const depth = (line.length - line.trimStart().length) / 4;
      if ((tree === 'comments' && depth === 1) || (tree === 'frame' && SHOWN.test(line.trim()))) lines.push(line.trim());
    }
    const frame = /^Frame (\d+): /m.exec(lines.join('\n'));
    if (frame) byFrame.set(Number(frame[1]), lines);
  }
  return byFrame;
}

/** Our rows in tshark's words: "Label: value", the Frame row as tshark's header line. */
function ourLines(tree: DetailNode[]): string[] {
  const lines: string[] = [];
  const walk = (n: DetailNode): void => {
    lines.push(n.label.startsWith('[') ? `${n.label.slice(0, -1)}: ${n.value}]` : `${n.label}: ${n.value}`);
    n.children?.forEach(walk);
  };
  for (const n of tree) {
    if (n.label === 'Packet comments') { lines.push('Packet comments'); for (const c of n.children ?? []) lines.push(c.value!); continue; }
    if (n.label.startsWith('Frame ')) { walk(n); break; }
  }
  return lines;
}


describe('the detail tree\'s Frame row agrees with tshark -V', () => {
  const dir = join(TEST_OUTPUT_DIR, 'frame-row');
  mkdirSync(dir, { recursive: true });
  const rich = writeRichPcapng(dir);
  const files = [SEED_PCAP, join(CORPUS_DIR, 'gopacket__le__test300.pcapng'), join(CORPUS_DIR, 'pcapng-test-generator__be__difficult__test202.pcapng'),
    join(CORPUS_DIR, 'tcpdump__tcp-handshake-nano.pcap'), rich];

  it.skipIf(!hasTshark)('on every frame of a pcap, pcapng files with one and several sections, and packets with comments', async () => {
    let frames = 0, comments = 0;
    for (const path of files) {
      const a = await analyzeFile(path);
      const lookup = (f: number) => { const loc = a.index.get(f); return loc && { loc, linkType: a.interfaceOf(loc.iface)?.linkType ?? 0 }; };
      const want = tsharkFrameTrees(path);
      for (let f = 1; f <= a.index.count; f++) {
        const at = lookup(f);
        if (!at) continue;
        const d = await packetDetail(path, at.loc, at.linkType, lookup, a.interfaceOf(at.loc.iface));
        const later = /^Section number: [2-9]/m.test(want.get(f)!.join('\n'));
        const named = (lines: string[]): string[] => (later ? lines.map((l) => l.replace(/( on interface ).*(, id \d+)$|^(Interface id: \d+) \(.*\)$|^(Interface name: ).*$/, '$1$2$3$4')) : lines);
        expect(named(ourLines(d.tree)), `${path} frame ${f}`).toEqual(named(want.get(f)!));
        if (d.tree[0].label === 'Packet comments') comments++;
        frames++;
      }
    }
    expect(frames).toBeGreaterThan(30);
    expect(comments).toBe(2);
  });
});
