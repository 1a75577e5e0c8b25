/**
 * C's printf("%.Nf") for a non-negative double: JavaScript's toFixed rounds an exact tie up, glibc's printf to
 * even (1294817595.6494140625 with 9 digits → …062; 100.125 with 2 → 100.12). tshark, tcpdump and capinfos all
 * print through glibc, so what they print is matched here.
 */
export function printfFixed(x: number, digits: number): string {
  const exact = x.toFixed(Math.min(100, digits + 60)), dot = exact.indexOf('.');
  if (dot < 0 || !/^50*$/.test(exact.slice(dot + digits + 1))) return x.toFixed(digits);
  const kept = exact.slice(0, digits === 0 ? dot : dot + digits + 1);
  return Number(kept.at(-1)) % 2 === 0 ? kept : x.toFixed(digits);
}
