/**
 * How Follow TCP Stream shows a record's bytes, as tshark's tap-follow.c (4.0) prints them; the CLI's
 * `-z follow,tcp,…` output and the app's Follow pane both use these, so the pane shows what tshark prints.
 */

/** ASCII mode: printable ASCII, CR and LF as they are, anything else '.'. */
export function followAscii(data: Uint8Array): string {
  let s = '';
  for (const b of data) s += b === 13 || b === 10 || (b >= 0x20 && b < 0x7f) ? String.fromCharCode(b) : '.';
  return s;
}

/** Raw mode: lower-case hex, no separators. */
export function followRawHex(data: Uint8Array): string {
  let s = '';
  for (const b of data) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * Hex mode: 16 bytes a line — the offset (8 upper-case hex digits; `offset` counts the side's bytes before this
 * record), the bytes in two groups of 8, then the same as ASCII in two groups (one trailing space dropped, as
 * tap-follow.c does, a byte 0x20 too). Lines without their newline.
 */
export function followHexLines(data: Uint8Array, offset: number): string[] {
  const lines: string[] = [];
  for (let at = 0; at < data.length; at += 16) {
    const row = data.subarray(at, at + 16);
    let bytes = '', chars = '';
    row.forEach((b, k) => {
      bytes += `${b.toString(16).padStart(2, '0')} ${k === 7 ? ' ' : ''}`;
      chars += (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.') + (k === 7 ? ' ' : '');
    });
    if (chars.endsWith(' ')) chars = chars.slice(0, -1);
    lines.push(`${(offset + at).toString(16).toUpperCase().padStart(8, '0')}  ${bytes.padEnd(49)} ${chars}`);
  }
  return lines;
}
