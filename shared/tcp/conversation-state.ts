/**
 * Per-conversation tracker state: a TcpConversation views one tcp.stream, with one TcpDirection per sender.
 * Field names follow Wireshark's `tcp_analysis` / `tcp_flow_t` (packet-tcp.h) so the analysis code reads like
 * its source. Both are flyweights over struct-of-arrays typed storage (ConversationStore, indexed by stream;
 * DirectionStore in direction-store.ts, slot stream × 2 + side), so a conversation costs typed-array bytes
 * only: no JS object is kept per conversation (issue 4: ≤ 512 bytes per conversation;
 * bench/tracker-memory.bench.ts). A view can be moved to another stream (`moveTo`), so the tracker's hot path
 * uses one view for every packet.
 */
import { ACC_ECN_OPTION, ACC_ECN_SYN, ACC_ECN_SYN_ACK } from './acc-ecn';
import { DirectionStore, TcpDirection } from './direction-store';
import { nsBetween, nstimeIsZero } from './nstime';

export { DirectionStore, TcpDirection, WSCALE_NONE, WSCALE_UNKNOWN } from './direction-store';

/** ConversationStore.bits: bit 0 the first direction, bit 1 "summary changed". */
const FIRST_DIR_BIT = 1, DIRTY_BIT = 2;
const ACC_ECN_BITS = ACC_ECN_SYN | ACC_ECN_SYN_ACK | ACC_ECN_OPTION;

/** The typed columns behind every TcpConversation of one tracker, indexed by stream. */
export class ConversationStore {
  count = 0;
  private cap = 0;
  completeness = new Uint8Array(0);
  firstFrame = new Uint32Array(0);
  lastFrame = new Uint32Array(0);
  firstSec = new Uint32Array(0);
  firstNsec = new Uint32Array(0);
  lastSec = new Uint32Array(0);
  lastNsec = new Uint32Array(0);
  retrans = new Uint32Array(0);
  fastRetrans = new Uint32Array(0);
  spurious = new Uint32Array(0);
  outOfOrder = new Uint32Array(0);
  lost = new Uint32Array(0);
  ackedUnseen = new Uint32Array(0);
  dupAcks = new Uint32Array(0);
  zeroWindows = new Uint32Array(0);
  windowFull = new Uint32Array(0);
  keepAlives = new Uint32Array(0);
  reusedPorts = new Uint32Array(0);
  icmpErrors = new Uint32Array(0);
  icmpUnreachableFrame = new Uint32Array(0);
  rstFrame = new Uint32Array(0);
  closeSteps = new Uint32Array(0);
  flow = new Int32Array(0);
  clientDir = new Int8Array(0);
  firstBits = new Int8Array(0);
  firstSeenFrame = new Uint32Array(0);
  rstDir = new Int8Array(0);
  closerDir = new Int8Array(0);
  phase = new Int8Array(0);
  mruSynSec = new Uint32Array(0);
  mruSynNsec = new Uint32Array(0);
  irttSec = new Int32Array(0);
  irttNsec = new Int32Array(0);
  timeWaitSec = new Uint32Array(0);
  timeWaitNsec = new Uint32Array(0);
  /** Bit 0: first direction (firstDir); bit 1: dirty; bits 2–4: AccECN (accEcn). */
  bits = new Uint8Array(0);

  constructor(initial = 512) { this.grow(initial); }

  /** A fresh slot (the next stream index) with every field at its initial value. */
  add(): number {
    if (this.count === this.cap) this.grow(this.cap * 2);
    const i = this.count++;
    this.clientDir[i] = -1; this.firstBits[i] = -1; this.rstDir[i] = -1; this.closerDir[i] = -1;
    return i;
  }

  /** Clears stream `i`'s dirty bit (TcpConversation.dirty) without a view. */
  clearDirty(i: number): void { this.bits[i] &= ~DIRTY_BIT; }

  /** Bytes held by the typed columns. */
  get heldBytes(): number { return this.cap * (28 * 4 + 1 + 4 + 5 * 1 + 1); }

