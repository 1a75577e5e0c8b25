/**
 * What Wireshark's Copy submenus put on the clipboard, as text: of a packet-detail field its Description (the line as
 * the tree shows it), Field Name, Value and As Filter, its bytes as a hex stream or as a hex + ASCII dump (tshark -x's
 * layout); of the whole tree its visible items, indented as Wireshark indents them; of a packet-list row its summary
 * as tab-separated text or as CSV. Pure functions: the field menus (FieldMenu.vue) offer what they give.
 */
import type { DetailNode } from '../../shared/ipc/contract';
import { nodeText, type FlatNode } from './detail-tree-walk';

/** One Copy menu entry: what it is called and the text it copies. */
export interface CopyItem { label: string; text: string }

/**
 * The field a filter tests (`tcp.srcport == 443` → `tcp.srcport`, `!(tcp.analysis.flags)` → `tcp.analysis.flags`);
 * '' when it starts with none.
 */
export function fieldNameOf(filter: string): string {
  return /[A-Za-z][A-Za-z0-9_.-]*/.exec(filter)?.[0] ?? '';
}

const hex2 = (b: number): string => (b < 16 ? '0' : '') + b.toString(16);

/** The bytes as one run of lowercase hex digits (Wireshark's "…as a Hex Stream"). */
export function hexStream(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += hex2(b);
  return s;
}

/**
 * The bytes as tshark -x prints a frame (print.c's hex dump): per 16 bytes the offset in hex (4 digits, more past
 * 64 KiB), two spaces, the bytes as "xx " each, padding to a full line, two more spaces and the printable ASCII
 * (others as '.'). `base` numbers the first byte (a field's bytes keep their frame offsets, as Wireshark's do).
 */
export function hexAsciiDump(bytes: Uint8Array, base = 0): string {
  const digits = Math.max(4, (base + bytes.length - 1).toString(16).length);
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    let hex = '', ascii = '';
    for (let i = at; i < at + 16; i++) {
      if (i >= bytes.length) { hex += '   '; continue; }
      const b = bytes[i];
      hex += `${hex2(b)} `;
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    lines.push(`${(base + at).toString(16).padStart(digits, '0')}  ${hex}  ${ascii}`);
  }
  return lines.join('\n');
}

/** A detail node's bytes within the frame's captured bytes (empty when it has none there). */
export function nodeBytes(node: DetailNode, frame: Uint8Array): Uint8Array {
  if (node.start < 0 || node.length <= 0 || node.start >= frame.length) return new Uint8Array(0);
  return frame.subarray(node.start, Math.min(frame.length, node.start + node.length));
}

/**
 * The Copy entries of a detail field, in Wireshark's order: Description, Field Name and Value (for a field SynAck's
 * filter knows), Value (any node with one), As Filter, and its bytes when `frame` holds some.
 */
export function detailCopyItems(node: DetailNode, frame: Uint8Array | null): CopyItem[] {
  const items: CopyItem[] = [{ label: 'Description', text: nodeText(node) }];
  const name = node.filter ? fieldNameOf(node.filter) : '';
  if (name) items.push({ label: 'Field Name', text: name });
  if (node.value !== undefined && node.value !== '') items.push({ label: 'Value', text: node.value });
  if (node.filter) items.push({ label: 'As Filter', text: node.filter });
  const bytes = frame ? nodeBytes(node, frame) : new Uint8Array(0);
  if (bytes.length > 0) {
    items.push({ label: 'Bytes as Hex + ASCII Dump', text: hexAsciiDump(bytes, node.start) });
    items.push({ label: 'Bytes as Hex Stream', text: hexStream(bytes) });
  }
  return items;
}

/** The tree's shown lines, four spaces deeper per level (Wireshark's Copy ▸ All Visible Items). */
export function visibleItemsText(flat: readonly FlatNode[]): string {
  return flat.map((f) => `${' '.repeat(4 * (f.depth - 1))}${nodeText(f.node)}`).join('\n');
}

/** A row's cells joined by tabs (Wireshark's Copy ▸ Summary as Text). */
export function summaryText(cells: readonly string[]): string {
  return cells.join('\t');
}

/** The column titles and a row's cells as two CSV lines, every value quoted (Wireshark's …as CSV). */
export function summaryCsv(titles: readonly string[], cells: readonly string[]): string {
  const line = (vs: readonly string[]): string => vs.map((v) => `"${v.replaceAll('"', '""')}"`).join(',');
  return `${line(titles)}\n${line(cells)}`;
}

/**
 * The Copy entries of a packet-list cell: the row's Summary as Text and as CSV (the shown columns), the cell's Value
 * and, when the cell has a filter (cell-filter.ts), As Filter.
 */
export function rowCopyItems(titles: readonly string[], cells: readonly string[], cell: number, filter: string | null): CopyItem[] {
  const items: CopyItem[] = [
    { label: 'Summary as Text', text: summaryText(cells) },
    { label: 'Summary as CSV', text: summaryCsv(titles, cells) },
  ];
  if (cells[cell]) items.push({ label: 'Value', text: cells[cell] });
  if (filter) items.push({ label: 'As Filter', text: filter });
  return items;
}
