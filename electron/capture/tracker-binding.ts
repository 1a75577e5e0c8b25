/**
 * Adapter between the pipeline and the TCP tracker (shared/tcp/tcp-tracker.ts): per packet the tracker
 * fills the row; per flush this turns the flows first seen and the conversations changed since the last
 * flush into the contract's wire shapes (FlowInfo, ConversationSummary). Only the flush path allocates.
 */
import type { CaptureRecord } from '../../shared/capture-file/capture-record';
import { ipv4String, ipv6String } from '../../shared/format/tcpdump-address';
import type { PacketColumns } from '../../shared/ipc/batch-layout';
import type { ConversationEnd, ConversationSummary } from '../../shared/ipc/contract';
import type { FlowInfo } from '../../shared/ipc/flow';
import type { TcpConversation } from '../../shared/tcp/conversation-state';
import { TcpTracker } from '../../shared/tcp/tcp-tracker';
import type { DecodedPacket } from '../../shared/wire/decoded-packet';

export class TrackerBinding {
  readonly tracker = new TcpTracker();

  track(rec: CaptureRecord, pkt: DecodedPacket, cols: PacketColumns, row: number): void {
    this.tracker.track(rec, pkt, cols, row);
  }

  takeNewFlows(): FlowInfo[] {
    return this.tracker.takeNewFlowIds().map((id) => this.flowInfo(id));
  }

  takeChangedConversations(): ConversationSummary[] {
    return this.tracker.takeChangedStreams().map((s) => this.summary(this.tracker.conversations[s]));
  }

  flowInfo(id: number): FlowInfo {
    const flows = this.tracker.flows;
    const l3 = flows.l3(id);
    const a = flows.addressBytes(id, 0), b = flows.addressBytes(id, 1);
    return {
      id, l3, proto: flows.proto(id), addrA: addressText(a), addrB: addressText(b), addrBytesA: a, addrBytesB: b,
      portA: flows.port(id, 0), portB: flows.port(id, 1), stream: flows.proto(id) === 6 ? flows.tag[id] : -1,
    };
  }

  private summary(c: TcpConversation): ConversationSummary {
    const flows = this.tracker.flows;
    const [a, b] = c.d;
    return {
      stream: c.stream, flow: c.flow,
      addrA: addressText(flows.addressBytes(c.flow, 0)), portA: flows.port(c.flow, 0),
      addrB: addressText(flows.addressBytes(c.flow, 1)), portB: flows.port(c.flow, 1),
      clientDir: c.clientDir === 0 || c.clientDir === 1 ? c.clientDir : -1,
      firstFrame: c.firstFrame, lastFrame: c.lastFrame,
      firstSec: c.firstSec, firstNsec: c.firstNsec, lastSec: c.lastSec, lastNsec: c.lastNsec,
      packetsA: a.packets, packetsB: b.packets, bytesA: a.bytes, bytesB: b.bytes, payloadA: a.payload, payloadB: b.payload,
      completeness: c.completeness, stateA: a.state, stateB: b.state, end: conversationEnd(c),
      expert: {
        retransmissions: c.retrans, fastRetransmissions: c.fastRetrans, spuriousRetransmissions: c.spurious,
        outOfOrder: c.outOfOrder, lostSegments: c.lost, ackedUnseen: c.ackedUnseen, dupAcks: c.dupAcks,
        zeroWindows: c.zeroWindows, windowFull: c.windowFull, keepAlives: c.keepAlives, reusedPorts: c.reusedPorts,
      },
      irttNs: c.irtt >= 0 ? c.irtt : -1,
    };
  }
}

function conversationEnd(c: TcpConversation): ConversationEnd {
  if (c.rstDir >= 0) return 'reset';
  const fins = Number(c.d[0].finSeen) + Number(c.d[1].finSeen);
  return fins === 2 ? 'closed' : fins === 1 ? 'half-closed' : 'open';
}

function addressText(bytes: Uint8Array): string {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return bytes.length === 16 ? ipv6String(dv, 0) : ipv4String(dv, 0);
}
