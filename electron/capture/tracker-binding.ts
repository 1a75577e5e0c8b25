/**
 * Adapter between the pipeline and the TCP tracker (shared/tcp/tcp-tracker.ts): per packet the tracker
 * fills the row; per flush the flows first seen and the conversations changed since the last flush leave
 * in the contract's wire shapes (FlowInfo, ConversationSummary, built by shared/tcp/conversation-summary.ts).
 * Only the flush path allocates.
 */
import type { CaptureRecord } from '../../shared/capture-file/capture-record';
import type { PacketColumns } from '../../shared/ipc/batch-layout';
import type { ConversationSummary } from '../../shared/ipc/contract';
import type { FlowInfo } from '../../shared/ipc/flow';
import { conversationSummary, flowInfo } from '../../shared/tcp/conversation-summary';
import { TcpTracker } from '../../shared/tcp/tcp-tracker';
import type { DecodedPacket } from '../../shared/wire/decoded-packet';

export class TrackerBinding {
  readonly tracker = new TcpTracker();

  track(rec: CaptureRecord, pkt: DecodedPacket, cols: PacketColumns, row: number): void {
    this.tracker.track(rec, pkt, cols, row);
  }

  /** As `track`, for a row whose decoded columns are already filled (a decode thread's block). */
  trackDecoded(rec: CaptureRecord, pkt: DecodedPacket, cols: PacketColumns, row: number, pair: number, pairDir: 0 | 1): void {
    this.tracker.trackDecoded(rec, pkt, cols, row, pair, pairDir);
  }

  takeNewFlows(): FlowInfo[] {
    return this.tracker.takeNewFlowIds().map((id) => flowInfo(this.tracker, id));
  }

  takeChangedConversations(): ConversationSummary[] {
    return this.tracker.takeChangedStreams().map((s) => conversationSummary(this.tracker, s));
  }
}
