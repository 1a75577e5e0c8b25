/**
 * Per-direction tracker state (Wireshark's `tcp_flow_t` + `tcp_analyze_seq_flow_info_t`, packet-tcp.h) stored
 * as struct-of-arrays: one growable typed array per field, indexed by direction slot (stream × 2 + side), so a
 * direction costs ~120 bytes of typed storage instead of a JS object with ~45 fields and boxed numbers
 * (issue 4: ≤ 512 bytes per conversation). `TcpDirection` is a small flyweight (store + slot) with a getter and
 * setter per field, so the analysis reads like Wireshark's source (`fwd.nextseq`). Booleans are bits of one
 * Uint16Array; the last SACK blocks live in a separate slot table made on a direction's first SACK.
 */

/** Wireshark's "win_scale" values besides a shift count. */
export const WSCALE_UNKNOWN = -1, WSCALE_NONE = -2;
/** Edges kept per direction's last SACK: MAX_TCP_SACK_RANGES (4) (left, right) pairs. */
export const SACK_EDGES = 8;

const enum Bit {
  baseSet = 1, sawSyn = 2, sawSynAck = 4, sackPermitted = 8, timestamps = 16, tfo = 32, ecnSetup = 64, isFirstAck = 128, validBif = 256, finSeen = 512, finAcked = 1024,
  pushSetLast = 2048, sackInFlight = 4096, spanChanged = 8192, windowSeen = 16384,
}

/** The typed columns behind every TcpDirection of one tracker. */
export class DirectionStore {
  count = 0;
  private cap = 0;
  baseSeq = new Uint32Array(0);
  nextseq = new Uint32Array(0);
  nextseqFrame = new Uint32Array(0);
  maxSeqToBeAcked = new Uint32Array(0);
  lastAck = new Uint32Array(0);
  lastNonDupAck = new Uint32Array(0);
  stateFrame = new Uint32Array(0);
  finSeq = new Uint32Array(0);
  packets = new Uint32Array(0);
  malformed = new Uint32Array(0);
  pushBytesSent = new Uint32Array(0);
  window = new Uint16Array(0);
  winScale = new Int8Array(0);
  mss = new Int32Array(0);
  dupAckNum = new Uint32Array(0);
  segHead = new Int32Array(0);
  segCount = new Uint16Array(0);
  lastSegmentFlags = new Uint16Array(0);
  state = new Uint8Array(0);
  sackSlot = new Int32Array(0);
  nextseqSec = new Uint32Array(0);
  nextseqNsec = new Uint32Array(0);
  lastAckSec = new Uint32Array(0);
  lastAckNsec = new Uint32Array(0);
  bytes = new Float64Array(0);
  payload = new Float64Array(0);
  bits = new Uint16Array(0);
  /** SACK_EDGES raw edges per slot; slots are handed out on a direction's first SACK. */
  sackEdges = new Uint32Array(0);
  sackCount = new Uint8Array(0);
  private sackSlots = 0;

  constructor(initial = 1024) { this.grow(initial); }

  /** A fresh direction slot with every field at its initial value. */
  add(): number {
    if (this.count === this.cap) this.grow(this.cap * 2);
    const i = this.count++;
    this.winScale[i] = -1; this.mss[i] = -1; this.segHead[i] = -1; this.sackSlot[i] = -1;
    this.bits[i] = Bit.isFirstAck | Bit.validBif;
    return i;
  }

  /** The SACK slot of direction `i`, made on first use. */
  sackSlotOf(i: number): number {
    let s = this.sackSlot[i];
    if (s < 0) {
      s = this.sackSlot[i] = this.sackSlots++;
      if ((s + 1) * SACK_EDGES > this.sackEdges.length) {
        const next = new Uint32Array(Math.max(64, this.sackEdges.length * 2));
        next.set(this.sackEdges);
        this.sackEdges = next;
      }
    }
    return s;
  }

  /** Bytes held by the typed columns. */
  get heldBytes(): number {
    return this.cap * (15 * 4 + 4 * 4 + 3 * 2 + 2 * 1 + 2 * 8 + 2 + 1) + this.sackEdges.byteLength;
  }

