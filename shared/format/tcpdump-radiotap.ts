/**
 * tcpdump's radiotap printer (print-802_11.c ieee802_11_radio_print, 4.99): the radio header's fields in
 * presence-bit order, each aligned to its size from the header's start ("cpack"), as "…us tsft 11.0 Mb/s 2462 MHz
 * 11b -70dBm signal antenna 0 ", then the 802.11 frame behind it (its data frames print only what their LLC/SNAP
 * header carries, without -e). A field tcpdump has no size for ends the header's printing with "[bit N] ", a field
 * cut short with " [|802.11_radio]"; extended presence words continue the namespace (bit numbers + 32), the
 * radiotap-namespace bit restarts it, vendor namespaces are skipped.
 */
import type { TcpdumpContext } from './tcpdump-context';

const TSFT = 0, FLAGS = 1, RATE = 2, CHANNEL = 3, FHSS = 4, DBM_ANTSIGNAL = 5, DBM_ANTNOISE = 6, LOCK_QUALITY = 7,
  TX_ATTENUATION = 8, DB_TX_ATTENUATION = 9, DBM_TX_POWER = 10, ANTENNA = 11, DB_ANTSIGNAL = 12, DB_ANTNOISE = 13,
  RX_FLAGS = 14, XCHANNEL = 18, MCS = 19, AMPDU_STATUS = 20, VHT = 21, NAMESPACE = 29, VENDOR_NAMESPACE = 30, EXT = 31;
/** Flags field bits tcpdump prints or uses. */
const F_CFP = 0x01, F_SHORTPRE = 0x02, F_WEP = 0x04, F_FRAG = 0x08, F_FCS = 0x10, F_DATAPAD = 0x20, F_BADFCS = 0x40;
const CHAN_TURBO = 0x10, CHAN_CCK = 0x20, CHAN_OFDM = 0x40, CHAN_2GHZ = 0x80, CHAN_5GHZ = 0x100, CHAN_DYN = 0x400,
  CHAN_GFSK = 0x800, CHAN_HALF = 0x4000, CHAN_QUARTER = 0x8000, CHAN_HT20 = 0x10000, CHAN_HT40U = 0x20000, CHAN_HT40D = 0x40000;

