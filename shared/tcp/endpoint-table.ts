/**
 * Wireshark's TCP endpoints (Statistics ▸ Endpoints ▸ TCP; `tshark -q -z endpoints,tcp`): per address and port, the
 * packets and bytes it sent (Tx) and received (Rx). packet-tcp.c feeds the endpoint tap the same segments as the
 * conversation tap, so the rows follow from the conversation table: each conversation's A→B counts are A's Tx and
 * B's Rx, and an address/port in several conversations (ports reused, a server with many clients) adds them up.
 *
 * Order, as tap-endpoints.c prints: most packets first; equal ones in the order the endpoints first appeared — the tap
 * adds a packet's source, then its destination, so an endpoint appears with the first counted packet of the earliest
 * conversation it is in, its sender before its receiver.
 */

/** One TCP conversation as the endpoint table reads it; A is the sender of its first counted packet. */
export interface EndpointPairInput {
  addrA: string; portA: number; addrB: string; portB: number;
  framesAtoB: number; bytesAtoB: number; framesBtoA: number; bytesBtoA: number;
  /** Its first counted packet's frame number (orders the endpoints' first appearance). */
  firstFrame: number;
}

export interface EndpointRow {
  addr: string; port: number;
  txFrames: number; txBytes: number; rxFrames: number; rxBytes: number;
}

export function endpointRows(conversations: readonly EndpointPairInput[]): EndpointRow[] {
  const byKey = new Map<string, EndpointRow>();
  const take = (addr: string, port: number): EndpointRow => {
    const key = `${addr} ${port}`;
    let row = byKey.get(key);
    if (!row) { row = { addr, port, txFrames: 0, txBytes: 0, rxFrames: 0, rxBytes: 0 }; byKey.set(key, row); }
    return row;
  };
  for (const c of [...conversations].sort((x, y) => x.firstFrame - y.firstFrame)) {
    if (c.framesAtoB + c.framesBtoA === 0) continue;
    const a = take(c.addrA, c.portA), b = take(c.addrB, c.portB);
    a.txFrames += c.framesAtoB; a.txBytes += c.bytesAtoB; a.rxFrames += c.framesBtoA; a.rxBytes += c.bytesBtoA;
    b.txFrames += c.framesBtoA; b.txBytes += c.bytesBtoA; b.rxFrames += c.framesAtoB; b.rxBytes += c.bytesAtoB;
  }
  // A stable sort keeps first appearance among equal totals (the Map keeps insertion order).
  return [...byKey.values()].sort((x, y) => (y.txFrames + y.rxFrames) - (x.txFrames + x.rxFrames));
}

/** The table as `tshark -q -z endpoints,tcp[,FILTER]` prints it (tap-endpoints.c). */
export function formatEndpointTable(rows: readonly EndpointRow[], filter: string | null = null): string {
  const bar = '='.repeat(80);
  const r = (n: number, w: number): string => String(n).padStart(w);
  let out = `${bar}\nTCP Endpoints\nFilter:${filter ?? '<No Filter>'}\n`;
  out += '                       |  Port  ||  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n';
  for (const e of rows) {
    out += `${e.addr.padEnd(20)}      ${r(e.port, 5)}     ${r(e.txFrames + e.rxFrames, 6)}     ${r(e.txBytes + e.rxBytes, 9)}`
      + `     ${r(e.txFrames, 6)}       ${r(e.txBytes, 9)}      ${r(e.rxFrames, 6)}       ${r(e.rxBytes, 9)}   \n`;
  }
  return `${out}${bar}\n`;
}