  private grow(cap: number): void {
    const n = Math.max(cap, 16);
    this.completeness = grown(this.completeness, new Uint8Array(n));
    this.firstFrame = grown(this.firstFrame, new Uint32Array(n));
    this.lastFrame = grown(this.lastFrame, new Uint32Array(n));
    this.firstSec = grown(this.firstSec, new Uint32Array(n));
    this.firstNsec = grown(this.firstNsec, new Uint32Array(n));
    this.lastSec = grown(this.lastSec, new Uint32Array(n));
    this.lastNsec = grown(this.lastNsec, new Uint32Array(n));
    this.retrans = grown(this.retrans, new Uint32Array(n));
    this.fastRetrans = grown(this.fastRetrans, new Uint32Array(n));
    this.spurious = grown(this.spurious, new Uint32Array(n));
    this.outOfOrder = grown(this.outOfOrder, new Uint32Array(n));
    this.lost = grown(this.lost, new Uint32Array(n));
    this.ackedUnseen = grown(this.ackedUnseen, new Uint32Array(n));
    this.dupAcks = grown(this.dupAcks, new Uint32Array(n));
    this.zeroWindows = grown(this.zeroWindows, new Uint32Array(n));
    this.windowFull = grown(this.windowFull, new Uint32Array(n));
    this.keepAlives = grown(this.keepAlives, new Uint32Array(n));
    this.reusedPorts = grown(this.reusedPorts, new Uint32Array(n));
    this.icmpErrors = grown(this.icmpErrors, new Uint32Array(n));
    this.icmpUnreachableFrame = grown(this.icmpUnreachableFrame, new Uint32Array(n));
    this.rstFrame = grown(this.rstFrame, new Uint32Array(n));
    this.closeSteps = grown(this.closeSteps, new Uint32Array(n));
    this.flow = grown(this.flow, new Int32Array(n));
    this.clientDir = grown(this.clientDir, new Int8Array(n));
    this.firstBits = grown(this.firstBits, new Int8Array(n));
    this.firstSeenFrame = grown(this.firstSeenFrame, new Uint32Array(n));
    this.rstDir = grown(this.rstDir, new Int8Array(n));
    this.closerDir = grown(this.closerDir, new Int8Array(n));
    this.phase = grown(this.phase, new Int8Array(n));
    this.mruSynSec = grown(this.mruSynSec, new Uint32Array(n));
    this.mruSynNsec = grown(this.mruSynNsec, new Uint32Array(n));
    this.irttSec = grown(this.irttSec, new Int32Array(n));
    this.irttNsec = grown(this.irttNsec, new Int32Array(n));
    this.timeWaitSec = grown(this.timeWaitSec, new Uint32Array(n));
    this.timeWaitNsec = grown(this.timeWaitNsec, new Uint32Array(n));
    this.bits = grown(this.bits, new Uint8Array(n));
    this.cap = n;
  }
}

function grown<T extends Uint32Array | Int32Array | Float64Array | Uint8Array | Int8Array>(old: T, fresh: T): T {
  fresh.set(old as never);
  return fresh;
}

/** Adds a conversation (the next stream index of `store`) with its two direction slots; returns the stream. */
export function addConversation(store: ConversationStore, dirs: DirectionStore): number {
  const stream = store.add();
  dirs.add(); dirs.add();                     // slots stream × 2 and stream × 2 + 1: both stores grow only here
  return stream;
}

export class TcpConversation {
  /** tcp.stream: this view's slot in the ConversationStore. */
  stream: number;
  readonly d: [TcpDirection, TcpDirection];
  private readonly s: ConversationStore;

  /** A view of stream `stream` (made by addConversation) of `store` and its directions in `dirs`. */
  constructor(store: ConversationStore, dirs: DirectionStore, stream: number) {
    this.s = store;
    this.stream = stream;
    this.d = [new TcpDirection(dirs, stream * 2), new TcpDirection(dirs, stream * 2 + 1)];
  }

  /** Points this view (and its two directions) at another stream. */
  moveTo(stream: number): this {
    this.stream = stream;
    this.d[0].i = stream * 2; this.d[1].i = stream * 2 + 1;
    return this;
  }