/** ieee80211_float_htrates: Mb/s by MCS index (0–76), then 20 MHz long/short GI, 40 MHz long/short GI. */
const HT_RATES = [
  6.5, 7.2, 13.5, 15.0,
  13.0, 14.4, 27.0, 30.0,
  19.5, 21.7, 40.5, 45.0,
  26.0, 28.9, 54.0, 60.0,
  39.0, 43.3, 81.0, 90.0,
  52.0, 57.8, 108.0, 120.0,
  58.5, 65.0, 121.5, 135.0,
  65.0, 72.2, 135.0, 150.0,
  13.0, 14.4, 27.0, 30.0,
  26.0, 28.9, 54.0, 60.0,
  39.0, 43.3, 81.0, 90.0,
  52.0, 57.8, 108.0, 120.0,
  78.0, 86.7, 162.0, 180.0,
  104.0, 115.6, 216.0, 240.0,
  117.0, 130.0, 243.0, 270.0,
  130.0, 144.4, 270.0, 300.0,
  19.5, 21.7, 40.5, 45.0,
  39.0, 43.3, 81.0, 90.0,
  58.5, 65.0, 121.5, 135.0,
  78.0, 86.7, 162.0, 180.0,
  117.0, 130.0, 243.0, 270.0,
  156.0, 173.3, 324.0, 360.0,
  175.5, 195.0, 364.5, 405.0,
  195.0, 216.7, 405.0, 450.0,
  26.0, 28.9, 54.0, 60.0,
  52.0, 57.8, 108.0, 120.0,
  78.0, 86.7, 162.0, 180.0,
  104.0, 115.6, 216.0, 240.0,
  156.0, 173.3, 324.0, 360.0,
  208.0, 231.1, 432.0, 480.0,
  234.0, 260.0, 486.0, 540.0,
  260.0, 288.9, 540.0, 600.0,
  0.0, 0.0, 6.0, 6.7,
  39.0, 43.3, 81.0, 90.0,
  52.0, 57.8, 108.0, 120.0,
  65.0, 72.2, 135.0, 150.0,
  58.5, 65.0, 121.5, 135.0,
  78.0, 86.7, 162.0, 180.0,
  97.5, 108.3, 202.5, 225.0,
  52.0, 57.8, 108.0, 120.0,
  65.0, 72.2, 135.0, 150.0,
  65.0, 72.2, 135.0, 150.0,
  78.0, 86.7, 162.0, 180.0,
  91.0, 101.1, 189.0, 210.0,
  91.0, 101.1, 189.0, 210.0,
  104.0, 115.6, 216.0, 240.0,
  78.0, 86.7, 162.0, 180.0,
  97.5, 108.3, 202.5, 225.0,
  97.5, 108.3, 202.5, 225.0,
  117.0, 130.0, 243.0, 270.0,
  136.5, 151.7, 283.5, 315.0,
  136.5, 151.7, 283.5, 315.0,
  156.0, 173.3, 324.0, 360.0,
  65.0, 72.2, 135.0, 150.0,
  78.0, 86.7, 162.0, 180.0,
  91.0, 101.1, 189.0, 210.0,
  78.0, 86.7, 162.0, 180.0,
  91.0, 101.1, 189.0, 210.0,
  104.0, 115.6, 216.0, 240.0,
  117.0, 130.0, 243.0, 270.0,
  104.0, 115.6, 216.0, 240.0,
  117.0, 130.0, 243.0, 270.0,
  130.0, 144.4, 270.0, 300.0,
  130.0, 144.4, 270.0, 300.0,
  143.0, 158.9, 297.0, 330.0,
  97.5, 108.3, 202.5, 225.0,
  117.0, 130.0, 243.0, 270.0,
  136.5, 151.7, 283.5, 315.0,
  117.0, 130.0, 243.0, 270.0,
  136.5, 151.7, 283.5, 315.0,
  156.0, 173.3, 324.0, 360.0,
  175.5, 195.0, 364.5, 405.0,
  156.0, 173.3, 324.0, 360.0,
  175.5, 195.0, 364.5, 405.0,
  195.0, 216.7, 405.0, 450.0,
  195.0, 216.7, 405.0, 450.0,
  214.5, 238.3, 445.5, 495.0,
];
const HT_BANDWIDTH = ['20 MHz', '40 MHz', '20 MHz (L)', '20 MHz (U)'];
const VHT_BANDWIDTH = ['20 MHz', '40 MHz', '20 MHz (L)', '20 MHz (U)', '80 MHz', '80 MHz (L)', '80 MHz (U)', '80 MHz (LL)',
  '80 MHz (LU)', '80 MHz (UL)', '80 MHz (UU)', '160 MHz', '160 MHz (L)', '160 MHz (U)', '160 MHz (LL)', '160 MHz (LU)',
  '160 MHz (UL)', '160 MHz (UU)', '160 MHz (LLL)', '160 MHz (LLU)', '160 MHz (LUL)', '160 MHz (UUU)', '160 MHz (ULL)',
  '160 MHz (ULU)', '160 MHz (UUL)', '160 MHz (UUU)', 'unknown (26)', 'unknown (27)', 'unknown (28)', 'unknown (29)',
  'unknown (30)', 'unknown (31)'];

/** What the radio header says about the 802.11 frame behind it. */
export interface RadiotapInfo { length: number; datapad: boolean; fcs: boolean }

/** tcpdump's cpack: little-endian reads aligned to their size from the header's start, within its length. */
class Cpack {
  next = 0;
  constructor(private readonly ctx: TcpdumpContext, private readonly start: number, private readonly end: number) {}

  /** Offset of an aligned `size`-byte field, or -1 when it does not fit (the cursor stays). */
  take(size: number): number {
    const at = this.fits(size);
    if (at >= 0) this.next = at + size;
    return at;
  }
  /** Where an aligned `size`-byte field would start, or -1 when it does not fit (nd_cpack_align_and_reserve). */
  fits(size: number): number {
    const at = this.start + Math.ceil((this.next - this.start) / size) * size;
    return at + size > this.end ? -1 : at;
  }
  u8(): number { const at = this.take(1); return at < 0 ? NaN : this.ctx.view.getUint8(at); }
  i8(): number { const at = this.take(1); return at < 0 ? NaN : this.ctx.view.getInt8(at); }
  u16(): number { const at = this.take(2); return at < 0 ? NaN : this.ctx.view.getUint16(at, true); }
  i16(): number { const at = this.take(2); return at < 0 ? NaN : this.ctx.view.getInt16(at, true); }
  u32(): number { const at = this.take(4); return at < 0 ? NaN : this.ctx.view.getUint32(at, true); }
  u64(): bigint | null { const at = this.take(8); return at < 0 ? null : this.ctx.view.getBigUint64(at, true); }
}

/**
 * Prints the radiotap header at `at`; returns its length and flags, or null when tcpdump stops (header cut or
 * malformed: " [|802.11_radio]" printed).
 */
