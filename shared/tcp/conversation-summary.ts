/**
 * What the tracker tells the rest of the app about flows and conversations, in the contract's shapes
 * (shared/ipc/flow.ts FlowInfo, shared/ipc/contract.ts ConversationSummary), plus SynAck's option
 * negotiation summary. Built once per flow and per flush, never per packet (these allocate).
 */
import type { ConversationEnd, ConversationSummary } from '../ipc/contract';
import type { FlowInfo } from '../ipc/flow';
import { ipv4String, ipv6String } from '../format/tcpdump-address';
import type { TcpConversation, TcpDirection } from './conversation-state';
import { WSCALE_NONE } from './conversation-state';
import { EndpointState } from './endpoint-state';
import type { FlowTable } from './flow-table';
import type { TcpTracker } from './tcp-tracker';

/** Options one side offered in its SYN / SYN-ACK and whether they took effect. */
export interface SideOptions {
  mss: number | null;
  /** Shift announced, null when not announced. */
  windowScale: number | null;
  sackPermitted: boolean;
  timestamps: boolean;
  /** ECE/CWR on the SYN (ECN setup, RFC 3168 §6.1.1). */
  ecn: boolean;
  /** Payload on the SYN (TCP Fast Open, RFC 7413). */
  tfo: boolean;
}

export interface OptionsSummary {
  a: SideOptions;
  b: SideOptions;
  /** Window scaling is in effect only when both SYNs carried it (RFC 7323 §2.2). */
  windowScalingActive: boolean;
  sackActive: boolean;
  timestampsActive: boolean;
  ecnActive: boolean;
}

/** A flow's addresses and ports as FlowInfo. */
export function flowInfo(tracker: TcpTracker, id: number): FlowInfo {
  const f = tracker.flows;
  return {
    id, l3: f.l3(id), proto: f.proto(id), addrA: addressText(f, id, 0), addrB: addressText(f, id, 1),
    addrBytesA: f.addressBytes(id, 0), addrBytesB: f.addressBytes(id, 1),
    portA: f.port(id, 0), portB: f.port(id, 1), stream: f.tag[id],
  };
}

/** Endpoint `side`'s address of flow `id` as tcpdump prints it, straight from the table (no copies). */
function addressText(f: FlowTable, id: number, side: 0 | 1): string {
  const at = f.addressOffset(id, side);
  return f.l3(id) === 6 ? ipv6String(f.addressData, at) : ipv4String(f.addressData, at);
}

function sideOptions(d: TcpDirection): SideOptions {
  return {
    mss: d.mss >= 0 ? d.mss : null, windowScale: d.winScale >= 0 ? d.winScale : null,
    sackPermitted: d.sackPermitted, timestamps: d.timestamps, ecn: d.ecnSetup, tfo: d.tfo,
  };
}

export function optionsSummary(c: TcpConversation): OptionsSummary {
  const [a, b] = c.d;
  return {
    a: sideOptions(a), b: sideOptions(b),
    windowScalingActive: a.winScale >= 0 && b.winScale >= 0 && a.winScale !== WSCALE_NONE,
    sackActive: a.sackPermitted && b.sackPermitted,
    timestampsActive: a.timestamps && b.timestamps,
    ecnActive: a.ecnSetup && b.ecnSetup,
  };
}

/** How the conversation ended, as the contract names it. */
export function conversationEnd(c: TcpConversation): ConversationEnd {
  if (c.rstDir >= 0) return 'reset';
  if (c.d[0].finSeen && c.d[1].finSeen) return 'closed';
  if (c.d[0].finSeen || c.d[1].finSeen) return 'half-closed';
  // Nothing of the connection came after the ICMP error said its packets cannot be delivered (quotes are not counted
  // in lastFrame): what ended it, as far as the wire shows.
  return c.icmpUnreachableFrame > c.lastFrame ? 'unreachable' : 'open';
}

/** The contract's summary of stream `stream`. */
export function conversationSummary(tracker: TcpTracker, stream: number): ConversationSummary {
  const c = tracker.conversation(stream);
  const f = tracker.flows, flow = c.flow;
  const [a, b] = c.d;
  return {
    stream, flow, addrA: addressText(f, flow, 0), portA: f.port(flow, 0), addrB: addressText(f, flow, 1), portB: f.port(flow, 1),
    clientDir: c.clientDir as -1 | 0 | 1, firstFrame: c.firstFrame, lastFrame: c.lastFrame,
    firstSec: c.firstSec, firstNsec: c.firstNsec, lastSec: c.lastSec, lastNsec: c.lastNsec,
    packetsA: a.packets, packetsB: b.packets, bytesA: a.bytes, bytesB: b.bytes, payloadA: a.payload, payloadB: b.payload,
    completeness: c.completeness, stateA: a.state, stateB: b.state, end: conversationEnd(c),
    expert: {
      retransmissions: c.retrans, fastRetransmissions: c.fastRetrans, spuriousRetransmissions: c.spurious,
      outOfOrder: c.outOfOrder, lostSegments: c.lost, ackedUnseen: c.ackedUnseen, dupAcks: c.dupAcks,
      zeroWindows: c.zeroWindows, windowFull: c.windowFull, keepAlives: c.keepAlives, reusedPorts: c.reusedPorts,
      icmpErrors: c.icmpErrors,
    },
    irttNs: c.irtt, winScaleA: a.winScale, winScaleB: b.winScale,
  };
}

/** When an endpoint of `c` in TIME-WAIT forgets the connection (capture time, s and ns), or null. */
export function timeWaitEnd(tracker: TcpTracker, c: TcpConversation): { sec: number; nsec: number } | null {
  if (c.d[0].state !== EndpointState.TimeWait && c.d[1].state !== EndpointState.TimeWait) return null;
  const wait = 2 * tracker.mslSeconds, whole = Math.floor(wait);
  const ns = c.timeWaitNsec + Math.round((wait - whole) * 1e9);
  return { sec: c.timeWaitSec + whole + Math.floor(ns / 1e9), nsec: ns % 1e9 };
}
