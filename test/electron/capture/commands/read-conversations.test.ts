import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conversationRows, formatConversationTable } from '../../../../electron/capture/commands/read-conversations';
import { runTracker } from '../../../support/tcp-fields';
import { TCP_FIXTURES, writeTcpFixtures } from '../../../fixtures/tcp/tcp-fixture-builder';
import { CORPUS_DIR, TEST_OUTPUT_DIR } from '../../../support/paths';
import { requireTool } from '../../../support/require-tool';

/** A row of `tshark -q -z conv,tcp`: endpoints, frames/bytes B→A ("<-") and A→B ("->"). */
interface TsharkConv { a: string; b: string; framesBtoA: number; bytesBtoA: string; framesAtoB: number; bytesAtoB: string }

function parseConv(text: string): TsharkConv[] {
  const rows: TsharkConv[] = [];
  const re = /^(\S+)\s+<->\s+(\S+)\s+(\d+)\s+(\d+ (?:bytes|kB|MB))\s+(\d+)\s+(\d+ (?:bytes|kB|MB))\s+\d+\s+\d+ (?:bytes|kB|MB)/;
  for (const line of text.split('\n')) {
    const m = re.exec(line);
    if (m) rows.push({ a: m[1], b: m[2], framesBtoA: Number(m[3]), bytesBtoA: m[4], framesAtoB: Number(m[5]), bytesAtoB: m[6] });
  }
  return rows;
}

/** tshark's byte cell: exact below 10 kB ("4367 bytes"), else SI units rounded ("22 kB"). */
function sameBytes(cell: string, bytes: number): boolean {
  const [n, unit] = cell.split(' ');
  if (unit === 'bytes') return Number(n) === bytes;
  const scale = unit === 'kB' ? 1e3 : 1e6;
  return Math.abs(bytes / scale - Number(n)) < 1;
}

const fixtureDir = join(TEST_OUTPUT_DIR, 'conversation-fixtures');
mkdirSync(fixtureDir, { recursive: true });
const fixturePaths = writeTcpFixtures(fixtureDir);

const files = readdirSync(CORPUS_DIR).filter((n) => n.endsWith('.conv.txt')).map((n) => n.slice(0, -'.conv.txt'.length))
  .filter((cap) => existsSync(join(CORPUS_DIR, cap)));

/** Our rows for `path` matched one by one against tshark's conv,tcp rows (text of `tshark -q -z conv,tcp`). */
function expectSameConversations(path: string, tsharkText: string, label: string): void {
  const expected = parseConv(tsharkText);
  const ours = conversationRows(runTracker(path, () => {}));
  const key = (a: string, b: string, f1: number, f2: number): string => `${a} ${b} ${f1} ${f2}`;
  const pool = new Map<string, typeof ours>();
  for (const r of ours) {
    const k = key(r.a, r.b, r.framesBtoA, r.framesAtoB);
    pool.set(k, [...(pool.get(k) ?? []), r]);
  }
  expect(ours.length, label).toBe(expected.length);
  for (const t of expected) {
    const k = key(t.a, t.b, t.framesBtoA, t.framesAtoB);
    const match = pool.get(k)?.find((r) => sameBytes(t.bytesBtoA, r.bytesBtoA) && sameBytes(t.bytesAtoB, r.bytesAtoB));
    expect(match, `${label}: no row like ${JSON.stringify(t)}`).toBeDefined();
    pool.set(k, pool.get(k)!.filter((r) => r !== match));
  }
}

describe('read --conversations agrees with tshark -q -z conv,tcp', () => {
  it.each(files)('%s: same conversations, frames and bytes per direction', (cap) => {
    expectSameConversations(join(CORPUS_DIR, cap), readFileSync(join(CORPUS_DIR, `${cap}.conv.txt`), 'utf8'), cap);
  });

  // Headers cut by a snaplen or with a bogus length: tshark counts a segment only when its dissection got past them.
  it.each(Object.keys(TCP_FIXTURES).filter((n) => n !== 'ip-fragments'))('hand-built %s: same conversations as live tshark', (name) => {
    if (!requireTool('tshark')) return;
    const path = fixturePaths[name];
    expectSameConversations(path, execFileSync('tshark', ['-r', path, '-q', '-z', 'conv,tcp'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }), name);
  });

  it('prints the seed as one closed conversation with its final states', () => {
    const text = formatConversationTable(conversationRows(runTracker(join(CORPUS_DIR, '..', 'seed', 'seed-lo0.pcap'), () => {})));
    expect(text).toContain('127.0.0.1:57273            <-> 127.0.0.1:8080');
    expect(text).toMatch(/closed\s+TIME-WAIT \/ CLOSED/);
  });
});