export function printRadiotap(ctx: TcpdumpContext, at: number): RadiotapInfo | null {
  ctx.protocol = '802.11_radio';
  if (!ctx.has(at, 8)) { ctx.printTrunc(); return null; }
  const len = ctx.view.getUint16(at + 2, true);
  if (len < 8 || !ctx.has(at, len)) { ctx.printTrunc(); return null; }
  const end = at + len, c = new Cpack(ctx, at, end);
  c.next = at + 8;
  let last = at + 4;
  while (last + 4 <= end && (ctx.view.getUint32(last, true) >>> EXT) !== 0) { last += 4; c.next += 4; }
  if (last + 4 > end) { ctx.printTrunc(); return null; }
  const state = { flags: 0 };
  let bit0 = 0, vendor = false, skip = 0;
  for (let p = at + 4; p <= last; p += 4) {
    const present = ctx.view.getUint32(p, true);
    if (vendor) {
      if (c.next + skip > end) break;
      c.next += skip; skip = 0;
    } else if (!printNamespace(ctx, c, present, bit0, state)) break;
    const ns = present & ((1 << NAMESPACE) | (1 << VENDOR_NAMESPACE));
    if (ns === 0) bit0 += 32;
    else if (ns === 1 << NAMESPACE) { bit0 = 0; vendor = false; skip = 0; }
    else if (ns === 1 << VENDOR_NAMESPACE) { bit0 = 0; vendor = true; skip = vendorSkipLength(ctx, c); }
  }
  return { length: len, datapad: (state.flags & F_DATAPAD) !== 0, fcs: (state.flags & F_FCS) !== 0 };
}

/**
 * A vendor namespace item: OUI, sub-namespace and the length of its fields, which are skipped. Read as tcpdump
 * does (room checked for an aligned 2-byte item, the OUI read where the cursor is); 0 when cut short, and the
 * header's printing goes on.
 */
function vendorSkipLength(ctx: TcpdumpContext, c: Cpack): number {
  if (c.fits(2) < 0) { ctx.printTrunc(); return 0; }
  c.u8(); c.u8(); c.u8(); c.u8();
  const skip = c.u16();
  if (Number.isNaN(skip)) { ctx.printTrunc(); return 0; }
  return skip;
}

/** The fields of one presence word; false when the header's printing must stop. */
function printNamespace(ctx: TcpdumpContext, c: Cpack, presentFlags: number, bit0: number, state: { flags: number }): boolean {
  for (let bitno = 0; bitno < NAMESPACE; bitno++) {
    if ((presentFlags & (1 << bitno)) === 0) continue;
    if (!printField(ctx, c, bit0 + bitno, presentFlags, state)) return false;
  }
  return true;
}

/** One field (print_radiotap_field); false at a cut field (" [|802.11_radio]") or an unknown one ("[bit N] "). */
function printField(ctx: TcpdumpContext, c: Cpack, bit: number, present: number, state: { flags: number }): boolean {
  const trunc = (): false => { ctx.printTrunc(); return false; };
  switch (bit) {
    case TSFT: { const v = c.u64(); if (v === null) return trunc(); ctx.print(`${v}us tsft `); return true; }
    case FLAGS: {
      const f = c.u8(); if (Number.isNaN(f)) return trunc();
      state.flags = f;
      if (f & F_CFP) ctx.print('cfp ');
      if (f & F_SHORTPRE) ctx.print('short preamble ');
      if (f & F_WEP) ctx.print('wep ');
      if (f & F_FRAG) ctx.print('fragmented ');
      if (f & F_BADFCS) ctx.print('bad-fcs ');
      return true;
    }
    case RATE: {
      const r = c.u8(); if (Number.isNaN(r)) return trunc();
      ctx.print(r >= 0x80 && r <= 0x8f ? `MCS ${r & 0x7f} ` : `${(r / 2).toFixed(1)} Mb/s `);
      return true;
    }
    case CHANNEL: {
      const freq = c.u16(), flags = c.u16(); if (Number.isNaN(freq) || Number.isNaN(flags)) return trunc();
      if ((present & (1 << XCHANNEL)) === 0) ctx.print(channelText(freq, flags, present));
      return true;
    }
    case FHSS: { const set = c.u8(), pat = c.u8(); if (Number.isNaN(set) || Number.isNaN(pat)) return trunc(); ctx.print(`fhset ${set} fhpat ${pat} `); return true; }
    case DBM_ANTSIGNAL: return signed8(ctx, c, (v) => `${v}dBm signal `);
    case DBM_ANTNOISE: return signed8(ctx, c, (v) => `${v}dBm noise `);
    case LOCK_QUALITY: { const v = c.u16(); if (Number.isNaN(v)) return trunc(); ctx.print(`${v} sq `); return true; }
    case TX_ATTENUATION: { const v = c.i16(); if (Number.isNaN(v)) return trunc(); ctx.print(`${-v} tx power `); return true; }
    case DB_TX_ATTENUATION: return signed8(ctx, c, (v) => `${-v}dB tx attenuation `);
    case DBM_TX_POWER: return signed8(ctx, c, (v) => `${v}dBm tx power `);
    case ANTENNA: { const v = c.u8(); if (Number.isNaN(v)) return trunc(); ctx.print(`antenna ${v} `); return true; }
    case DB_ANTSIGNAL: { const v = c.u8(); if (Number.isNaN(v)) return trunc(); ctx.print(`${v}dB signal `); return true; }
    case DB_ANTNOISE: { const v = c.u8(); if (Number.isNaN(v)) return trunc(); ctx.print(`${v}dB noise `); return true; }
    case RX_FLAGS: return !Number.isNaN(c.u16()) || trunc();
    case XCHANNEL: {
      const flags = c.u32(), freq = c.u16(), ch = c.u8(), power = c.u8();
      if ([flags, freq, ch, power].some(Number.isNaN)) return trunc();
      ctx.print(channelText(freq, flags, present));
      return true;
    }
    case MCS: return printMcs(ctx, c) || trunc();
    case AMPDU_STATUS: return ![c.u32(), c.u16(), c.u8(), c.u8()].some(Number.isNaN) || trunc();
    case VHT: return printVht(ctx, c) || trunc();
    default: ctx.print(`[bit ${bit}] `); return false;
  }
}

