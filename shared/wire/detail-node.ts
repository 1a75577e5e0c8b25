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
  /**
   * A display filter matching this field's value in this packet (Wireshark's Apply as Filter ▸ Selected), only for
   * fields SynAck's filter knows: `tcp.srcport == 443`, `ip.src == 10.0.0.1`, `tcp.flags.syn == 1`.
   */
  filter?: string;
  /** Shown folded at first (the Frame row: facts about the record most packets need not show open). */
  collapsed?: boolean;
  /**
   * The frame number this field refers to (Wireshark's FT_FRAMENUM: the segment an ACK covers, a duplicate ACK's
   * original, a retransmission's rto_frame): shown as a link that goes to that packet.
   */
  frame?: number;
}

/** A leaf row; `base` is the frame's first byte in the view the offsets were measured in. */
export function leaf(label: string, value: string, at: number, length: number, base: number, filter?: string): DetailNode {
  return filter === undefined ? { label, value, start: at - base, length, children: undefined } : { label, value, start: at - base, length, children: undefined, filter };
}

/** 0x-prefixed hex with at least `digits` digits, as tshark prints field values. */
export function hexValue(n: number, digits: number): string {
  return `0x${(n >>> 0).toString(16).padStart(digits, '0')}`;
}
