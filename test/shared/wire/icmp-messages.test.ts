/**
 * ICMP messages by name: the Info column tshark writes for every ICMPv4 and ICMPv6 error type and code (defined or
 * not) equals ours; for every other type ours is tshark's start (the type; tshark goes on with ids for some). And the
 * decoder keeps the first ICMP header's type, code and path MTU for the packet columns.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCaptureReader } from '../../../shared/capture-file/capture-reader';
import { icmpFromColumn, icmpInfo, icmpInfoIsWhole, isIcmpError, isUnreachable } from '../../../shared/wire/icmp-messages';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { buildDetailTree } from '../../../shared/wire/detail-tree';
import type { DetailNode } from '../../../shared/wire/detail-node';
import { icmpColumnValue } from '../../../shared/wire/icmp-messages';
import { ICMP4_ERRORS, ICMP6_ERRORS, writeIcmpErrorCapture, writeIcmpTypeCapture } from '../../fixtures/icmp-error-capture';
import { requireTool } from '../../support/require-tool';

const hasTshark = requireTool('tshark');

interface TsharkIcmp { frame: number; v6: boolean; type: number; code: number; info: string }

/** tshark's ICMP type, code and Info column of each ICMP frame of `path`. */
function tsharkIcmp(path: string): TsharkIcmp[] {
  const out = execFileSync('tshark', ['-r', path, '-T', 'fields', '-e', 'frame.number', '-e', 'icmp.type', '-e', 'icmp.code',
    '-e', 'icmpv6.type', '-e', 'icmpv6.code', '-e', '_ws.col.Info'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t')).filter((c) => c[1] !== '' || c[3] !== '').map((c) => ({
    frame: Number(c[0]), v6: c[1] === '', type: Number(c[1] || c[3]), code: Number(c[2] || c[4]), info: c[5],
  }));
}

/** Our decoder's `icmp` column value for each frame of `path`. */
function decodedIcmp(path: string): Map<number, { value: number; mtu: number }> {
  const reader = createCaptureReader(), decoder = new PacketDecoder();
  const out = new Map<number, { value: number; mtu: number }>();
  const bytes = readFileSync(path);
  reader.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), (r) => {
    const p = decoder.decode(r.view, r.at, r.capLen, r.origLen, r.linkType);
    out.set(r.frame, { value: icmpColumnValue(p.icmpTypeCode, p.icmpV6), mtu: p.icmpMtu });
  });
  reader.end();
  return out;
}

describe.runIf(hasTshark)('ICMP messages against tshark', () => {
  it('names every error type and code (defined or not) as tshark\'s Info column does, for both versions', () => {
    const rows = tsharkIcmp(writeIcmpErrorCapture()).filter((m) => isIcmpError(m.v6, m.type));
    expect(rows.filter((m) => !m.v6).map((m) => [m.type, m.code])).toEqual(expect.arrayContaining([...ICMP4_ERRORS]));
    expect(rows.filter((m) => m.v6).map((m) => [m.type, m.code])).toEqual(expect.arrayContaining([...ICMP6_ERRORS]));
    for (const m of rows) expect(icmpInfo(m.v6, m.type, m.code), `frame ${m.frame}`).toBe(m.info);
  });

  it('names every other type as tshark does: the whole Info column, or its start where tshark adds ids', () => {
    const rows = tsharkIcmp(writeIcmpTypeCapture());
    expect(rows.length).toBe(256 * 3 - 5 * 3 + 256 * 2 - 4 * 2);
    for (const m of rows) {
      const ours = icmpInfo(m.v6, m.type, m.code);
      if (icmpInfoIsWhole(m.v6, m.type)) expect(ours, `frame ${m.frame}`).toBe(m.info);
      else expect(m.info.startsWith(ours), `frame ${m.frame}: ${m.info} / ${ours}`).toBe(true);
    }
  });

  it('keeps the first ICMP header\'s version, type and code, and the path MTU of "fragmentation needed" and "packet too big"', () => {
    const path = writeIcmpErrorCapture(), ours = decodedIcmp(path);
    const frames = tsharkIcmp(path);
    for (const m of frames) expect(icmpFromColumn(ours.get(m.frame)!.value), `frame ${m.frame}`).toEqual({ v6: m.v6, type: m.type, code: m.code });
    const mtus = [...ours.entries()].filter(([, d]) => d.mtu >= 0).map(([f, d]) => [icmpFromColumn(d.value), d.mtu, f]);
    expect(mtus.map(([m, mtu]) => [m, mtu])).toEqual([
      [{ v6: false, type: 3, code: 4 }, 1400], [{ v6: true, type: 2, code: 0 }, 1280], [{ v6: false, type: 3, code: 4 }, 1400],
    ]);
    const tcpFrames = [...ours.entries()].filter(([f]) => !frames.some((m) => m.frame === f));
    expect(tcpFrames.every(([, d]) => d.value === 0)).toBe(true);
  });
});

/** The Type, Code and MTU lines of the first ICMP layer of each frame in tshark -V, by frame. */
function tsharkIcmpLines(path: string): Map<number, string[]> {
  const out = execFileSync('tshark', ['-r', path, '-V', '-Y', 'icmp || icmpv6'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 });
  const frames = new Map<number, string[]>();
  for (const block of out.split(/\n(?=Frame \d+:)/)) {
    const frame = Number(/^Frame (\d+):/.exec(block)![1]);
    const icmp = block.split('\n').findIndex((l) => /^Internet Control Message Protocol/.test(l));
    const lines = block.split('\n').slice(icmp + 1).filter((l) => /^ {4}(Type|Code|MTU of next hop|MTU): /.test(l)).map((l) => l.trim());
    frames.set(frame, lines);
  }
  return frames;
}

/** Our detail tree's Type, Code and MTU rows of the frame's ICMP layer. */
function ourIcmpLines(bytes: Uint8Array, origLen: number, linkType: number): string[] {
  const icmp = buildDetailTree(bytes, linkType, origLen).find((n) => /^Internet Control Message Protocol/.test(n.label));
  return (icmp?.children ?? []).filter((c: DetailNode) => /^(Type|Code|MTU of next hop|MTU)$/.test(c.label)).map((c) => `${c.label}: ${c.value}`);
}

describe.runIf(hasTshark)('the ICMP layer in the detail tree', () => {
  it('names the type and code and gives the path MTU as tshark -V does', () => {
    const path = writeIcmpErrorCapture(), want = tsharkIcmpLines(path);
    const reader = createCaptureReader(), bytes = readFileSync(path);
    let checked = 0;
    reader.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), (r) => {
      if (!want.has(r.frame)) return;
      const frame = new Uint8Array(r.view.buffer, r.view.byteOffset + r.at, r.capLen).slice();
      expect(ourIcmpLines(frame, r.origLen, r.linkType), `frame ${r.frame}`).toEqual(want.get(r.frame));
      checked++;
    });
    reader.end();
    expect(checked).toBe(want.size);
    expect(checked).toBeGreaterThan(50);
  });
});

describe('which ICMP messages end a connection', () => {
  it('counts destination unreachable as undeliverable, except fragmentation needed, which asks for smaller packets', () => {
    expect(isUnreachable(false, 3, 3)).toBe(true);
    expect(isUnreachable(false, 3, 13)).toBe(true);
    expect(isUnreachable(false, 3, 4)).toBe(false);
    expect(isUnreachable(false, 11, 0)).toBe(false);
    expect(isUnreachable(true, 1, 4)).toBe(true);
    expect(isUnreachable(true, 2, 0)).toBe(false);
  });
});
