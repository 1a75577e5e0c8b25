/**
 * Checksums exactly as tcpdump reports them (in_cksum.c, print-ip.c nextproto4_cksum, print-ip6.c
 * nextproto6_cksum): a one's-complement sum (RFC 1071) whose result 0 means "correct", and
 * in_cksum_shouldbe() for the value that would have made it correct. The pseudo-header destination follows
 * a source route (IPv4 LSRR/SSRR, IPv6 routing header) the way ip_finddst/ip6_finddst do.
 * Callers check that every byte summed was captured.
 */

/** Adds the big-endian 16-bit words of bytes [at, at+len) to `sum` (odd tail padded with zero). */
export function sumWords(view: DataView, at: number, len: number, sum: number): number {
  const end = at + len;
  let i = at;
  for (; i + 1 < end; i += 2) sum += view.getUint16(i);
  if (i < end) sum += view.getUint8(i) << 8;
  // Fold often enough that the sum stays an exact integer.
  return (sum & 0xffff) + Math.floor(sum / 0x10000);
}

/** in_cksum: the complement of the folded sum; 0 when the data (including its checksum field) is correct. */
export function finishSum(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** in_cksum_shouldbe: what the checksum field should have held, given the field and in_cksum's result. */
export function checksumShouldBe(field: number, computed: number): number {
  let s = field + computed;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s & 0xffff;
}

/** nextproto4_cksum over `len` bytes of transport data at `dataAt`, for the IPv4 header at `ipAt`. */
export function ipv4TransportChecksum(view: DataView, ipAt: number, dataAt: number, len: number, proto: number): number {
  let sum = sumWords(view, ipAt + 12, 4, 0);
  sum = sumWords(view, ipv4FinalDestination(view, ipAt), 4, sum);
  sum += proto + (len & 0xffff);
  return finishSum(sumWords(view, dataAt, len, sum));
}

/** ip_finddst: the last address of a valid LSRR/SSRR option, else the header's destination. */
function ipv4FinalDestination(view: DataView, ipAt: number): number {
  const hlen = (view.getUint8(ipAt) & 0x0f) * 4;
  let at = ipAt + 20;
  const end = ipAt + hlen;
  while (at < end) {
    const kind = view.getUint8(at);
    if (kind === 0) break;
    let len = 1;
    if (kind !== 1) {
      if (at + 1 >= end) break;
      len = view.getUint8(at + 1);
      if (len < 2) break;
    }
    if (end - at < len) break;
    // 131 LSRR, 137 SSRR (RFC 791 §3.1)
    if ((kind === 131 || kind === 137) && len >= 7) return at + len - 4;
    at += len;
  }
  return ipAt + 16;
}

/** nextproto6_cksum over `len` bytes at `dataAt`, for the IPv6 header at `ipAt` (captured up to `capEnd`). */
export function ipv6TransportChecksum(view: DataView, ipAt: number, dataAt: number, len: number, proto: number,
  capEnd: number): number {
  let sum = sumWords(view, ipAt + 8, 16, 0);
  sum = sumWords(view, ipv6FinalDestination(view, ipAt, capEnd), 16, sum);
  sum += Math.floor(len / 0x10000) + (len & 0xffff) + proto;
  return finishSum(sumWords(view, dataAt, len, sum));
}

/** ip6_finddst: the final segment of a type 0/2/4 routing header, else the header's destination. */
function ipv6FinalDestination(view: DataView, ipAt: number, capEnd: number): number {
  let nh = view.getUint8(ipAt + 6);
  let at = ipAt + 40;
  while (at + 8 <= capEnd) {
    if (nh === 0 || nh === 60 || nh === 135 || nh === 62) {
      nh = view.getUint8(at);
      at += (view.getUint8(at + 1) + 1) * 8;
    } else if (nh === 44) {
      nh = view.getUint8(at);
      at += 8;
    } else if (nh === 43) {
      const len = view.getUint8(at + 1);
      const type = view.getUint8(at + 2);
      if (len % 2 === 1) return ipAt + 24;
      if (type === 0 || type === 2) {
        const n = len >> 1;
        const last = at + 8 + (n - 1) * 16;
        return n > 0 && last + 16 <= capEnd ? last : ipAt + 24;
      }
      if (type === 4 && at + 24 <= capEnd) return at + 8;
      return ipAt + 24;
    } else {
      break;
    }
  }
  return ipAt + 24;
}
