/**
 * tcpdump -nn -vv text for one packet (tcpdump 4.99.3 is the oracle): timestamp, link-layer prefix, the IP
 * line and the TCP line exactly as tcpdump writes them, ending after "length N" (payload dissectors such as
 * HTTP or DNS are not reproduced). UDP, ICMP and ARP get a short tcpdump-like summary.
 *
 * A `TcpdumpFormatter` is stateful like tcpdump itself: relative sequence numbers depend on the packets
 * formatted before, so use one formatter per file and feed it every packet in file order (also the ones a
 * filter hides, as tcpdump does not — see `observe` — only matched packets reach tcp_print).
 */
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
}

export class TcpdumpFormatter {
  private readonly ctx = new TcpdumpContext();
  private readonly seqTable = new TcpdumpSeqTable();
  private readonly time: TcpdumpTimeFormat;
  private readonly absoluteSeq: boolean;
  private readonly interfaceName: InterfaceNamer | undefined;

  constructor(options: TcpdumpFormatOptions = {}) {
    this.time = options.time ?? 'hms';
    this.absoluteSeq = options.absoluteSeq ?? false;
    this.interfaceName = options.interfaceName;
  }

  /** The text tcpdump prints for this packet, without the trailing newline (IPv4 TCP spans two lines). */
  format(record: CaptureRecord, decoded: DecodedPacket): string {
    return `${formatTcpdumpTime(record.tsSec, record.tsNsec, this.time)} ${this.formatPacket(record, decoded)}`;
  }

  /** Everything after the timestamp and its space. */
  formatPacket(record: CaptureRecord, decoded: DecodedPacket): string {
    const ctx = this.ctx;
    ctx.reset(record.view, record.at + record.capLen);
    printLink(ctx, record.linkType, record.at, record.origLen, decoded, {
      tcp: { absoluteSeq: this.absoluteSeq, seqTable: this.seqTable },
      interfaceName: this.interfaceName,
    });
    return ctx.finish();
  }

  /** Forgets the per-connection sequence bases (start of a new file). */
  reset(): void {
    this.seqTable.clear();
  }
}