  private grow(cap: number): void {
    const n = Math.max(cap, 16);
    this.baseSeq = grown(this.baseSeq, new Uint32Array(n));
    this.nextseq = grown(this.nextseq, new Uint32Array(n));
    this.nextseqFrame = grown(this.nextseqFrame, new Uint32Array(n));
    this.maxSeqToBeAcked = grown(this.maxSeqToBeAcked, new Uint32Array(n));
    this.lastAck = grown(this.lastAck, new Uint32Array(n));
    this.lastNonDupAck = grown(this.lastNonDupAck, new Uint32Array(n));
    this.stateFrame = grown(this.stateFrame, new Uint32Array(n));
    this.finSeq = grown(this.finSeq, new Uint32Array(n));
    this.packets = grown(this.packets, new Uint32Array(n));
    this.malformed = grown(this.malformed, new Uint32Array(n));
    this.pushBytesSent = grown(this.pushBytesSent, new Uint32Array(n));
    this.window = grown(this.window, new Uint16Array(n));
    this.winScale = grown(this.winScale, new Int8Array(n));
    this.mss = grown(this.mss, new Int32Array(n));
    this.dupAckNum = grown(this.dupAckNum, new Uint32Array(n));
    this.segHead = grown(this.segHead, new Int32Array(n));
    this.segCount = grown(this.segCount, new Uint16Array(n));
    this.lastSegmentFlags = grown(this.lastSegmentFlags, new Uint16Array(n));
    this.state = grown(this.state, new Uint8Array(n));
    this.sackSlot = grown(this.sackSlot, new Int32Array(n));
    this.nextseqSec = grown(this.nextseqSec, new Uint32Array(n));
    this.nextseqNsec = grown(this.nextseqNsec, new Uint32Array(n));
    this.lastAckSec = grown(this.lastAckSec, new Uint32Array(n));
    this.lastAckNsec = grown(this.lastAckNsec, new Uint32Array(n));
    this.bytes = grown(this.bytes, new Float64Array(n));
    this.payload = grown(this.payload, new Float64Array(n));
    this.bits = grown(this.bits, new Uint16Array(n));
    this.sackCount = grown(this.sackCount, new Uint8Array(n));
    this.cap = n;
  }
}

function grown<T extends Uint32Array | Int32Array | Float64Array | Uint16Array | Uint8Array | Int8Array>(old: T, fresh: T): T {
  fresh.set(old as never);
  return fresh;
}

/** One direction of a conversation: a view of slot `i` of a DirectionStore (TcpConversation.moveTo moves it). */
export class TcpDirection {
  constructor(private readonly s: DirectionStore, public i: number) {}

