/**
 * Adapter between the pipeline and the TCP tracker (shared/tcp/tcp-tracker.ts): per packet it fills the
 * decoded columns and lets the tracker fill stream/phase/analysis; per flush it hands out the flows first
 * seen and the conversations changed since the last flush, in the contract's wire shapes.
 * PLACEHOLDER until shared/tcp lands: decoded columns only, no flows, no conversations.
 */
import type { CaptureRecord } from '../../shared/capture-file/capture-record';
import type { PacketColumns } from '../../shared/ipc/batch-layout';
import type { ConversationSummary } from '../../shared/ipc/contract';
import type { FlowInfo } from '../../shared/ipc/flow';
import type { DecodedPacket } from '../../shared/wire/decoded-packet';

export class TrackerBinding {
  track(_rec: CaptureRecord, pkt: DecodedPacket, cols: PacketColumns, row: number): void {
    cols.l3[row] = pkt.l3;
    cols.proto[row] = pkt.l3 ? pkt.ipProto : 0;
    cols.decodeProblem[row] = pkt.problem;
    cols.tcpFlags[row] = pkt.tcp ? pkt.tcpFlags : 0;
    cols.seqRaw[row] = pkt.tcp ? pkt.seq : 0;
    cols.ackRaw[row] = pkt.tcp ? pkt.ack : 0;
    cols.payloadLen[row] = pkt.payloadLen;
    cols.window[row] = pkt.tcp ? pkt.window : 0;
    cols.flow[row] = -1;
    cols.stream[row] = -1;
  }

  takeNewFlows(): FlowInfo[] { return []; }

  takeChangedConversations(): ConversationSummary[] { return []; }
}
