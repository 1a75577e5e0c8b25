/**
 * Addresses the way tcpdump -n writes them: dotted quads for IPv4 and tcpdump's own addrtostr6
 * (addrtostr.c) for IPv6 — the longest run of two or more zero words becomes "::" (the first run wins a
 * tie), words in lower-case hex without leading zeros, and "::a.b.c.d" / "::ffff:a.b.c.d" for IPv4-compatible
 * and IPv4-mapped addresses.
 */

/** Dotted quad of the 4 bytes at `at`. */
export function ipv4String(view: DataView, at: number): string {
  return `${view.getUint8(at)}.${view.getUint8(at + 1)}.${view.getUint8(at + 2)}.${view.getUint8(at + 3)}`;
}

/** tcpdump's addrtostr6 of the 16 bytes at `at`. */
export function ipv6String(view: DataView, at: number): string {
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push(view.getUint16(at + 2 * i));
  const [bestBase, bestLen] = longestZeroRun(words);
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (bestBase !== -1 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))) {
      return out + ipv4String(view, at + 12);
    }
    out += words[i].toString(16);
  }
  if (bestBase !== -1 && bestBase + bestLen === 8) out += ':';
  return out;
}

/** [base, len] of the first longest run of zero words; base -1 when no run of length ≥ 2. */
function longestZeroRun(words: number[]): [number, number] {
  let bestBase = -1, bestLen = 0, curBase = -1, curLen = 0;
  for (let i = 0; i < 8; i++) {
    if (words[i] === 0) {
      if (curBase === -1) { curBase = i; curLen = 1; } else curLen++;
    } else if (curBase !== -1) {
      if (bestBase === -1 || curLen > bestLen) { bestBase = curBase; bestLen = curLen; }
      curBase = -1;
    }
  }
  if (curBase !== -1 && (bestBase === -1 || curLen > bestLen)) { bestBase = curBase; bestLen = curLen; }
  if (bestBase !== -1 && bestLen < 2) bestBase = -1;
  return [bestBase, bestLen];
}
