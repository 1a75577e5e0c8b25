/**
 * The app's TCP endpoints (Statistics ▸ Endpoints): the conversation table's rows as shared/tcp/endpoint-table.ts reads
 * them, oriented as tshark orients a conversation (A sent its first counted packet: the stored row of that frame says
 * which way it went). One object per conversation, built when the dialog counts.
 */
import type { EndpointPairInput } from '../../shared/tcp/endpoint-table';
import type { ConversationColumns } from '../stores/conversation-columns';
import type { StoredColumns } from '../stores/packet-columns';

export interface EndpointSources {
  conversations: Pick<ConversationColumns, 'length' | 'at'>;
  cols: StoredColumns;
  /** Row of a frame number, -1 when not stored. */
  indexOfFrame(frame: number): number;
}

export function endpointInputs(src: EndpointSources): EndpointPairInput[] {
  const out: EndpointPairInput[] = [];
  for (let s = 0; s < src.conversations.length; s++) {
    const c = src.conversations.at(s);
    if (!c || c.packetsA + c.packetsB === 0) continue;
    const row = src.indexOfFrame(c.firstFrame);
    const bFirst = row >= 0 && src.cols.dir[row] === 1;
    out.push(bFirst
      ? { addrA: c.addrB, portA: c.portB, addrB: c.addrA, portB: c.portA, framesAtoB: c.packetsB, bytesAtoB: c.bytesB, framesBtoA: c.packetsA, bytesBtoA: c.bytesA, firstFrame: c.firstFrame }
      : { addrA: c.addrA, portA: c.portA, addrB: c.addrB, portB: c.portB, framesAtoB: c.packetsA, bytesAtoB: c.bytesA, framesBtoA: c.packetsB, bytesBtoA: c.bytesB, firstFrame: c.firstFrame });
  }
  return out;
}