  /** Flow id (FlowTable) of the stream's address/port pair. */
  get flow(): number { return this.s.flow[this.stream]; } set flow(v: number) { this.s.flow[this.stream] = v; }
  /** Direction of the stream's first packet (tshark's conversation table puts its sender first). */
  get firstDir(): 0 | 1 { return (this.s.bits[this.stream] & FIRST_DIR_BIT) as 0 | 1; }
  set firstDir(v: 0 | 1) { this.s.bits[this.stream] = (this.s.bits[this.stream] & ~FIRST_DIR_BIT) | v; }
  /** Whether the summary changed since the last `takeChangedStreams`. */
  /** ACC_ECN_* bits: what the handshake and options showed of Accurate ECN (tcp-tracker.ts accEcn). */
  get accEcn(): number { return this.s.bits[this.stream] & ACC_ECN_BITS; }
  set accEcn(v: number) { this.s.bits[this.stream] = (this.s.bits[this.stream] & ~ACC_ECN_BITS) | (v & ACC_ECN_BITS); }
  get dirty(): boolean { return (this.s.bits[this.stream] & DIRTY_BIT) !== 0; }
  set dirty(v: boolean) { this.s.bits[this.stream] = (this.s.bits[this.stream] & ~DIRTY_BIT) | (v ? DIRTY_BIT : 0); }
  get completeness(): number { return this.s.completeness[this.stream]; } set completeness(v: number) { this.s.completeness[this.stream] = v; }
  get firstFrame(): number { return this.s.firstFrame[this.stream]; } set firstFrame(v: number) { this.s.firstFrame[this.stream] = v; }
  get lastFrame(): number { return this.s.lastFrame[this.stream]; } set lastFrame(v: number) { this.s.lastFrame[this.stream] = v; }
  get firstSec(): number { return this.s.firstSec[this.stream]; } set firstSec(v: number) { this.s.firstSec[this.stream] = v; }
  get firstNsec(): number { return this.s.firstNsec[this.stream]; } set firstNsec(v: number) { this.s.firstNsec[this.stream] = v; }
  get lastSec(): number { return this.s.lastSec[this.stream]; } set lastSec(v: number) { this.s.lastSec[this.stream] = v; }
  get lastNsec(): number { return this.s.lastNsec[this.stream]; } set lastNsec(v: number) { this.s.lastNsec[this.stream] = v; }
  /** Expert counters. */
  get retrans(): number { return this.s.retrans[this.stream]; } set retrans(v: number) { this.s.retrans[this.stream] = v; }
  get fastRetrans(): number { return this.s.fastRetrans[this.stream]; } set fastRetrans(v: number) { this.s.fastRetrans[this.stream] = v; }
  get spurious(): number { return this.s.spurious[this.stream]; } set spurious(v: number) { this.s.spurious[this.stream] = v; }
  get outOfOrder(): number { return this.s.outOfOrder[this.stream]; } set outOfOrder(v: number) { this.s.outOfOrder[this.stream] = v; }
  get lost(): number { return this.s.lost[this.stream]; } set lost(v: number) { this.s.lost[this.stream] = v; }
  get ackedUnseen(): number { return this.s.ackedUnseen[this.stream]; } set ackedUnseen(v: number) { this.s.ackedUnseen[this.stream] = v; }
  get dupAcks(): number { return this.s.dupAcks[this.stream]; } set dupAcks(v: number) { this.s.dupAcks[this.stream] = v; }
  get zeroWindows(): number { return this.s.zeroWindows[this.stream]; } set zeroWindows(v: number) { this.s.zeroWindows[this.stream] = v; }
  get windowFull(): number { return this.s.windowFull[this.stream]; } set windowFull(v: number) { this.s.windowFull[this.stream] = v; }
  get keepAlives(): number { return this.s.keepAlives[this.stream]; } set keepAlives(v: number) { this.s.keepAlives[this.stream] = v; }
  get reusedPorts(): number { return this.s.reusedPorts[this.stream]; } set reusedPorts(v: number) { this.s.reusedPorts[this.stream] = v; }
  /** ICMP errors quoting one of the stream's headers (whole or its ports only: tshark gives those no stream). */
  get icmpErrors(): number { return this.s.icmpErrors[this.stream]; } set icmpErrors(v: number) { this.s.icmpErrors[this.stream] = v; }
  /** Frame of the last ICMP "destination unreachable" about the stream (not "fragmentation needed"), 0 none. */
  get icmpUnreachableFrame(): number { return this.s.icmpUnreachableFrame[this.stream]; }
  set icmpUnreachableFrame(v: number) { this.s.icmpUnreachableFrame[this.stream] = v; }
  /** Frame of the first RST; rstDir: which direction sent it (-1 none). */
  get rstFrame(): number { return this.s.rstFrame[this.stream]; } set rstFrame(v: number) { this.s.rstFrame[this.stream] = v; }
  get closeSteps(): number { return this.s.closeSteps[this.stream]; } set closeSteps(v: number) { this.s.closeSteps[this.stream] = v; }
  /** Which direction sent the first pure SYN (the client), -1 unknown. */
  get clientDir(): number { return this.s.clientDir[this.stream]; } set clientDir(v: number) { this.s.clientDir[this.stream] = v; }
  /**
   * Completeness bits of the stream's first packet counted as part of a known conversation: what tshark's second
   * pass adds for it (the -2 view, final-values.ts); -1 none yet.
   */
  get firstBits(): number { return this.s.firstBits[this.stream]; } set firstBits(v: number) { this.s.firstBits[this.stream] = v; }
  /** Frame of the stream's first packet, malformed or not (firstFrame counts only well-formed ones, as tshark's table). */
  get firstSeenFrame(): number { return this.s.firstSeenFrame[this.stream]; } set firstSeenFrame(v: number) { this.s.firstSeenFrame[this.stream] = v; }
  get rstDir(): number { return this.s.rstDir[this.stream]; } set rstDir(v: number) { this.s.rstDir[this.stream] = v; }
  /** Direction whose FIN came first (-1 none): the active closer. */
  get closerDir(): number { return this.s.closerDir[this.stream]; } set closerDir(v: number) { this.s.closerDir[this.stream] = v; }
  /** Last Phase assigned; closeSteps: close steps seen so far (bit per step). */
  get phase(): number { return this.s.phase[this.stream]; } set phase(v: number) { this.s.phase[this.stream] = v; }
  /**
   * Capture time (seconds mod 2^32, ns: nstime.ts) of the most recent pure SYN, and the initial RTT (SYN to the
   * first pure ACK) as an exact (seconds, ns) difference. Zero means unset, as Wireshark's ts_mru_syn / ts_first_rtt.
   */
  get mruSynSec(): number { return this.s.mruSynSec[this.stream]; } set mruSynSec(v: number) { this.s.mruSynSec[this.stream] = v; }
  get mruSynNsec(): number { return this.s.mruSynNsec[this.stream]; } set mruSynNsec(v: number) { this.s.mruSynNsec[this.stream] = v; }
  get irttSec(): number { return this.s.irttSec[this.stream]; } set irttSec(v: number) { this.s.irttSec[this.stream] = v; }
  get irttNsec(): number { return this.s.irttNsec[this.stream]; } set irttNsec(v: number) { this.s.irttNsec[this.stream] = v; }
  /** Whether the initial RTT is known (tshark prints tcp.analysis.initial_rtt). */
  get hasIrtt(): boolean { return !nstimeIsZero(this.irttSec, this.irttNsec); }
  /** The initial RTT in ns (exact below 104 days), -1 unknown; negative when the capture's clock ran backwards. */
  get irtt(): number { return this.hasIrtt ? nsBetween(this.irttSec, this.irttNsec, 0, 0) : -1; }
  /** Capture time (seconds mod 2^32, ns) of entering TIME-WAIT (set when an endpoint's state becomes TIME-WAIT). */
  get timeWaitSec(): number { return this.s.timeWaitSec[this.stream]; } set timeWaitSec(v: number) { this.s.timeWaitSec[this.stream] = v; }
  get timeWaitNsec(): number { return this.s.timeWaitNsec[this.stream]; } set timeWaitNsec(v: number) { this.s.timeWaitNsec[this.stream] = v; }
}
