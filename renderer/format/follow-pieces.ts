/**
 * How the Follow pane reads a followed stream's pieces in each "Show data as" mode, which pieces a side filter
 * keeps, and what "Save as…" writes: the text as shown (ASCII, hex dump, UTF-8), or in Raw mode the payload bytes
 * themselves (Wireshark's way to extract a file a stream carried). One function renders a piece for both, so the
 * saved file is what the pane shows.
 */
import { followAscii, followHexLines, followRawHex } from '../../shared/format/follow-text';
import type { StreamFollowRecord } from '../../shared/ipc/contract';

export type FollowMode = 'ascii' | 'hex' | 'utf8' | 'raw';
export type FollowSide = 'both' | 'client' | 'server';

/** A record the side filter keeps: its index among all records, and the byte offset of its side before it. */
export interface ShownPiece { key: number; record: StreamFollowRecord; offset: number }

/** The bytes a piece shows: a "missing" mark without the NUL Wireshark stores after its text. */
export const shownData = (r: StreamFollowRecord): Uint8Array => (r.missing && r.data.at(-1) === 0 ? r.data.subarray(0, -1) : r.data);

/** The records `side` keeps, each with its side's byte offset (tap-follow.c counts a "missing" mark's bytes too). */
export function shownPieces(records: readonly StreamFollowRecord[], side: FollowSide): ShownPiece[] {
  const offsets = [0, 0], out: ShownPiece[] = [];
  records.forEach((record, key) => {
    const s = record.server ? 1 : 0, offset = offsets[s];
    offsets[s] += record.data.length;
    if (side === 'both' || (side === 'server') === record.server) out.push({ key, record, offset });
  });
  return out;
}

const utf8 = new TextDecoder('utf-8');

/** A piece as the pane shows it in `mode` (a "missing" mark always as its text). */
export function pieceText(p: ShownPiece, mode: FollowMode): string {
  const data = shownData(p.record);
  if (p.record.missing) return followAscii(data);
  switch (mode) {
    case 'hex': return followHexLines(data, p.offset).join('\n');
    case 'raw': return followRawHex(data);
    case 'utf8': return utf8.decode(data);
    case 'ascii': return followAscii(data);
  }
}

/**
 * The file "Save as…" writes for the pieces shown: Raw mode, the payload bytes in stream order (the "missing" marks
 * are no payload and are left out); otherwise the pieces' text as shown, a hex dump's or raw line's pieces each on
 * its own lines.
 */
export function followSaveFile(pieces: readonly ShownPiece[], mode: FollowMode): { bytes: Uint8Array; extension: 'bin' | 'txt' } {
  if (mode === 'raw') {
    const data = pieces.filter((p) => !p.record.missing).map((p) => p.record.data);
    const bytes = new Uint8Array(data.reduce((n, d) => n + d.length, 0));
    let at = 0;
    for (const d of data) { bytes.set(d, at); at += d.length; }
    return { bytes, extension: 'bin' };
  }
  const texts = pieces.map((p) => pieceText(p, mode));
  const text = mode === 'hex' ? texts.map((t) => `${t}\n`).join('') : texts.join('');
  return { bytes: new TextEncoder().encode(text), extension: 'txt' };
}
