/**
 * The plain-language note of one packet row: the tracker's template (`note` column, shared/tcp/annotation.ts)
 * filled with the row's numbers. The raw sequence number is not kept in the renderer's columns; the caller
 * passes it when the packet's bytes are at hand (the selected packet), else the note says "relative"; so is an ICMP
 * error's path MTU.
 */
import type { StoredColumns } from '../stores/packet-columns';
import { Note, type NoteValues } from '../../shared/tcp/annotation';
import { icmpNoteFacts, quotedKind, type IcmpNoteFacts } from '../../shared/tcp/icmp-error-note';
import type { FlowInfo } from '../../shared/ipc/flow';
import { ROW_BITS } from '../../shared/ipc/batch-layout';
import { icmpFromColumn } from '../../shared/wire/icmp-messages';
import { DEFAULT_MSL_SECONDS } from '../../shared/tcp/endpoint-state';
import { flowTable } from '../stores/conversations';
import { noteText, senderRole } from './tcp-labels';
import { windowSizeAt } from '../../shared/filter/window-size';

/** Note text for stored row `r`; `clientDir` from the conversation (-1 unknown); `seqRaw` and an ICMP error's `mtu` when known. */
export function rowNote(cols: StoredColumns, r: number, clientDir: number, seqRaw: number | null = null, mtu: number | null = null): string {
  const dir = cols.dir[r];
  const who = senderRole(dir, clientDir);
  const peer = senderRole(1 - dir, clientDir);
  const flow = cols.flow[r] >= 0 ? flowTable.at(cols.flow[r]) : undefined;
  const values: NoteValues = {
    who, peer,
    seqRaw: seqRaw ?? cols.seqRel[r],
    seqRel: cols.seqRel[r], ackRel: cols.ackRel[r], len: cols.payloadLen[r],
    window: windowSizeAt(cols, r) >= 0 ? windowSizeAt(cols, r) : cols.window[r],
    stateSelf: dir === 0 ? cols.stateA[r] : cols.stateB[r],
    statePeer: dir === 0 ? cols.stateB[r] : cols.stateA[r],
    dupAckNum: cols.dupAckNum[r], relatedFrame: cols.related.get(r),
    port: flow ? (dir === 0 ? flow.portA : flow.portB) : 0,
    mslSeconds: DEFAULT_MSL_SECONDS,
    icmp: cols.note[r] === Note.IcmpError && flow ? icmpFacts(cols, r, flow, mtu) : undefined,
  };
  return noteText(cols.note[r], values, cols.phase[r], cols.step[r]);
}

/** What an ICMP error's note says of row `r` (its TCP flow `flow`): the message, its sender, the quoted segment. */
function icmpFacts(cols: StoredColumns, r: number, flow: FlowInfo, mtu: number | null): IcmpNoteFacts | undefined {
  const m = icmpFromColumn(cols.icmpMessage.get(r)), outerId = cols.outer.get(r), outer = outerId >= 0 ? flowTable.at(outerId) : undefined;
  if (!m || !outer) return undefined;
  const from = cols.rowBits[r] & ROW_BITS.OUTER_DIR ? outer.addrB : outer.addrA;
  return icmpNoteFacts(m, flow, cols.dir[r], from, mtu, quotedKind(cols.stream[r] >= 0, cols.tcpFlags[r]));
}
