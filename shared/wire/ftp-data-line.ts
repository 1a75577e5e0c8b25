/**
 * The FTP control lines that make tshark expect a data connection (packet-ftp.c create_and_link_data_conversation):
 * a PASV reply (227 … (h1,h2,h3,h4,p1,p2)), an EPSV reply (229 … (|||port|)) and a PORT request. tshark creates a
 * conversation for the announced endpoint with the other port left open; the data connection's first packet then
 * finds a conversation that is not new, so packet-tcp.c does not count its SYN in tcp.completeness. SynAck reads
 * the same lines the same way (the first line of a segment to or from port 21) so that its completeness agrees.
 * EPRT is left out: tshark keys its conversation on the client and the address in the command, which a data
 * connection (from the server) never matches.
 */
import type { DecodedPacket } from './decoded-packet';

export const FTP_CONTROL_PORT = 21, FTP_ACTIVE_DATA_PORT = 20;
/** DecodedPacket.ftpData: what the line announced (the data conversation's first endpoint, then its second address). */
export const FtpData = {
  none: 0,
  /** 227: the address and port in the reply, and the reply's destination (the client). */
  passive: 1,
  /** PORT: the request's destination (the server) port 20, and the address in the request. */
  active: 2,
  /** 229: the reply's source (the server) and the port in the reply, and the reply's destination. */
  extendedPassive: 3,
} as const;

const CR = 0x0d, LF = 0x0a, SPACE = 0x20, COMMA = 0x2c, ZERO = 0x30, NINE = 0x39;
const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;
/** C isspace: blank, tab, newline, vertical tab, form feed, carriage return. */
const isSpace = (c: number): boolean => c === SPACE || (c >= 0x09 && c <= 0x0d);

/**
 * Reads the first line of a TCP payload to or from port 21 at [at, end) (captured bytes) into `out.ftpData`,
 * `out.ftpDataPort` and `out.ftpDataIpv4`. `request`: sent to port 21 (packet-ftp.c: the port that matched is the
 * destination port).
 */
export function readFtpDataLine(dv: DataView, at: number, end: number, request: boolean, out: DecodedPacket): void {
  out.ftpData = FtpData.none;
  let lineEnd = at;
  while (lineEnd < end && dv.getUint8(lineEnd) !== CR && dv.getUint8(lineEnd) !== LF && dv.getUint8(lineEnd) !== 0) lineEnd++;
  if (request) {
    if (isPortCommand(dv, at, lineEnd) && readSixNumbers(dv, at, lineEnd, out)) {
      out.ftpData = FtpData.active; out.ftpDataPort = FTP_ACTIVE_DATA_PORT;
    }
    return;
  }
  if (lineEnd - at < 3 || !isDigit(dv.getUint8(at)) || !isDigit(dv.getUint8(at + 1)) || !isDigit(dv.getUint8(at + 2))) return;
  const code = (dv.getUint8(at) - ZERO) * 100 + (dv.getUint8(at + 1) - ZERO) * 10 + dv.getUint8(at + 2) - ZERO;
  if (code === 227 && readSixNumbers(dv, at, lineEnd, out)) out.ftpData = FtpData.passive;
  else if (code === 229 && readExtendedPort(dv, at, lineEnd, out)) out.ftpData = FtpData.extendedPassive;
}

/** The command token (up to a space) is "PORT", or a prefix of it: packet-ftp.c compares only the token's length. */
function isPortCommand(dv: DataView, at: number, end: number): boolean {
  let n = 0;
  while (at + n < end && dv.getUint8(at + n) !== SPACE) n++;
  if (n === 0 || n > 4) return false;
  for (let k = 0; k < n; k++) if (dv.getUint8(at + k) !== 'PORT'.charCodeAt(k)) return false;
  return true;
}

/**
 * packet-ftp.c parse_port_pasv: from each run of digits in turn, sscanf("%d,%d,%d,%d,%d,%d") — a comma right after
 * each number, then optional blanks and sign before the next. The first run that gives six numbers is the address
 * (each shifted into place in 32 bits, unmasked, as the C code does) and the port (its two bytes masked).
 */
function readSixNumbers(dv: DataView, at: number, end: number, out: DecodedPacket): boolean {
  const n = [0, 0, 0, 0, 0, 0];
  for (let p = at; p < end;) {
    if (!isDigit(dv.getUint8(p))) { p++; continue; }
    let q = p, k = 0;
    for (; k < 6; k++) {
      if (k > 0) {
        if (q >= end || dv.getUint8(q) !== COMMA) break;
        q++;
        while (q < end && isSpace(dv.getUint8(q))) q++;
      }
      let sign = 1;
      if (q < end && (dv.getUint8(q) === 0x2b || dv.getUint8(q) === 0x2d)) { sign = dv.getUint8(q) === 0x2d ? -1 : 1; q++; }
      if (q >= end || !isDigit(dv.getUint8(q))) break;
      let v = 0;
      while (q < end && isDigit(dv.getUint8(q))) v = (v * 10 + dv.getUint8(q++) - ZERO) | 0;
      n[k] = sign * v;
    }
    if (k === 6) {
      out.ftpDataIpv4 = ((n[0] << 24) | (n[1] << 16) | (n[2] << 8) | n[3]) >>> 0;
      out.ftpDataPort = ((n[4] & 0xff) << 8) | (n[5] & 0xff);
      return true;
    }
    while (p < end && isDigit(dv.getUint8(p))) p++;
  }
  return false;
}

/** RFC 2428 delimiters: printable, not a digit, hex letter, '.' or ':' (packet-ftp.c isvalid_rfc2428_delimiter). */
function isDelimiter(c: number): boolean {
  if (c <= 0x20 || c >= 0x7f) return false;
  const lower = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  return !isDigit(c) && !(lower >= 0x61 && lower <= 0x66) && c !== 0x2e && c !== 0x3a;
}

/**
 * packet-ftp.c parse_extended_pasv_response: after the first '(' up to three copies of one delimiter, then the port
 * as ws_strtou16 reads it (blanks skipped, no sign; above 65535 it is 65535 and invalid; no digits, 0 and invalid),
 * an invalid port still taken when a '|' follows it, and a ')' somewhere after.
 */
function readExtendedPort(dv: DataView, at: number, end: number, out: DecodedPacket): boolean {
  let p = at;
  while (p < end && dv.getUint8(p) !== 0x28) p++;
  if (p >= end) return false;
  p++;
  let delimiter = 0;
  for (let k = 0; k < 3 && p < end; k++) {
    const c = dv.getUint8(p);
    if (delimiter === 0 && isDelimiter(c)) delimiter = c;
    if (c !== delimiter) break;
    p++;
  }
  if (p >= end) return false;
  let q = p, port = 0, digits = 0;
  if (dv.getUint8(p) !== 0x2b && dv.getUint8(p) !== 0x2d) {
    while (q < end && isSpace(dv.getUint8(q))) q++;
    while (q < end && isDigit(dv.getUint8(q))) { port = Math.min(port * 10 + dv.getUint8(q++) - ZERO, 0x10000); digits++; }
    if (digits === 0) q = p;
  }
  const valid = (digits > 0 && port <= 0xffff) || (q < end && dv.getUint8(q) === 0x7c);
  let close = p;
  while (close < end && dv.getUint8(close) !== 0x29) close++;
  if (!valid || close >= end) return false;
  out.ftpDataPort = Math.min(port, 0xffff);
  return true;
}
