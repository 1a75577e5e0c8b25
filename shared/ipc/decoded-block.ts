/**
 * A block of decoded records, the unit a decode thread hands to the thread that runs the TCP tracker
 * (electron/capture/decode-thread.ts → CapturePipeline.pushBlock). Per record it carries what the tracker
 * and the frame index read: the CaptureRecord's numbers, every DecodedPacket field, and the packet's header
 * bytes — not its payload, which nothing after the decoder reads — so a block is a few flat typed arrays
 * that cross threads by transfer, and a consumer rebuilds one reused record/packet pair per slot without
 * allocating.
 *
 * Offsets in a DecodedPacket are absolute positions in the view it was decoded from; in a block they are
 * rebased onto the block's byte area, where each record's copied bytes start at its slot's `at`.
 */
import type { CaptureRecord } from '../capture-file/capture-record';
import type { DecodedPacket } from '../wire/decoded-packet';

/** Int32 fields per slot (record + packet, see writeSlot); the last 8 hold up to 4 SACK blocks. */
export const BLOCK_INTS = 61;
const SACK_AT = 53;
/** Index of the frame number within a slot (a consumer may skip slots by it without unpacking them). */
export const BLOCK_FRAME = 6;
/**
 * Float64 fields per slot: tsSec, fileOffset, raw tsSec, raw tsNsec (NaN when the timestamp was not damaged),
 * and the lengths an IPv6 jumbogram may take past 2^31: ipTotalLen, l4Len, payloadLen.
 */
export const BLOCK_NUMS = 7;
/** Bytes copied after an IP packet's transport header for protocols without a payload offset (ICMP, GRE …). */
const OTHER_TRANSPORT_BYTES = 8;
/** Bytes copied of a frame without IP (nothing reads them; a little helps a debugger). */
const NON_IP_BYTES = 64;

export interface DecodedBlock {
  /** Records in the block. */
  count: number;
  /** Bytes of `bytes` in use. */
  bytesUsed: number;
  ints: Int32Array;
  nums: Float64Array;
  bytes: Uint8Array;
}

export function allocateBlock(slots: number, byteCapacity: number): DecodedBlock {
  return { count: 0, bytesUsed: 0, ints: new Int32Array(slots * BLOCK_INTS), nums: new Float64Array(slots * BLOCK_NUMS), bytes: new Uint8Array(byteCapacity) };
}

/** The buffers to list as transferables when posting a block. */
export function blockTransferList(b: DecodedBlock): ArrayBuffer[] {
  return [b.ints.buffer as ArrayBuffer, b.nums.buffer as ArrayBuffer, b.bytes.buffer as ArrayBuffer];
}

export function blockSlots(b: DecodedBlock): number { return b.ints.length / BLOCK_INTS; }

/** How many bytes of the record the tracker may read: through the transport header, never the payload. */
function headerBytes(rec: CaptureRecord, pkt: DecodedPacket): number {
  let end: number;
  if (pkt.l3 === 0) end = rec.at + NON_IP_BYTES;
  else if (pkt.tcp || pkt.udp) end = Math.max(pkt.payloadOffset, pkt.l4Offset);
  else end = pkt.l4Offset + OTHER_TRANSPORT_BYTES;
  // The flow table reads the addresses, even when a broken header stopped the decoder before the transport.
  if (pkt.l3 !== 0) end = Math.max(end, pkt.srcAddrOffset + pkt.addrLen, pkt.dstAddrOffset + pkt.addrLen);
  return Math.max(0, Math.min(end, pkt.capEnd, rec.at + rec.capLen) - rec.at);
}

/**
 * Appends a record to the block. Returns false (block unchanged) when it is full: no slot left, or its byte
 * area cannot hold this record's header bytes (callers post the block and retry with an empty one; an empty
 * block whose area is too small is grown, which only a record with kilobytes of headers needs).
 */
export function appendToBlock(b: DecodedBlock, rec: CaptureRecord, pkt: DecodedPacket): boolean {
  const n = headerBytes(rec, pkt);
  if (b.count === blockSlots(b)) return false;
  if (b.bytesUsed + n > b.bytes.length) {
    if (b.count > 0) return false;
    b.bytes = new Uint8Array(n);
  }
  const at = b.bytesUsed;
  b.bytes.set(rec.bytes.subarray(rec.at, rec.at + n), at);
  writeSlot(b, b.count, rec, pkt, at - rec.at);
  b.bytesUsed = at + n;
  b.count++;
  return true;
}

/** An offset field rebased by `delta` (−1 means "absent" and stays). */
const rebase = (offset: number, delta: number): number => (offset < 0 ? offset : offset + delta);

