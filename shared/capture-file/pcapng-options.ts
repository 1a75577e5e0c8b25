/**
 * pcapng options (draft-ietf-opsawg-pcapng §3.5): a list of (code u16, length u16, value padded to 4)
 * ending at opt_endofopt or at the end of the block body. The walker checks that no option runs past
 * its block (Wireshark: "Not enough data to handle option of length N"); the IDB reader picks out the
 * options that change how packets are read.
 */
const OPT_ENDOFOPT = 0;
/** opt_comment: any block may carry several. */
export const OPT_COMMENT = 1;
const IF_NAME = 2, IF_DESCRIPTION = 3, IF_SPEED = 8, IF_TSRESOL = 9, IF_FILTER = 11, IF_OS = 12, IF_FCSLEN = 13, IF_TSOFFSET = 14, IF_HARDWARE = 15;
const SHB_HARDWARE = 2, SHB_OS = 3, SHB_USERAPPL = 4;
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

/** An if_filter option: a libpcap filter string, or a BPF program (of which only the instruction count is kept). */
export type InterfaceFilter = { kind: 'pcap'; text: string } | { kind: 'bpf'; instructions: number } | { kind: 'other'; type: number };

export interface InterfaceOptions {
  name?: string;
  description?: string;
  tsresol: number;
  /** Whether if_tsresol was given (capinfos shows "Time resolution" only then). */
  tsresolGiven: boolean;
  tsoffset: number;
  hardware?: string;
  os?: string;
  /** if_speed in bits per second. */
  speed?: number;
  /** if_fcslen: FCS bytes at the end of each frame. */
  fcsLen?: number;
  filter?: InterfaceFilter;
  comments: string[];
}

/**
 * Reads an IDB's options (if_name, if_description, if_tsresol, if_tsoffset, and for Capture File Properties
 * if_hardware, if_os, if_speed, if_fcslen, if_filter and comments); returns the bad option's offset if the list is broken.
 */
export function readInterfaceOptions(view: DataView, start: number, end: number, le: boolean): InterfaceOptions | number {
  const out: InterfaceOptions = { tsresol: DEFAULT_TSRESOL, tsresolGiven: false, tsoffset: 0, comments: [] };
  const bad = walkOptions(view, start, end, le, (code, at, len) => {
    if (code === IF_NAME) out.name = utf8(view, at, len);
    else if (code === IF_DESCRIPTION) out.description = utf8(view, at, len);
    else if (code === IF_TSRESOL && len >= 1) { out.tsresol = view.getUint8(at); out.tsresolGiven = true; }
    // if_tsoffset and if_speed are 64-bit; read once per interface, so BigInt is fine here.
    else if (code === IF_TSOFFSET && len >= 8) out.tsoffset = Number(view.getBigInt64(at, le));
    else if (code === IF_SPEED && len >= 8) out.speed = Number(view.getBigUint64(at, le));
    else if (code === IF_FCSLEN && len >= 1) out.fcsLen = view.getInt8(at);
    else if (code === IF_HARDWARE) out.hardware = utf8(view, at, len);
    else if (code === IF_OS) out.os = utf8(view, at, len);
    else if (code === IF_FILTER && len >= 1) out.filter = interfaceFilter(view, at, len);
    else if (code === OPT_COMMENT) out.comments.push(utf8(view, at, len));
  });
  return bad === -1 ? out : bad;
}

/** if_filter: a type byte (0: filter string, 1: BPF program of 8-byte instructions), then the filter. */
function interfaceFilter(view: DataView, at: number, len: number): InterfaceFilter {
  const type = view.getUint8(at);
  if (type === 0) return { kind: 'pcap', text: utf8(view, at + 1, len - 1) };
  if (type === 1) return { kind: 'bpf', instructions: Math.floor((len - 1) / 8) };
  return { kind: 'other', type };
}

export interface SectionOptions {
  hardware?: string;
  os?: string;
  application?: string;
  comments: string[];
}

/** A Section Header Block's shb_hardware, shb_os, shb_userappl and comments (the walk was checked already). */
export function readSectionOptions(view: DataView, start: number, end: number, le: boolean): SectionOptions {
  const out: SectionOptions = { comments: [] };
  walkOptions(view, start, end, le, (code, at, len) => {
    if (code === SHB_HARDWARE) out.hardware = utf8(view, at, len);
    else if (code === SHB_OS) out.os = utf8(view, at, len);
    else if (code === SHB_USERAPPL) out.application = utf8(view, at, len);
    else if (code === OPT_COMMENT) out.comments.push(utf8(view, at, len));
  });
  return out;
}

/** The comments (opt_comment) among the options in view[start .. end). */
export function optionComments(view: DataView, start: number, end: number, le: boolean): string[] {
  const out: string[] = [];
  walkOptions(view, start, end, le, (code, at, len) => { if (code === OPT_COMMENT) out.push(utf8(view, at, len)); });
  return out;
}

/** The text of an option (UTF-8, up to a NUL). */
export function optionText(view: DataView, at: number, len: number): string {
  return utf8(view, at, len);
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
