/**
 * The handshake options one side offered (MSS, window scale, SACK permitted, timestamps), read from the TCP
 * header bytes of its SYN or SYN-ACK (RFC 9293 §3.1 option layout; kinds from the IANA registry: 2 MSS,
 * 3 window scale, 4 SACK permitted, 8 timestamps). Runs for two packets per selected conversation only.
 * Malformed options end the walk quietly: what was read before them is kept.
 */

export interface OfferedOptions {
  mss: number | null;
  windowScale: number | null;
  sackPermitted: boolean;
  timestamps: boolean;
}

export function readOfferedOptions(bytes: Uint8Array, tcpOffset: number): OfferedOptions {
  const out: OfferedOptions = { mss: null, windowScale: null, sackPermitted: false, timestamps: false };
  if (tcpOffset < 0 || tcpOffset + 20 > bytes.length) return out;
  const headerLen = (bytes[tcpOffset + 12] >> 4) * 4;
  const end = Math.min(bytes.length, tcpOffset + headerLen);
  let at = tcpOffset + 20;
  while (at < end) {
    const kind = bytes[at];
    if (kind === 0) break;            // EOL
    if (kind === 1) { at++; continue; } // NOP
    if (at + 1 >= end) break;
    const len = bytes[at + 1];
    if (len < 2 || at + len > end) break;
    if (kind === 2 && len === 4) out.mss = (bytes[at + 2] << 8) | bytes[at + 3];
    else if (kind === 3 && len === 3) out.windowScale = bytes[at + 2];
    else if (kind === 4 && len === 2) out.sackPermitted = true;
    else if (kind === 8 && len === 10) out.timestamps = true;
    at += len;
  }
  return out;
}
