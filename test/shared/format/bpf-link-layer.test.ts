/**
 * The capture filter of `synack-capture read FILE FILTER` against tcpdump's own (libpcap's compiled BPF) on every
 * link type: random frames, with the values the compiled program compares planted at the offsets it loads (read
 * from `tcpdump -d`), so that most tests are reached and both outcomes occur; tcpdump -w keeps the frames it
 * selects, and the filter must select the same ones. Link types libpcap cannot filter must be refused.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCaptureReader } from '../../../shared/capture-file/capture-reader';
import { parseTcpdumpFilter } from '../../../shared/format/tcpdump-filter';
import { requireTool } from '../../support/require-tool';
import { writePcap } from '../../support/write-pcap';
import { mulberry32 } from '../../support/seeded-random';

const haveTcpdump = requireTool('tcpdump');

/** Every link type libpcap 1.10 filters (as a LINKTYPE_ value in a file). */
const FILTERED = [0, 1, 6, 7, 8, 9, 10, 11, 12, 15, 16, 19, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 112, 113,
  117, 119, 122, 123, 127, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 163, 164, 165, 166, 167, 168, 178, 179, 180,
  181, 183, 192, 194, 200, 226, 228, 229, 232, 233, 234, 238, 240, 241, 276];
/** Some it refuses (NFLOG, IPoIB, PPP with direction, ERF, USB, an unknown one). */
const REFUSED = [239, 242, 204, 197, 220, 14];
const FILTERS = [['tcp'], ['udp', 'and', 'not', 'ip6'], ['icmp'], ['icmp6'], ['arp'], ['port', '80'], ['host', '10.0.0.1'], ['not', 'tcp']];

/** A load of the compiled program and the constants compared with what it loaded. */
interface Plant { at: number; size: 1 | 2 | 4; indexed: boolean; values: number[]; bits: boolean }

/** The loads and comparisons of `tcpdump -d` (absolute `ld[bh] [k]` and indexed `ld[bh] [x + k]`). */
function plantsOf(dump: string): Plant[] {
  const plants: Plant[] = [];
  let current: Plant | null = null;
  for (const line of dump.split('\n')) {
    const load = /\) ld([bh]?)\s+\[(x \+ )?(\d+)\]/.exec(line);
    if (load) {
      current = { at: Number(load[3]), size: load[1] === 'b' ? 1 : load[1] === 'h' ? 2 : 4, indexed: load[2] !== undefined, values: [], bits: false };
      plants.push(current);
      continue;
    }
    const ihl = /\) ldxb\s+4\*\(\[(\d+)\]&0xf\)/.exec(line);   // an IPv4 header length: make it 20
    if (ihl) { plants.push({ at: Number(ihl[1]), size: 1, indexed: false, values: [0x45], bits: false }); continue; }
    const cmp = /\) (jeq|jset)\s+#0x([0-9a-f]+)/.exec(line);
    if (cmp && current) { current.values.push(parseInt(cmp[2], 16)); current.bits ||= cmp[1] === 'jset'; }
    else if (!/\) (and|jgt|jge)/.test(line)) current = null;
  }
  return plants.filter((p) => p.values.length > 0);
}

/** One plant per loaded field, with every value any program compares it with (else later plants overwrite). */
function merged(plants: Plant[]): Plant[] {
  const byField = new Map<string, Plant>();
  for (const p of plants) {
    const key = `${p.at}/${p.size}/${p.indexed}`, known = byField.get(key);
    if (known) known.values.push(...p.values.filter((v) => !known.values.includes(v)));
    else byField.set(key, { ...p, values: [...p.values] });
    if (known) known.bits ||= p.bits;
  }
  return [...byField.values()];
}

