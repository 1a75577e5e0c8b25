/**
 * tcpdump -nn -vv text for one packet (tcpdump 4.99.3 is the oracle): timestamp, link-layer prefix, the IP
 * line and the TCP line exactly as tcpdump writes them, ending after "length N" (payload dissectors such as
 * HTTP or DNS are not reproduced). ICMP and ICMPv6 are printed as tcpdump does (tcpdump-icmp.ts,
 * tcpdump-icmp6.ts); UDP and ARP get a short tcpdump-like summary.
 *
 * A `TcpdumpFormatter` is stateful like tcpdump itself: relative sequence numbers depend on the packets
 * formatted before, so use one formatter per file and feed it, in file order, exactly the packets that are
 * printed (with a filter, tcpdump's tcp_print only sees the packets that pass it).
 */
import type { CaptureInterface } from '../capture-file/capture-interface';
import type { CaptureRecord } from '../capture-file/capture-record';
import type { DecodedPacket } from '../wire/decoded-packet';
import { TcpdumpContext } from './tcpdump-context';
import { printLink, type InterfaceNamer } from './tcpdump-link';
import { TcpdumpSeqTable } from './tcpdump-seq-table';
import { formatTcpdumpTime, type TcpdumpTimeFormat } from './tcpdump-time';

export type { TcpdumpTimeFormat } from './tcpdump-time';
export type { InterfaceNamer } from './tcpdump-link';

export interface TcpdumpFormatOptions {
  /** 'hms' (default, UTC) or 'epoch' (-tt). */
  time?: TcpdumpTimeFormat;
  /** -S: absolute sequence numbers. */
  absoluteSeq?: boolean;
  /** Resolves Linux SLL2 interface indexes to names (tcpdump uses the local host's if_indextoname). */
  interfaceName?: InterfaceNamer;
  /**
   * The reader's description of a record's interface. Used as libpcap does before tcpdump sees a record: a
   * record longer than the snapshot length is cut to it (sf-pcap.c; our readers keep such bytes, as wiretap
   * does), and a nanosecond pcap's fraction is read as a signed 32-bit number.
   */
  interfaceOf?: (iface: number) => CaptureInterface | undefined;
}

export class TcpdumpFormatter {
  private readonly ctx = new TcpdumpContext();
  private readonly seqTable = new TcpdumpSeqTable();
  private readonly time: TcpdumpTimeFormat;
  private readonly absoluteSeq: boolean;
  private readonly interfaceName: InterfaceNamer | undefined;
  private readonly interfaceOf: ((iface: number) => CaptureInterface | undefined) | undefined;

  constructor(options: TcpdumpFormatOptions = {}) {
    this.time = options.time ?? 'hms';
    this.absoluteSeq = options.absoluteSeq ?? false;
    this.interfaceName = options.interfaceName;
    this.interfaceOf = options.interfaceOf;
  }

  /** The text tcpdump prints for this packet, without the trailing newline (IPv4 TCP spans two lines). */
  format(record: CaptureRecord, decoded: DecodedPacket): string {
    const invalid = invalidHeader(this.capturedLength(record), record.origLen);
    if (invalid) return invalid;
    const nanoPcap = this.interfaceOf?.(record.iface)?.tsresol === 9;
    const t = record.rawTimestamp ?? record;      // tcpdump prints a damaged fraction as the file holds it
    const time = formatTcpdumpTime(t.tsSec, t.tsNsec, this.time, nanoPcap);
    return `${time} ${this.formatPacket(record, decoded)}`;
  }

  /** Everything after the timestamp and its space. */
  formatPacket(record: CaptureRecord, decoded: DecodedPacket): string {
    const ctx = this.ctx;
    ctx.reset(record.view, record.at + this.capturedLength(record));
    printLink(ctx, record.linkType, record.at, record.origLen, decoded, {
      tcp: { absoluteSeq: this.absoluteSeq, seqTable: this.seqTable },
      interfaceName: this.interfaceName,
    });
    return ctx.finish();
  }

  /** The captured length tcpdump sees: cut to the snapshot length by libpcap. */
  private capturedLength(record: CaptureRecord): number {
    const snaplen = this.interfaceOf?.(record.iface)?.snaplen ?? 0;
    return snaplen > 0 ? Math.min(record.capLen, snaplen) : record.capLen;
  }

  /** Forgets the per-connection sequence bases (start of a new file). */
  reset(): void {
    this.seqTable.clear();
  }
}

/** tcpdump's MAXIMUM_SNAPLEN: larger lengths are an invalid record header. */
const MAXIMUM_SNAPLEN = 262144;

/** pretty_print_packet's sanity checks: "[Invalid header: …]" (printed without a timestamp), or null. */
function invalidHeader(capLen: number, len: number): string | null {
  const problems: string[] = [];
  if (capLen === 0) problems.push(' caplen==0');
  if (len === 0) problems.push(' len==0');
  else if (len < capLen) problems.push(` len(${len}) < caplen(${capLen})`);
  if (capLen > MAXIMUM_SNAPLEN) problems.push(` caplen(${capLen}) > ${MAXIMUM_SNAPLEN}`);
  if (len > MAXIMUM_SNAPLEN) problems.push(` len(${len}) > ${MAXIMUM_SNAPLEN}`);
  return problems.length ? `[Invalid header:${problems.join(',')}]` : null;
}
