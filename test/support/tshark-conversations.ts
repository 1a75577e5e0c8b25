/**
 * Test helper: SynAck's conversation table (`read --conversations`) matched row by row against the text of
 * `tshark -q -z conv,tcp` (same endpoints, frames and bytes per direction; tshark rounds bytes above 10 kB).
 */
import { expect } from 'vitest';
import { conversationRows } from '../../electron/capture/commands/read-conversations';
import { runTracker } from './tcp-fields';

/** A row of `tshark -q -z conv,tcp`: endpoints, frames/bytes B→A ("<-") and A→B ("->"). */
interface TsharkConv { a: string; b: string; framesBtoA: number; bytesBtoA: string; framesAtoB: number; bytesAtoB: string }

/** The rows of a conv,tcp table's text (tshark's, or SynAck's, whose first columns are the same). */
export function parseConversationTable(text: string): TsharkConv[] {
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

/** Our rows for `path` matched one by one against tshark's conv,tcp rows (text of `tshark -q -z conv,tcp`). */
export function expectSameConversations(path: string, tsharkText: string, label: string): void {
  expectConversationRows(conversationRows(runTracker(path, () => {})), tsharkText, label);
}

/** A conversation row as tshark orients it: A sent the first packet counted ("addr:port" endpoints). */
export interface OrientedConversation { a: string; b: string; framesAtoB: number; framesBtoA: number; bytesAtoB: number; bytesBtoA: number }

/** `ours` matched one by one against the rows of tshark's conv,tcp text. */
export function expectConversationRows(ours: readonly OrientedConversation[], tsharkText: string, label: string): void {
  const expected = parseConversationTable(tsharkText);
  const key = (a: string, b: string, f1: number, f2: number): string => `${a} ${b} ${f1} ${f2}`;
  const pool = new Map<string, OrientedConversation[]>();
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