function writeSlot(b: DecodedBlock, slot: number, rec: CaptureRecord, p: DecodedPacket, delta: number): void {
  const i = b.ints, o = slot * BLOCK_INTS, f = b.nums, fo = slot * BLOCK_NUMS;
  f[fo] = rec.tsSec; f[fo + 1] = rec.fileOffset;
  f[fo + 2] = rec.rawTimestamp ? rec.rawTimestamp.tsSec : NaN; f[fo + 3] = rec.rawTimestamp ? rec.rawTimestamp.tsNsec : NaN;
  i[o] = rec.at + delta; i[o + 1] = rec.capLen; i[o + 2] = rec.origLen; i[o + 3] = rec.tsNsec;
  i[o + 4] = rec.iface; i[o + 5] = rec.linkType; i[o + 6] = rec.frame; i[o + 7] = rec.hasTimestamp === false ? 0 : 1;
  i[o + 8] = p.linkType; i[o + 9] = rebase(p.frameOffset, delta); i[o + 10] = rebase(p.capEnd, delta);
  i[o + 11] = p.vlanTags; i[o + 12] = p.vlanId; i[o + 13] = p.l3; i[o + 14] = rebase(p.ipOffset, delta);
  i[o + 15] = rebase(p.outerIpOffset, delta); i[o + 16] = rebase(p.firstIpv4Offset, delta);
  i[o + 17] = rebase(p.firstIpv6Offset, delta); i[o + 18] = p.tunnelDepth; i[o + 19] = p.inIcmpError ? 1 : 0;
  i[o + 20] = p.ipHeaderLen; f[fo + 4] = p.ipTotalLen; i[o + 22] = rebase(p.srcAddrOffset, delta);
  i[o + 23] = rebase(p.dstAddrOffset, delta); i[o + 24] = p.addrLen; i[o + 25] = p.ipProto;
  i[o + 26] = p.isLaterFragment ? 1 : 0; i[o + 27] = p.isFirstFragment ? 1 : 0; i[o + 28] = rebase(p.l4Offset, delta);
  f[fo + 5] = p.l4Len; i[o + 30] = p.tcp ? 1 : 0; i[o + 31] = p.srcPort; i[o + 32] = p.dstPort;
  i[o + 33] = p.seq; i[o + 34] = p.ack; i[o + 35] = p.tcpFlags; i[o + 36] = p.window; i[o + 37] = p.urgentPointer;
  i[o + 38] = p.tcpHeaderLen; i[o + 39] = rebase(p.payloadOffset, delta); f[fo + 6] = p.payloadLen;
  i[o + 41] = p.payloadCaptured; i[o + 42] = p.mss; i[o + 43] = p.windowScale; i[o + 44] = p.sackPermitted ? 1 : 0;
  i[o + 45] = p.hasTimestamp ? 1 : 0; i[o + 46] = p.tsVal; i[o + 47] = p.tsEcr; i[o + 48] = p.sackCount;
  i[o + 49] = p.tcpChecksumStatus | (p.udp ? 4 : 0) | (p.arp ? 8 : 0); i[o + 50] = p.tcpChecksumShouldBe;
  i[o + 51] = p.problem; i[o + 52] = rebase(p.problemOffset, delta);
  for (let k = 0; k < p.sackCount * 2; k++) i[o + SACK_AT + k] = p.sackEdges[k];
}

/**
 * Fills `rec` and `pkt` (reused objects) from slot `slot`: `rec.bytes`/`rec.view` become the block's byte
 * area, offsets point into it.
 */
export function readSlot(b: DecodedBlock, slot: number, view: DataView, rec: CaptureRecord, p: DecodedPacket): void {
  const i = b.ints, o = slot * BLOCK_INTS, f = b.nums, fo = slot * BLOCK_NUMS;
  rec.bytes = b.bytes; rec.view = view;
  rec.tsSec = f[fo]; rec.fileOffset = f[fo + 1];
  rec.rawTimestamp = Number.isNaN(f[fo + 2]) ? undefined : { tsSec: f[fo + 2], tsNsec: f[fo + 3] };
  rec.at = i[o]; rec.capLen = i[o + 1]; rec.origLen = i[o + 2]; rec.tsNsec = i[o + 3];
  rec.iface = i[o + 4]; rec.linkType = i[o + 5]; rec.frame = i[o + 6]; rec.hasTimestamp = i[o + 7] === 1;
  p.linkType = i[o + 8]; p.frameOffset = i[o + 9]; p.capEnd = i[o + 10];
  p.vlanTags = i[o + 11]; p.vlanId = i[o + 12]; p.l3 = i[o + 13] as 0 | 4 | 6; p.ipOffset = i[o + 14];
  p.outerIpOffset = i[o + 15]; p.firstIpv4Offset = i[o + 16];
  p.firstIpv6Offset = i[o + 17]; p.tunnelDepth = i[o + 18]; p.inIcmpError = i[o + 19] === 1;
  p.ipHeaderLen = i[o + 20]; p.ipTotalLen = f[fo + 4]; p.srcAddrOffset = i[o + 22];
  p.dstAddrOffset = i[o + 23]; p.addrLen = i[o + 24] as 4 | 16; p.ipProto = i[o + 25];
  p.isLaterFragment = i[o + 26] === 1; p.isFirstFragment = i[o + 27] === 1; p.l4Offset = i[o + 28];
  p.l4Len = f[fo + 5]; p.tcp = i[o + 30] === 1; p.srcPort = i[o + 31]; p.dstPort = i[o + 32];
  p.seq = i[o + 33] >>> 0; p.ack = i[o + 34] >>> 0; p.tcpFlags = i[o + 35]; p.window = i[o + 36]; p.urgentPointer = i[o + 37];
  p.tcpHeaderLen = i[o + 38]; p.payloadOffset = i[o + 39]; p.payloadLen = f[fo + 6];
  p.payloadCaptured = i[o + 41]; p.mss = i[o + 42]; p.windowScale = i[o + 43]; p.sackPermitted = i[o + 44] === 1;
  p.hasTimestamp = i[o + 45] === 1; p.tsVal = i[o + 46] >>> 0; p.tsEcr = i[o + 47] >>> 0; p.sackCount = i[o + 48];
  const bits = i[o + 49];
  p.tcpChecksumStatus = (bits & 3) as 0 | 1 | 2; p.udp = (bits & 4) !== 0; p.arp = (bits & 8) !== 0;
  p.tcpChecksumShouldBe = i[o + 50]; p.problem = i[o + 51]; p.problemOffset = i[o + 52];
  for (let k = 0; k < p.sackCount * 2; k++) p.sackEdges[k] = i[o + SACK_AT + k];
}