  /** Base (ISN or first seq − 1) for relative numbers; valid when baseSet. */
  get baseSeq(): number { return this.s.baseSeq[this.i]; } set baseSeq(v: number) { this.s.baseSeq[this.i] = v; }
  /** Highest seq+len(+SYN/FIN) sent; 0 = unset (Wireshark's convention). */
  get nextseq(): number { return this.s.nextseq[this.i]; } set nextseq(v: number) { this.s.nextseq[this.i] = v; }
  get nextseqFrame(): number { return this.s.nextseqFrame[this.i]; } set nextseqFrame(v: number) { this.s.nextseqFrame[this.i] = v; }
  /** Highest contiguous sequence number to be ACKed; 0 = unset. */
  get maxSeqToBeAcked(): number { return this.s.maxSeqToBeAcked[this.i]; } set maxSeqToBeAcked(v: number) { this.s.maxSeqToBeAcked[this.i] = v; }
  /** Last ACK value this side sent (its time: lastAckSec/lastAckNsec; lastNonDupAck: frame of the last ACK that was not a duplicate). */
  get lastAck(): number { return this.s.lastAck[this.i]; } set lastAck(v: number) { this.s.lastAck[this.i] = v; }
  get lastNonDupAck(): number { return this.s.lastNonDupAck[this.i]; } set lastNonDupAck(v: number) { this.s.lastNonDupAck[this.i] = v; }
  get stateFrame(): number { return this.s.stateFrame[this.i]; } set stateFrame(v: number) { this.s.stateFrame[this.i] = v; }
  /** Sequence number of this side's FIN (raw); finSeen / finAcked: seen, ACKed by the peer. */
  get finSeq(): number { return this.s.finSeq[this.i]; } set finSeq(v: number) { this.s.finSeq[this.i] = v; }
  /** Counters for the conversation table (packets, bytes, payload). */
  get packets(): number { return this.s.packets[this.i]; } set packets(v: number) { this.s.packets[this.i] = v; }
  /** Segments with a decode problem (not counted above, as tshark's conversation table skips them). */
  get malformed(): number { return this.s.malformed[this.i]; } set malformed(v: number) { this.s.malformed[this.i] = v; }
  /** Bytes sent since this side's last PSH segment (bytes-in-flight.ts); pushSetLast: its previous segment had PSH. */
  get pushBytesSent(): number { return this.s.pushBytesSent[this.i]; } set pushBytesSent(v: number) { this.s.pushBytesSent[this.i] = v; }
  /** Last raw 16-bit window sent by this side, -1 before the first packet. */
  get window(): number { return this.s.bits[this.i] & Bit.windowSeen ? this.s.window[this.i] : -1; }
  set window(v: number) {
    if (v < 0) { this.s.bits[this.i] &= ~Bit.windowSeen; return; }
    this.s.window[this.i] = v; this.s.bits[this.i] |= Bit.windowSeen;
  }
  /** Window-scale shift announced by this side, or WSCALE_UNKNOWN / WSCALE_NONE. */
  get winScale(): number { return this.s.winScale[this.i]; } set winScale(v: number) { this.s.winScale[this.i] = v; }
  get mss(): number { return this.s.mss[this.i]; } set mss(v: number) { this.s.mss[this.i] = v; }
  get dupAckNum(): number { return this.s.dupAckNum[this.i]; } set dupAckNum(v: number) { this.s.dupAckNum[this.i] = v; }
  /** Head of this side's unacknowledged segments in the SegmentPool (-1 none), and how many (segCount). */
  get segHead(): number { return this.s.segHead[this.i]; } set segHead(v: number) { this.s.segHead[this.i] = v; }
  get segCount(): number { return this.s.segCount[this.i]; } set segCount(v: number) { this.s.segCount[this.i] = v; }
  /** TCP_A_* bits of this side's previous packet. */
  get lastSegmentFlags(): number { return this.s.lastSegmentFlags[this.i]; } set lastSegmentFlags(v: number) { this.s.lastSegmentFlags[this.i] = v; }
  /** RFC 9293 state (EndpointState) after the last packet; stateFrame: the frame that caused it. */
  get state(): number { return this.s.state[this.i]; } set state(v: number) { this.s.state[this.i] = v; }
  /** Slot of this side's last SACK blocks in the store (-1: never sent SACK); sackCount blocks in it. */
  get sackSlot(): number { return this.s.sackSlot[this.i]; } set sackSlot(v: number) { this.s.sackSlot[this.i] = v; }
  /** Capture time (seconds mod 2^32, ns: nstime.ts) of the segment that last advanced nextseq. */
  get nextseqSec(): number { return this.s.nextseqSec[this.i]; } set nextseqSec(v: number) { this.s.nextseqSec[this.i] = v; }
  get nextseqNsec(): number { return this.s.nextseqNsec[this.i]; } set nextseqNsec(v: number) { this.s.nextseqNsec[this.i] = v; }
  /** Capture time (seconds, ns) of this side's last ACK. */
  get lastAckSec(): number { return this.s.lastAckSec[this.i]; } set lastAckSec(v: number) { this.s.lastAckSec[this.i] = v; }
  get lastAckNsec(): number { return this.s.lastAckNsec[this.i]; } set lastAckNsec(v: number) { this.s.lastAckNsec[this.i] = v; }
  get bytes(): number { return this.s.bytes[this.i]; } set bytes(v: number) { this.s.bytes[this.i] = v; }
  get payload(): number { return this.s.payload[this.i]; } set payload(v: number) { this.s.payload[this.i] = v; }
  /** Number of blocks in this side's last SACK. */
  get sackCount(): number { return this.s.sackCount[this.i]; } set sackCount(v: number) { this.s.sackCount[this.i] = v; }
  get baseSet(): boolean { return (this.s.bits[this.i] & Bit.baseSet) !== 0; }
  set baseSet(v: boolean) { if (v) this.s.bits[this.i] |= Bit.baseSet; else this.s.bits[this.i] &= ~Bit.baseSet; }
  get sawSyn(): boolean { return (this.s.bits[this.i] & Bit.sawSyn) !== 0; }
  set sawSyn(v: boolean) { if (v) this.s.bits[this.i] |= Bit.sawSyn; else this.s.bits[this.i] &= ~Bit.sawSyn; }
  get sawSynAck(): boolean { return (this.s.bits[this.i] & Bit.sawSynAck) !== 0; }
  set sawSynAck(v: boolean) { if (v) this.s.bits[this.i] |= Bit.sawSynAck; else this.s.bits[this.i] &= ~Bit.sawSynAck; }
  get sackPermitted(): boolean { return (this.s.bits[this.i] & Bit.sackPermitted) !== 0; }
  set sackPermitted(v: boolean) { if (v) this.s.bits[this.i] |= Bit.sackPermitted; else this.s.bits[this.i] &= ~Bit.sackPermitted; }
  get timestamps(): boolean { return (this.s.bits[this.i] & Bit.timestamps) !== 0; }
  set timestamps(v: boolean) { if (v) this.s.bits[this.i] |= Bit.timestamps; else this.s.bits[this.i] &= ~Bit.timestamps; }
  get tfo(): boolean { return (this.s.bits[this.i] & Bit.tfo) !== 0; }
  set tfo(v: boolean) { if (v) this.s.bits[this.i] |= Bit.tfo; else this.s.bits[this.i] &= ~Bit.tfo; }
  get ecnSetup(): boolean { return (this.s.bits[this.i] & Bit.ecnSetup) !== 0; }
  set ecnSetup(v: boolean) { if (v) this.s.bits[this.i] |= Bit.ecnSetup; else this.s.bits[this.i] &= ~Bit.ecnSetup; }
  get isFirstAck(): boolean { return (this.s.bits[this.i] & Bit.isFirstAck) !== 0; }
  set isFirstAck(v: boolean) { if (v) this.s.bits[this.i] |= Bit.isFirstAck; else this.s.bits[this.i] &= ~Bit.isFirstAck; }
  get validBif(): boolean { return (this.s.bits[this.i] & Bit.validBif) !== 0; }
  set validBif(v: boolean) { if (v) this.s.bits[this.i] |= Bit.validBif; else this.s.bits[this.i] &= ~Bit.validBif; }
  get finSeen(): boolean { return (this.s.bits[this.i] & Bit.finSeen) !== 0; }
  set finSeen(v: boolean) { if (v) this.s.bits[this.i] |= Bit.finSeen; else this.s.bits[this.i] &= ~Bit.finSeen; }
  /** This side's unacknowledged list changed other than at its head since its span was last worked out (bytes-in-flight.ts). */
  get spanChanged(): boolean { return (this.s.bits[this.i] & Bit.spanChanged) !== 0; }
  set spanChanged(v: boolean) { if (v) this.s.bits[this.i] |= Bit.spanChanged; else this.s.bits[this.i] &= ~Bit.spanChanged; }
  /** This side's last segment carried SACK blocks: the peer's bytes in flight subtract them (bytes-in-flight.ts). */
  get sackInFlight(): boolean { return (this.s.bits[this.i] & Bit.sackInFlight) !== 0; }
  set sackInFlight(v: boolean) { if (v) this.s.bits[this.i] |= Bit.sackInFlight; else this.s.bits[this.i] &= ~Bit.sackInFlight; }
  get pushSetLast(): boolean { return (this.s.bits[this.i] & Bit.pushSetLast) !== 0; }
  set pushSetLast(v: boolean) { if (v) this.s.bits[this.i] |= Bit.pushSetLast; else this.s.bits[this.i] &= ~Bit.pushSetLast; }
  get finAcked(): boolean { return (this.s.bits[this.i] & Bit.finAcked) !== 0; }
  set finAcked(v: boolean) { if (v) this.s.bits[this.i] |= Bit.finAcked; else this.s.bits[this.i] &= ~Bit.finAcked; }
  /** Raw edge k (left = 2·block, right = 2·block + 1) of this side's last SACK; 0 when it never sent one. */
  sackEdge(k: number): number { const s = this.s.sackSlot[this.i]; return s < 0 ? 0 : this.s.sackEdges[s * SACK_EDGES + k]; }
  /** Sets edge k of this side's last SACK (makes the SACK slot on first use). */
  setSackEdge(k: number, v: number): void {
    const slot = this.s.sackSlotOf(this.i);            // first: it may replace the edges array
    this.s.sackEdges[slot * SACK_EDGES + k] = v;
  }
}
