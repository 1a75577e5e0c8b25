/**
 * Apply as Filter from the packet list: the display filter matching what a row's cell shows, as Wireshark's list
 * offers its column's field — the source or destination address (ip.src / ipv6.src …), the flags, the relative seq
 * and ack, the window as sent, the payload length, the frame number, the stream; the Info cell stands for the row's
 * TCP conversation (tcp.stream) too. Null where the cell shows nothing a filter could match.
 */
import type { FlowLookup } from '../../shared/ipc/flow';
import { hexValue } from '../../shared/wire/detail-node';
import type { ColumnId } from '../stores/view-settings';
import type { StoredColumns } from '../stores/packet-columns';
import type { RowText } from './packet-row';

export interface CellFilter { field: string; label: string }

/** The filter of a built-in column's cell; a custom column's is its field's (renderer/stores/custom-columns.ts customCellFilter). */
export function cellFilter(cols: StoredColumns, flows: FlowLookup, text: RowText, column: ColumnId): CellFilter | null {
  const r = text.row;
  const tcp = cols.stream[r] >= 0;
  switch (column) {
    case 'frame': return { field: `frame.number == ${text.frame}`, label: 'No.' };
    case 'source': case 'destination': {
      const flow = cols.flow[r] >= 0 ? flows.at(cols.flow[r]) : undefined;
      if (!flow) return null;
      const src = (column === 'source') === (cols.dir[r] === 0);
      const ip = flow.l3 === 6 ? 'ipv6' : 'ip';
      return { field: `${ip}.${column === 'source' ? 'src' : 'dst'} == ${src ? flow.addrA : flow.addrB}`, label: column === 'source' ? 'Source' : 'Destination' };
    }
    case 'flags': return tcp ? { field: `tcp.flags == ${hexValue(cols.tcpFlags[r], 4)}`, label: 'Flags' } : null;
    case 'seq': return tcp && text.seq !== '' ? { field: `tcp.seq == ${text.seq}`, label: 'Seq' } : null;
    case 'ack': return tcp && text.ack !== '' ? { field: `tcp.ack == ${text.ack}`, label: 'Ack' } : null;
    case 'win': return tcp && text.win !== '' ? { field: `tcp.window_size_value == ${text.win}`, label: 'Win' } : null;
    case 'len': return tcp && text.len !== '' ? { field: `tcp.len == ${text.len}`, label: 'Len' } : null;
    case 'stream': case 'info': return tcp ? { field: `tcp.stream == ${cols.stream[r]}`, label: 'TCP conversation' } : null;
    default: return null;
  }
}
