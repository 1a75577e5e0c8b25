/**
 * Per-conversation tracker state: one TcpConversation per tcp.stream with one TcpDirection per sender.
 * Field names follow Wireshark's `tcp_flow_t` / `tcp_analyze_seq_flow_info_t` (packet-tcp.h) so the
 * analysis code reads like its source. Numbers only (no strings, no arrays per conversation except the
 * lazily made SACK edges), ≈ 450 bytes per conversation in V8.
 */

/** Wireshark's "win_scale" values besides a shift count. */
export const WSCALE_UNKNOWN = -1, WSCALE_NONE = -2;

export class TcpDirection {
  /** Base (ISN or first seq − 1) for relative numbers; valid when baseSet. */
  baseSeq = 0;
  baseSet = false;
  sawSyn = false;
  sawSynAck = false;
  /** Last raw 16-bit window sent by this side, -1 before the first packet. */
  window = -1;
  /** Window-scale shift announced by this side, or WSCALE_UNKNOWN / WSCALE_NONE. */
  winScale = WSCALE_UNKNOWN;
  mss = -1;
  sackPermitted = false;
  timestamps = false;
  tfo = false;
  ecnSetup = false;
  /** TCP_A_* bits of this side's previous packet. */
  lastSegmentFlags = 0;
  /** Set on SYN, cleared by the first pure ACK (window-full test uses an unscaled window until then). */
  isFirstAck = true;
  validBif = true;
  /** Highest seq+len(+SYN/FIN) sent; 0 = unset (Wireshark's convention). */
  nextseq = 0;
  nextseqFrame = 0;
  nextseqTime = 0;
  /** Highest contiguous sequence number to be ACKed; 0 = unset. */
  maxSeqToBeAcked = 0;
  /** Last ACK value this side sent, its time, and the frame of the last ACK that was not a duplicate. */
  lastAck = 0;
  lastAckTime = 0;
  lastNonDupAck = 0;
  dupAckNum = 0;
  /** Payload length of the segment that last advanced nextseq (0: a pure ACK). */
  lastAckLen = 0;
  /** SACK blocks this side sent last: count and raw (left, right) pairs. */
  sackCount = 0;
  sackEdges: Uint32Array | null = null;
  /** Head of this side's unacknowledged segments in the SegmentPool, and how many. */
  segHead = -1;
  segCount = 0;
  /** Counters for the conversation table. */
  packets = 0;
  bytes = 0;
  payload = 0;
  /** Segments with a decode problem (not counted above, as tshark's conversation table skips them). */
  malformed = 0;
  /** Sequence number of this side's FIN (raw), and whether it was seen / ACKed by the peer. */
  finSeq = 0;
  finSeen = false;
  finAcked = false;
  /** RFC 9293 state (EndpointState) after the last packet, and the frame that caused it. */
  state = 0;
  stateFrame = 0;
}

export class TcpConversation {
  stream = 0;
  flow = 0;
  readonly d: [TcpDirection, TcpDirection] = [new TcpDirection(), new TcpDirection()];
  /** Direction of the stream's first packet (tshark's conversation table puts its sender first). */
  firstDir: 0 | 1 = 0;
  /** Which direction sent the first pure SYN (the client), -1 unknown. */
  clientDir = -1;
  completeness = 0;
  /** Completeness bits the stream's first packet contributed (for the -2 view, final-values.ts). */
  firstBits = -1;
  firstFrame = 0;
  lastFrame = 0;
  firstSec = 0; firstNsec = 0;
  lastSec = 0; lastNsec = 0;
  /** Time of the most recent pure SYN and the initial RTT, ns since the tracker origin; -1 unset. */
  tsMruSyn = -1;
  irtt = -1;
  /** Expert counters. */
  retrans = 0; fastRetrans = 0; spurious = 0; outOfOrder = 0; lost = 0; ackedUnseen = 0;
  dupAcks = 0; zeroWindows = 0; windowFull = 0; keepAlives = 0; reusedPorts = 0;
  /** Frame of the first RST and which direction sent it (-1 none). */
  rstFrame = 0;
  rstDir = -1;
  /** Direction whose FIN came first (-1 none): the active closer. */
  closerDir = -1;
  /** Last Phase assigned, and close steps seen so far (bit per step). */
  phase = 0;
  closeSteps = 0;
  /** Whether the summary changed since the last `takeChangedConversations`. */
  dirty = false;
  /** Time of entering TIME-WAIT (ns since origin), -1 none. */
  timeWaitAt = -1;
}
