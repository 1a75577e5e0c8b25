/**
 * A flow: the address/port pair of a TCP conversation (or a UDP/ICMP/other IP pair), sent once per flow
 * instead of once per packet. Endpoint A is the canonical first endpoint (Wireshark's order: address,
 * then port); a packet row's `dir` is 0 when A sent it. `stream` is the tcp.stream index or -1.
 */
export interface FlowInfo {
  id: number;
  l3: 4 | 6;
  proto: number;
  /** Addresses as text (dotted quad / RFC 5952 IPv6). */
  addrA: string;
  addrB: string;
  /** Raw address bytes (4 or 16) for CIDR matching. */
  addrBytesA: Uint8Array;
  addrBytesB: Uint8Array;
  portA: number;
  portB: number;
  stream: number;
}

/** Flows by id: an array of FlowInfo, or a table that builds them on demand (the renderer's FlowColumns). */
export interface FlowLookup {
  /** One past the highest id. */
  readonly length: number;
  at(id: number): FlowInfo | undefined;
}