/** The compiled program, or null when tcpdump refuses the filter (a test that is always false: nothing selected). */
function compiled(empty: string, words: string[]): string | null {
  const r = spawnSync('tcpdump', ['-d', '-r', empty, ...words], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : null;
}

function put(frame: Uint8Array, at: number, size: number, value: number): void {
  for (let k = 0; k < size && at + k < frame.length; k++) if (at + k >= 0) frame[at + k] = (value >>> ((size - 1 - k) * 8)) & 0xff;
}

/**
 * Random frames with planted values. Indexed loads are relative to a length the program computed: at offset 0 the
 * 802.11 frame control behind a radio header whose length the generator picks (`h`, written where radiotap, PPI,
 * Prism and AVS keep it; 0 for bare 802.11), further in the LLC header behind 24 or 26 bytes of 802.11 header, an
 * IPv4 header (20 bytes) or a PFLOG header (its length byte rounded up).
 */
function frames(linkType: number, plants: Plant[], n: number, seed: number): Uint8Array[] {
  const rnd = mulberry32(seed), pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const f = new Uint8Array(rnd() < 0.15 ? Math.floor(rnd() * 40) : 40 + Math.floor(rnd() * 80));
    for (let k = 0; k < f.length; k++) f[k] = Math.floor(rnd() * 256);
    const h = pick([8, 12, 16, 20, 26]), x0 = linkType === 105 ? 0 : h;
    const x1 = WIRELESS.includes(linkType) ? pick([x0 + 24, x0 + 26, x0 + 28]) : pick([20, (h + 3) & ~3]);
    for (const p of plants) {
      if (rnd() < 0.2) continue;
      const v = p.bits ? p.values.filter(() => rnd() < 0.5).reduce((a, b) => a | b, 0) : pick(p.values) | (rnd() < 0.15 ? Math.floor(rnd() * 256) : 0);
      put(f, p.indexed ? p.at + (p.at === 0 ? x0 : x1) : p.at, p.size, v);
    }
    if (linkType === 127 || linkType === 192) { put(f, 2, 1, h); put(f, 3, 1, 0); }
    if (linkType === 163 || linkType === 119) put(f, 4, 4, h);
    if (linkType === 119 && rnd() < 0.8) put(f, 0, 4, 0x80211000 | Math.floor(rnd() * 0x1000));
    if (linkType === 192 && rnd() < 0.7) put(f, 4, 4, 0x69000000);
    if (linkType === 117) put(f, 0, 1, h - 3 + Math.floor(rnd() * 4));
    out.push(f);
  }
  return out;
}

/** 802.11 behind a radio header needs more frames: its tests line up three computed offsets. */
const WIRELESS = [105, 119, 127, 163, 192];
const count = (linkType: number): number => (WIRELESS.includes(linkType) ? 16000 : 1000);

/** The seconds (= frame index + 1000, writePcap's clock) of the records in a pcap. */
function recordSeconds(path: string): number[] {
  const secs: number[] = [];
  const reader = createCaptureReader();
  reader.push(new Uint8Array(readFileSync(path)), (r) => { secs.push(r.tsSec); });
  reader.end();
  return secs;
}

function ourSelection(path: string, words: string[]): number[] {
  const f = parseTcpdumpFilter(words);
  if (typeof f === 'string') throw new Error(f);
  const secs: number[] = [];
  const reader = createCaptureReader();
  reader.push(new Uint8Array(readFileSync(path)), (r) => { if (f.matches(r, reader.interfaces[r.iface].littleEndian)) secs.push(r.tsSec); });
  reader.end();
  return secs;
}

describe.skipIf(!haveTcpdump)('capture filter vs libpcap, per link type', () => {
  for (const linkType of FILTERED) {
    it(`selects the frames tcpdump selects on link type ${linkType}`, () => {
      const empty = writePcap('bpf-link-layer', `empty-${linkType}`, [], { linkType });
      const programs = FILTERS.map((w) => compiled(empty, w));
      const plants = merged(programs.flatMap((p) => (p === null ? [] : plantsOf(p))));
      const path = writePcap('bpf-link-layer', `fuzz-${linkType}`, frames(linkType, plants, count(linkType), linkType * 7919 + 1), { linkType, snaplen: 65535 });
      // One report per filter, so a failure shows them all: frames only one side selected, and coverage.
      const report = FILTERS.map((words, k) => {
        const ours = ourSelection(path, words);
        if (programs[k] === null) return { filter: words.join(' '), onlyOneSide: ours.slice(0, 5), covered: true };
        const selected = `${path}.${words.join('_')}.pcap`;
        execFileSync('tcpdump', ['-r', path, '-w', selected, ...words], { stdio: 'ignore' });
        const theirs = recordSeconds(selected);
        const onlyOneSide = [...ours.filter((x) => !theirs.includes(x)), ...theirs.filter((x) => !ours.includes(x))].slice(0, 5);
        // The frames reached the tests: something is selected, and not everything.
        return { filter: words.join(' '), onlyOneSide, covered: theirs.length > 0 && theirs.length < count(linkType) };
      });
      expect(report).toEqual(report.map((r) => ({ ...r, onlyOneSide: [], covered: true })));
    });
  }

  for (const linkType of REFUSED) {
    it(`refuses a filter on link type ${linkType}, as tcpdump does`, () => {
      const path = writePcap('bpf-link-layer', `refused-${linkType}`, [new Uint8Array(60)], { linkType });
      const r = spawnSync('tcpdump', ['-r', path, 'tcp'], { encoding: 'utf8' });
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe('');
      const f = parseTcpdumpFilter(['tcp']);
      if (typeof f === 'string') throw new Error(f);
      expect(f.problemFor(linkType)).toMatch(/not implemented|unknown data link type/);
    });
  }
});
