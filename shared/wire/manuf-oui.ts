/**
 * Whether Wireshark knows a MAC address's manufacturer (addr_resolv.c's get_manuf_name_if_known): its 24-bit OUI is
 * one its manuf file names (wireshark-ouis.ts). packet-pw-eth.c decides by it whether an MPLS payload starting with a
 * zero nibble is a plain Ethernet frame or one behind a pseudowire control word.
 */
import { WIRESHARK_OUIS_BASE64, WIRESHARK_OUI_COUNT } from './wireshark-ouis';

let table: Uint32Array | null = null;

/** Whether the OUI of the address whose first byte is at `at` is in Wireshark's manuf file. */
export function isKnownOui(dv: DataView, at: number): boolean {
  const ouis = table ??= wiresharkOuis();
  const oui = (dv.getUint8(at) << 16) | (dv.getUint8(at + 1) << 8) | dv.getUint8(at + 2);
  let lo = 0, hi = ouis.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (ouis[mid] === oui) return true;
    if (ouis[mid] < oui) lo = mid + 1; else hi = mid - 1;
  }
  return false;
}

/** The table, sorted (decoded once: LEB128 deltas in base64). */
export function wiresharkOuis(): Uint32Array {
  const bytes = base64Bytes(WIRESHARK_OUIS_BASE64);
  const out = new Uint32Array(WIRESHARK_OUI_COUNT);
  let n = 0, value = 0, delta = 0, shift = 0;
  for (let k = 0; k < bytes.length && n < out.length; k++) {
    const b = bytes[k];
    delta |= (b & 0x7f) << shift;
    if (b & 0x80) { shift += 7; continue; }
    value += delta; out[n++] = value;
    delta = 0; shift = 0;
  }
  return out;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 to bytes (shared/ has only ES2022: no atob); padding and unknown characters end the data. */
function base64Bytes(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor(text.length * 3 / 4));
  let n = 0, bits = 0, acc = 0;
  for (let k = 0; k < text.length; k++) {
    const v = BASE64.indexOf(text[k]);
    if (v < 0) break;
    acc = (acc << 6) | v; bits += 6;
    if (bits >= 8) { bits -= 8; out[n++] = (acc >> bits) & 0xff; }
  }
  return out.subarray(0, n);
}
