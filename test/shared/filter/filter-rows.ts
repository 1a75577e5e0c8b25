/**
 * Test rows for the filter: a few hand-written packets as columns plus their flow table. Small and explicit,
 * so each expectation can be checked by eye. (The corpus differential test uses the real pipeline.)
 */
import { allocateColumns, type PacketColumns } from '../../../shared/ipc/batch-layout';
import type { FlowInfo } from '../../../shared/ipc/flow';

export type RowSpec = Partial<{ [K in Exclude<keyof PacketColumns, 'rows'>]: number }>;

/** Columns holding `specs` in order; unspecified TCP-ish defaults: no flow, non-TCP (stream -1). */
export function columnsOf(specs: RowSpec[]): PacketColumns {
  const cols = allocateColumns(specs.length);
  cols.rows = specs.length;
  cols.stream.fill(-1);
  cols.flow.fill(-1);
  cols.windowScaled.fill(-1);
  cols.ackRttNs.fill(NaN);
  specs.forEach((spec, i) => {
    cols.frame[i] = i + 1;
    for (const [k, v] of Object.entries(spec)) (cols as unknown as Record<string, { [i: number]: number }>)[k][i] = v as number;
  });
  return cols;
}

const v4 = (s: string): Uint8Array => Uint8Array.from(s.split('.').map(Number));

export function flow4(id: number, proto: number, a: string, portA: number, b: string, portB: number, stream = -1): FlowInfo {
  return { id, l3: 4, proto, addrA: a, addrB: b, addrBytesA: v4(a), addrBytesB: v4(b), portA, portB, stream };
}

export function flow6(id: number, proto: number, a: Uint8Array, portA: number, b: Uint8Array, portB: number, stream = -1): FlowInfo {
  return { id, l3: 6, proto, addrA: '', addrB: '', addrBytesA: a, addrBytesB: b, portA, portB, stream };
}
