/**
 * One row of the packet detail tree. `start`/`length` are byte positions relative to the first byte of the
 * frame, so the hex view can highlight the bytes a row came from (and select the row for a clicked byte).
 */
export interface DetailNode {
  label: string;
  value?: string;
  start: number;
  length: number;
  children?: DetailNode[];
}

/** A leaf row; `base` is the frame's first byte in the view the offsets were measured in. */
export function leaf(label: string, value: string, at: number, length: number, base: number): DetailNode {
  return { label, value, start: at - base, length, children: undefined };
}

/** 0x-prefixed hex with at least `digits` digits, as tshark prints field values. */
export function hexValue(n: number, digits: number): string {
  return `0x${(n >>> 0).toString(16).padStart(digits, '0')}`;
}
