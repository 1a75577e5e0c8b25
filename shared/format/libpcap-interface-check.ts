/**
 * What libpcap 1.10's pcapng reader (sf-pcapng.c, pcap_ng_next_packet) refuses part-way through a file: an
 * interface whose link type, or snapshot length (0 and above INT_MAX count as the link type's maximum,
 * pcap_adjust_snapshot), differs from the first interface's, or a section in the other byte order (its block length
 * read in the first order is too large). tcpdump then
 * stops with "pcap_loop: …" after the packets before it; the tcpdump-style listing of `synack-capture read` does
 * the same, so its output stays tcpdump's.
 */
import type { CaptureInterface } from '../capture-file/capture-interface';
import { maxCaplenFor } from '../capture-file/capture-problem';

const INT_MAX = 0x7fffffff;

const adjustedSnaplen = (linkType: number, snaplen: number): number =>
  (snaplen === 0 || snaplen > INT_MAX ? maxCaplenFor(linkType) : snaplen);

/** libpcap's message for `next` read after `first`, or null when it reads on. */
export function libpcapInterfaceProblem(first: CaptureInterface, next: CaptureInterface): string | null {
  // libpcap reads the new section's block length in the old byte order and fails on its size.
  if (next.littleEndian !== first.littleEndian) return 'a section is in the other byte order (libpcap: "pcapng block size … > maximum")';
  if (next.linkType !== first.linkType) return `an interface has a type ${next.linkType} different from the type of the first interface`;
  if (adjustedSnaplen(first.linkType, next.snaplen) !== adjustedSnaplen(first.linkType, first.snaplen)) {
    return `an interface has a snapshot length ${next.snaplen} different from the snapshot length of the first interface`;
  }
  return null;
}

/** Checks each interface once, as the reader adds them; `problem` is set at the first one libpcap refuses. */
export class LibpcapInterfaceCheck {
  problem: string | null = null;
  private checked = 1;

  /** False once libpcap would have stopped (call before handling each record). */
  readOn(interfaces: readonly CaptureInterface[]): boolean {
    while (this.problem === null && this.checked < interfaces.length) {
      this.problem = libpcapInterfaceProblem(interfaces[0], interfaces[this.checked++]);
    }
    return this.problem === null;
  }
}
