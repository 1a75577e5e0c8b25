/**
 * The state tcpdump's printers share while they write one packet (netdissect_options in tcpdump 4.99):
 * the text written so far, the end of the bytes a printer may read (`ndo_snapend`, which ip_print/ip6_print
 * pull in to the end of the IP datagram), and the name of the protocol being printed (`ndo_protocol`, used
 * in the " [|tcp]" truncation mark).
 *
 * tcpdump leaves a printer with longjmp when a GET_* macro reads past the snapshot end; the pretty printer
 * then appends " [|<protocol>]". Here a printer calls `need(at, n)` before reading; when it returns false
 * the context is `stopped`, every caller returns at once, and `finish()` appends the mark. No throws.
 */
export class TcpdumpContext {
  /** Text written so far for this packet. */
  out = '';
  /** tcpdump's ndo_protocol: names the layer in " [|name]" when the bytes run out. */
  protocol = '';
  /** Set when a read ran past `snapEnd` (tcpdump's longjmp to the truncation handler). */
  stopped = false;
  /** The frame's bytes; offsets below are absolute positions in this view. */
  view!: DataView;
  /** First byte after the readable bytes (ndo_snapend). */
  snapEnd = 0;
  /** First byte after the captured bytes (the bottom of tcpdump's snapend stack). */
  capEnd = 0;

  /** Re-points the context at a new frame; `capEnd` is the offset after the last captured byte. */
  reset(view: DataView, capEnd: number): void {
    this.out = '';
    this.protocol = '';
    this.stopped = false;
    this.view = view;
    this.snapEnd = Math.min(capEnd, view.byteLength);
    this.capEnd = this.snapEnd;
  }

  /** Whether `n` bytes at `at` may be read (ND_TTEST_LEN). */
  has(at: number, n: number): boolean {
    return at >= 0 && n >= 0 && at + n <= this.snapEnd;
  }

  /** Like GET_*: true when the bytes are there, otherwise marks the packet truncated. */
  need(at: number, n: number): boolean {
    if (this.has(at, n)) return true;
    this.stopped = true;
    return false;
  }

  /**
   * ND_TCHECK_LEN: true when the bytes are there; otherwise prints the mark at once and the printer returns
   * normally (unlike `need`, the printers that called it go on).
   */
  check(at: number, n: number): boolean {
    if (this.has(at, n)) return true;
    this.printTrunc();
    return false;
  }

  /** Bytes left after `at` (ND_BYTES_AVAILABLE_AFTER). */
  availableAfter(at: number): number {
    return at < this.snapEnd ? this.snapEnd - at : 0;
  }

  u8(at: number): number { return this.view.getUint8(at); }
  u16(at: number): number { return this.view.getUint16(at); }
  u32(at: number): number { return this.view.getUint32(at); }

  /** Appends text. */
  print(text: string): void { this.out += text; }

  /** nd_print_trunc: the " [|proto]" mark. */
  printTrunc(): void { this.out += ` [|${this.protocol}]`; }

  /** Called once after the link printer returns: adds the truncation mark if a read ran out. */
  finish(): string {
    if (this.stopped) this.printTrunc();
    return this.out;
  }
}

/** %x without leading zeros, as C's printf prints it. */
export function hex(n: number): string {
  return (n >>> 0).toString(16);
}

/** %0Nx. */
export function hexPad(n: number, width: number): string {
  return (n >>> 0).toString(16).padStart(width, '0');
}

/** bittok2str(table, "none", value): the names of the set bits in table order, ", " between them. */
export function bitNames(table: [number, string][], value: number): string {
  const names = table.filter(([bit]) => ((value & bit) >>> 0) === bit).map(([, name]) => name);
  return names.length ? names.join(', ') : 'none';
}
