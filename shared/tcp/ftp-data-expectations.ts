/**
 * Data connections announced on FTP control connections (shared/wire/ftp-data-line.ts), kept as tshark keeps them:
 * a conversation with one endpoint (address and port) and the other's address, its port open. The first TCP packet
 * between them finds that conversation, so to packet-tcp.c the connection is not new and a pure SYN opening it adds
 * nothing to tcp.completeness (30 where a connection of its own shows 31). Matching follows epan/conversation.c
 * find_conversation: the newest announcement first, from either end. A matched announcement is used up (tshark
 * fills in the open port); at most CAPACITY wait, the oldest dropped first, so a hostile control stream cannot
 * grow the table.
 */
import type { DecodedPacket } from '../wire/decoded-packet';
import { FtpData } from '../wire/ftp-data-line';

const CAPACITY = 256;

export class FtpDataExpectations {
  /** Per entry: address length (4/16, 0 = free), the first endpoint's port, the two addresses (16 bytes each). */
  private readonly addrLen = new Uint8Array(CAPACITY);
  private readonly port1 = new Uint16Array(CAPACITY);
  private readonly addr1 = new Uint8Array(CAPACITY * 16);
  private readonly addr2 = new Uint8Array(CAPACITY * 16);
  /** Next entry to write (a ring: the oldest is overwritten). */
  private next = 0;
  private size = 0;

  /** Records what `pkt` (with ftpData set) announced; its addresses are read from `dv`. */
  expect(dv: DataView, pkt: DecodedPacket): void {
    const e = this.next;
    this.next = (this.next + 1) % CAPACITY;
    this.size = Math.min(this.size + 1, CAPACITY);
    const len = pkt.addrLen;
    const kind = pkt.ftpData;
    if ((kind === FtpData.passive || kind === FtpData.active) && len !== 4) { this.addrLen[e] = 0; return; }   // an IPv4 text address
    this.addrLen[e] = len;
    if (kind === FtpData.passive) {
      this.writeIpv4(this.addr1, e, pkt.ftpDataIpv4); copy(dv, pkt.dstAddrOffset, len, this.addr2, e);
    } else if (kind === FtpData.active) {
      copy(dv, pkt.dstAddrOffset, len, this.addr1, e); this.writeIpv4(this.addr2, e, pkt.ftpDataIpv4);
    } else {
      copy(dv, pkt.srcAddrOffset, len, this.addr1, e); copy(dv, pkt.dstAddrOffset, len, this.addr2, e);
    }
    this.port1[e] = pkt.ftpDataPort;
  }

  /**
   * Whether the first packet of a new TCP flow, `pkt`, opens an announced data connection: from the announced endpoint
   * to the other address, or to the announced endpoint from it. Uses the announcement up.
   */
  claims(dv: DataView, pkt: DecodedPacket): boolean {
    if (this.size === 0) return false;
    for (let k = 1; k <= this.size; k++) {
      const e = (this.next - k + CAPACITY) % CAPACITY;
      if (this.addrLen[e] !== pkt.addrLen) continue;
      const fromAnnounced = this.port1[e] === pkt.srcPort && this.same(this.addr1, e, dv, pkt.srcAddrOffset) && this.same(this.addr2, e, dv, pkt.dstAddrOffset);
      const toAnnounced = this.port1[e] === pkt.dstPort && this.same(this.addr1, e, dv, pkt.dstAddrOffset) && this.same(this.addr2, e, dv, pkt.srcAddrOffset);
      if (fromAnnounced || toAnnounced) { this.addrLen[e] = 0; return true; }
    }
    return false;
  }

  private same(table: Uint8Array, e: number, dv: DataView, at: number): boolean {
    const len = this.addrLen[e];
    for (let k = 0; k < len; k++) if (table[e * 16 + k] !== dv.getUint8(at + k)) return false;
    return true;
  }

  private writeIpv4(table: Uint8Array, e: number, ip: number): void {
    table[e * 16] = ip >>> 24; table[e * 16 + 1] = (ip >>> 16) & 0xff; table[e * 16 + 2] = (ip >>> 8) & 0xff; table[e * 16 + 3] = ip & 0xff;
  }
}

function copy(dv: DataView, at: number, len: number, table: Uint8Array, e: number): void {
  for (let k = 0; k < len; k++) table[e * 16 + k] = dv.getUint8(at + k);
}
