/**
 * pcapng options (draft-ietf-opsawg-pcapng §3.5): a list of (code u16, length u16, value padded to 4)
 * ending at opt_endofopt or at the end of the block body. The walker checks that no option runs past
 * its block (Wireshark: "Not enough data to handle option of length N"); the IDB reader picks out the
 * options that change how packets are read.
 */
const OPT_ENDOFOPT = 0;
const IF_NAME = 2, IF_DESCRIPTION = 3, IF_TSRESOL = 9, IF_TSOFFSET = 14;
/** Default if_tsresol: microseconds. */
export const DEFAULT_TSRESOL = 6;

export type OptionVisitor = (code: number, at: number, len: number) => void;
const ignore: OptionVisitor = () => {};

/**
 * Walks the options in view[start .. end) and calls `visit` with each one's code, value offset and length.
 * Returns -1 when the list is well formed, else the offset of the option that runs past `end`.
 */
export function walkOptions(view: DataView, start: number, end: number, le: boolean, visit: OptionVisitor = ignore): number {
  let at = start;
  while (at + 4 <= end) {
    const code = view.getUint16(at, le), len = view.getUint16(at + 2, le);
    if (code === OPT_ENDOFOPT) return -1;
    if (at + 4 + len > end) return at;
    visit(code, at + 4, len);
    at += 4 + ((len + 3) & ~3);
  }
  // Fewer than 4 bytes left: the spec calls it padding; Wireshark accepts it.
  return -1;
}

export interface InterfaceOptions {
  name?: string;
  description?: string;
  tsresol: number;
  tsoffset: number;
}

/** Reads if_name, if_description, if_tsresol and if_tsoffset; returns the bad option's offset if the list is broken. */
export function readInterfaceOptions(view: DataView, start: number, end: number, le: boolean): InterfaceOptions | number {
  const out: InterfaceOptions = { tsresol: DEFAULT_TSRESOL, tsoffset: 0 };
  const bad = walkOptions(view, start, end, le, (code, at, len) => {
    if (code === IF_NAME) out.name = utf8(view, at, len);
    else if (code === IF_DESCRIPTION) out.description = utf8(view, at, len);
    else if (code === IF_TSRESOL && len >= 1) out.tsresol = view.getUint8(at);
    // if_tsoffset is a signed 64-bit count of seconds; read once per interface, so BigInt is fine here.
    else if (code === IF_TSOFFSET && len >= 8) out.tsoffset = Number(view.getBigInt64(at, le));
  });
  return bad === -1 ? out : bad;
}

/** Decodes UTF-8 without TextDecoder (shared/ has only ES2022); invalid sequences fall back to Latin-1. */
function utf8(view: DataView, at: number, len: number): string {
  let end = at + len;
  while (end > at && view.getUint8(end - 1) === 0) end--; // strings may be NUL-terminated
  let ascii = '', escaped = '', isAscii = true;
  for (let i = at; i < end; i++) {
    const b = view.getUint8(i);
    if (b >= 0x80) isAscii = false;
    ascii += String.fromCharCode(b);
    escaped += '%' + b.toString(16).padStart(2, '0');
  }
  if (isAscii) return ascii;
  try {
    return decodeURIComponent(escaped);
  } catch {
    return ascii;
  }
}