function signed8(ctx: TcpdumpContext, c: Cpack, text: (v: number) => string): boolean {
  const v = c.i8();
  if (Number.isNaN(v)) { ctx.printTrunc(); return false; }
  ctx.print(text(v));
  return true;
}

/** print_chaninfo. */
function channelText(freq: number, flags: number, present: number): string {
  let s = `${freq} MHz`;
  const is = (mask: number): boolean => (flags & mask) === mask;
  if (present & (1 << MCS)) s += ' 11n';
  else {
    if (is(CHAN_2GHZ | CHAN_GFSK)) s += ' FHSS';
    if (is(CHAN_5GHZ | CHAN_OFDM)) s += flags & CHAN_HALF ? ' 11a/10Mhz' : flags & CHAN_QUARTER ? ' 11a/5Mhz' : ' 11a';
    if (is(CHAN_2GHZ | CHAN_OFDM) || is(CHAN_2GHZ | CHAN_DYN)) s += flags & CHAN_HALF ? ' 11g/10Mhz' : flags & CHAN_QUARTER ? ' 11g/5Mhz' : ' 11g';
    else if (is(CHAN_2GHZ | CHAN_CCK)) s += ' 11b';
    if (flags & CHAN_TURBO) s += ' Turbo';
  }
  if (flags & CHAN_HT20) s += ' ht/20';
  else if (flags & CHAN_HT40D) s += ' ht/40-';
  else if (flags & CHAN_HT40U) s += ' ht/40+';
  return `${s} `;
}

function printMcs(ctx: TcpdumpContext, c: Cpack): boolean {
  const known = c.u8(), flags = c.u8(), index = c.u8();
  if ([known, flags, index].some(Number.isNaN)) return false;
  if (known & 0x02) {
    // tcpdump looks the rate up when either the bandwidth or the guard interval is known.
    const rate = index <= 76 && (known & 0x05) !== 0 ? HT_RATES[index * 4 + ((flags & 3) === 1 ? 2 : 0) + (flags & 0x04 ? 1 : 0)] : 0;
    ctx.print(rate !== 0 ? `${rate.toFixed(1)} Mb/s MCS ${index} ` : `MCS ${index} `);
  }
  if (known & 0x01) ctx.print(`${HT_BANDWIDTH[flags & 3]} `);
  if (known & 0x04) ctx.print(flags & 0x04 ? 'short GI ' : 'long GI ');
  if (known & 0x08) ctx.print(flags & 0x08 ? 'greenfield ' : 'mixed ');
  if (known & 0x10) ctx.print(flags & 0x10 ? 'LDPC FEC ' : 'BCC FEC ');
  if (known & 0x20) ctx.print(`RX-STBC${(flags & 0x60) >> 5} `);
  return true;
}

function printVht(ctx: TcpdumpContext, c: Cpack): boolean {
  const known = c.u16(), flags = c.u8(), bandwidth = c.u8();
  const mcsNss = [c.u8(), c.u8(), c.u8(), c.u8()];
  const coding = c.u8(), group = c.u8(), aid = c.u16();
  if ([known, flags, bandwidth, ...mcsNss, coding, group, aid].some(Number.isNaN)) return false;
  mcsNss.forEach((v, i) => {
    if ((v & 0x0f) === 0) return;
    ctx.print(`User ${i} MCS ${(v & 0xf0) >> 4} ${coding & (1 << i) ? 'LDPC' : 'BCC'} FEC `);
  });
  if (known & 0x40) ctx.print(`${VHT_BANDWIDTH[bandwidth & 0x1f]} `);
  if (known & 0x04) ctx.print(flags & 0x04 ? 'short GI ' : 'long GI ');
  return true;
}
