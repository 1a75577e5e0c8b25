/**
 * The radiotap header as tcpdump -vv prints it before an 802.11 frame's IP line, against live tcpdump: random
 * radio headers (random presence words, extended and namespace-switching ones, random field bytes, lengths that
 * cut fields short) in front of a QoS or plain data frame carrying a TCP segment.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { concat, handshake } from '../../support/capture-bytes';
import { requireTool } from '../../support/require-tool';
import { writePcap } from '../../support/write-pcap';
import { mulberry32 } from '../../support/seeded-random';
import { compareWithTcpdump, formatCapture, splitTcpdumpOutput } from './tcpdump-compare';

const haveTcpdump = requireTool('tcpdump');

/** Bits tcpdump knows the size of, and some it does not (it stops there). */
const KNOWN = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 18, 19, 20, 21];
const UNKNOWN = [15, 16, 17, 22, 23, 28];

function presenceWord(rnd: () => number, more: boolean): number {
  let w = 0;
  for (const b of KNOWN) if (rnd() < 0.35) w |= 1 << b;
  if (rnd() < 0.05) w |= 1 << UNKNOWN[Math.floor(rnd() * UNKNOWN.length)];
  if (more) {
    w |= 1 << 31;
    const ns = rnd();
    if (ns < 0.4) w |= 1 << 29; else if (ns < 0.55) w |= 1 << 30;
  }
  return w >>> 0;
}

function radiotapFrame(rnd: () => number, segment: Uint8Array): Uint8Array {
  const words = 1 + (rnd() < 0.3 ? 1 + Math.floor(rnd() * 2) : 0);
  const body = new Uint8Array(Math.floor(rnd() * 48));
  for (let i = 0; i < body.length; i++) body[i] = Math.floor(rnd() * 256);
  // Flags byte values that matter (FCS, data pad, bad FCS …) show up often enough in random bytes.
  const hdr = new Uint8Array(4 + 4 * words);
  const dv = new DataView(hdr.buffer);
  for (let k = 0; k < words; k++) dv.setUint32(4 + 4 * k, presenceWord(rnd, k < words - 1), true);
  const len = hdr.length + body.length - (rnd() < 0.1 ? Math.floor(rnd() * body.length) : 0);
  dv.setUint16(2, len, true);
  const radio = concat(hdr, body).subarray(0, len);
  const qos = rnd() < 0.5;
  const mac = new Uint8Array(qos ? 26 : 24);
  mac[0] = qos ? 0x88 : 0x08; mac[1] = 0x01;
  const llc = Uint8Array.of(0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00);
  return concat(radio, mac, llc, segment, new Uint8Array(4));
}

describe.skipIf(!haveTcpdump)('radiotap headers print as tcpdump prints them', () => {
  it('on 1,000 random radio headers in front of TCP segments', () => {
    const rnd = mulberry32(127);
    const segments = handshake();
    const frames = Array.from({ length: 1000 }, (_, i) => radiotapFrame(rnd, segments[i % segments.length]));
    const path = writePcap('tcpdump-radiotap', 'random', frames, { linkType: 127 }, 1);
    const r = spawnSync('tcpdump', ['-nn', '-tt', '-vv', '-r', path], { encoding: 'latin1', maxBuffer: 1 << 26 });
    const theirs = splitTcpdumpOutput(r.stdout);
    expect(theirs.length).toBe(1000);
    // Most frames get to the TCP line (so the comparison is exact there), some stop in the radio header.
    expect(theirs.filter((t) => t.includes(': Flags [')).length).toBeGreaterThan(400);
    expect(theirs.filter((t) => /\[\|802\.11_radio\]|\[bit \d+\]/.test(t)).length).toBeGreaterThan(50);
    const ours = formatCapture(path, [], { time: 'epoch' });
    expect(compareWithTcpdump('random', ours, theirs).slice(0, 3)).toEqual([]);
    // Where the radio header ends the line, the whole line agrees; elsewhere ours is where tcpdump's starts.
    const stops = (t: string): boolean => /(\[\|802\.11_radio\]|\[bit \d+\] )$/.test(t);
    expect(ours.filter((o, i) => (stops(theirs[i]) ? o !== theirs[i] : !theirs[i].startsWith(o))).slice(0, 3)).toEqual([]);
  });
});
