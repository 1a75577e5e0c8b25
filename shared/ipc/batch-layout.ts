/**
 * The packet-row batch: one ArrayBuffer holding typed-array columns, one row per frame.
 *
 * Contract: the worker fills a `PacketColumns` with `rows` rows and ships `encodeBatch()`'s buffer; every
 * receiver calls `decodeBatch()`, which checks the header and lengths and returns views over the same
 * buffer (no copy). Addresses and ports are not here: they travel once per flow (`flow` indexes the flow
 * table sent as conversation upserts). Adding a column is one line in `COLUMNS`; bump `BATCH_VERSION`.
 */

export const BATCH_MAGIC = 0x53594e42; // 'SYNB'
export const BATCH_VERSION = 6;

type TypedArrayCtor =
  | Uint8ArrayConstructor | Uint16ArrayConstructor | Uint32ArrayConstructor
  | Int32ArrayConstructor | Float64ArrayConstructor;

/** Column table. Order is the wire order. */
export const COLUMNS = [
  { name: 'frame', type: Uint32Array },          // 1-based frame number (tshark frame.number)
  { name: 'tsSec', type: Float64Array },         // capture time, whole seconds since the epoch
  { name: 'tsNsec', type: Uint32Array },         // nanoseconds within the second, < 10^9 (capture-record.ts)
  { name: 'tsPrec', type: Uint8Array },          // fraction digits of the record's time (CaptureRecord.tsPrec)
  { name: 'capLen', type: Uint32Array },         // bytes captured
  { name: 'origLen', type: Uint32Array },        // bytes on the wire (frame.len)
  { name: 'fileOffset', type: Float64Array },    // offset of the record's packet bytes in the file (> 4 GiB safe)
  { name: 'iface', type: Uint16Array },          // pcapng interface id (0 for pcap)
  { name: 'linkType', type: Uint16Array },       // LINKTYPE_* of the record's interface
  { name: 'flow', type: Int32Array },            // index into the flow table (addresses, ports, protocol); -1 if no IP
  { name: 'stream', type: Int32Array },          // tcp.stream, -1 for non-TCP
  { name: 'dir', type: Uint8Array },             // 0: sender is the flow's endpoint A (canonical order), 1: endpoint B
  { name: 'l3', type: Uint8Array },              // 0 none/other, 4 IPv4, 6 IPv6
  { name: 'proto', type: Uint8Array },           // IP protocol of the transport header (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6), 0 none
  { name: 'decodeProblem', type: Uint8Array },   // WireProblemCode of the first undecodable layer, 0 when clean
  { name: 'tcpFlags', type: Uint16Array },       // 12 flag bits as tshark's tcp.flags (AE..FIN)
  { name: 'seqRel', type: Uint32Array },         // tcp.seq (relative)
  { name: 'ackRel', type: Uint32Array },         // tcp.ack (relative; the raw ack field when no ACK flag, as tshark 4.0)
  { name: 'seqRaw', type: Uint32Array },         // tcp.seq_raw
  { name: 'ackRaw', type: Uint32Array },         // tcp.ack_raw
  { name: 'payloadLen', type: Uint32Array },     // tcp.len (or UDP payload length)
  { name: 'window', type: Uint16Array },         // tcp.window_size_value (raw 16 bits)
  { name: 'windowScaled', type: Int32Array },    // tcp.window_size (raw when the scale is unknown or unused, as tshark); -1 non-TCP
  { name: 'analysis', type: Uint32Array },       // TCP_A_* bits (Wireshark values)
  { name: 'dupAckNum', type: Uint32Array },      // n of "Dup ACK frame#n", 0 when not a dup ACK
  { name: 'relatedFrame', type: Uint32Array },   // dup ACK's original frame / retransmission's original, 0 none
  { name: 'rtoFrame', type: Uint32Array },       // tcp.analysis.rto_frame of a retransmission (tshark 4.0: the eldest unacked segment), 0 none
  { name: 'ackedFrame', type: Uint32Array },     // tcp.analysis.acks_frame: the segment this ACK covers, 0 none
  { name: 'ackRttNs', type: Float64Array },      // tcp.analysis.ack_rtt in ns, NaN when none (negative: the clock ran backwards)
  { name: 'bytesInFlight', type: Uint32Array },  // tcp.analysis.bytes_in_flight, 0 when none (shared/tcp/bytes-in-flight.ts)
  { name: 'completeness', type: Uint8Array },    // tcp.completeness after this packet (running value, this packet included)
  { name: 'phase', type: Uint8Array },           // Phase enum (shared/tcp)
  { name: 'step', type: Uint8Array },            // Step enum within the phase (shared/tcp)
  { name: 'stateA', type: Uint8Array },          // endpoint A's EndpointState after this packet
  { name: 'stateB', type: Uint8Array },          // endpoint B's EndpointState after this packet
  { name: 'note', type: Uint16Array },           // main annotation template id (shared/tcp), 0 none
  { name: 'rowBits', type: Uint16Array },        // ROW_BITS: facts of the record tshark's fields depend on
  { name: 'outerFlow', type: Int32Array },       // flow of the outer IP layer (tunnel, ICMP error), -1 when the row has one IP layer
  { name: 'colorFacts', type: Uint8Array },      // COLOR_FACTS byte (shared/wire/decoded-packet.ts): what the coloring rules test beyond these
  { name: 'icmp', type: Uint32Array },           // the first ICMP header: version << 16 | type << 8 | code (shared/wire/icmp-messages.ts), 0 none
] as const satisfies readonly { name: string; type: TypedArrayCtor }[];

type ColumnSpec = (typeof COLUMNS)[number];
export type ColumnName = ColumnSpec['name'];
/** Bits of the `rowBits` column. */
export const ROW_BITS = {
  /** The record has no timestamp (pcapng Simple Packet Block): no frame.time_relative. */
  NO_TIMESTAMP: 1,
  /**
   * The TCP header is no whole segment: quoted inside an ICMP error, or in a first IP fragment (SynAck does not
   * reassemble): no tcp.len, raw tcp.seq.
   */
  QUOTED: 2,
  /** Some TCP payload bytes were captured (tcp.payload exists; a snaplen may have cut them all). */
  PAYLOAD_CAPTURED: 4,
  /** In `outerFlow`, the outer layer's sender is endpoint B (as `dir` is for `flow`). */
  OUTER_DIR: 8,
  /** The frame holds IPv4 / IPv6 / UDP at some layer, as tshark counts them (DecodedPacket.layersSeen). */
  IPV4_SEEN: 16,
  IPV6_SEEN: 32,
  UDP_SEEN: 64,
  /** A TCP header cut after 4–15 bytes: tcp with its ports (in the row's flow) and nothing else, no stream. */
  TCP_PORTS_ONLY: 128,
  /** AE, CWR and ECE are the AccECN ACE counter (shared/tcp/acc-ecn.ts): tshark shows tcp.flags.ace, not those three. */
  ACE_COUNTER: 256,
  /**
   * An IP fragment that shows no transport header: a later fragment, or one kept for a reassembly it did not
   * complete (the frame that completes a datagram shows the datagram instead).
   */
  IP_FRAGMENT: 512,
  /** The innermost IPv4 header carries an authentication header (LAYER_SEEN.INNER_AH): its ip.proto is 51. */
  IPV4_AH: 1024,
  /**
   * The TCP header's 20 fixed bytes are captured within the IP payload (DecodedPacket.tcpFixedHeader): tshark shows
   * the stream times (tcp.time_relative, tcp.time_delta), which a header cut after its window field lacks.
   */
  TCP_FIXED_HEADER: 2048,
  /**
   * packet-tcp.c keeps a SEQ/ACK analysis record for this segment (where tshark shows tcp.analysis.initial_rtt): an
   * ACK that matched a segment, an ACK beyond the peer's contiguous mark, a pure SYN on its side's known ISN, or data
   * whose bytes in flight are tracked. A row with an expert flag (the analysis column) has one too.
   */
  ANALYSIS_RECORD: 4096,
  /**
   * The sender's bytes in flight were tracked for this segment (shared/tcp/bytes-in-flight.ts): its length went into
   * the direction's count of bytes sent since the last PSH, which the window works out again from these rows
   * (tcp.analysis.push_bytes_sent, shown where the bytes in flight are).
   */
  BIF_TRACKED: 8192,
  /**
   * The packet counts in its TCP conversation's packets and bytes (tshark's conv,tcp tap saw it): the window adds these
   * rows up again for a conversation table limited to a display filter.
   */
  CONVERSATION_COUNTED: 16384,
  /**
   * A TCP_PORTS_ONLY header quoted in an ICMPv4 error with its sequence number (DecodedPacket.tcpSeqQuoted): tshark shows
   * tcp.seq, raw, which `seqRel` holds on such a row.
   */
  TCP_SEQ_QUOTED: 32768,
} as const;

export type ColumnArray<N extends ColumnName> = InstanceType<Extract<ColumnSpec, { name: N }>['type']>;

/** Typed-array columns with a shared row count. */
export type PacketColumns = { rows: number } & { [N in ColumnName]: ColumnArray<N> };

const HEADER_BYTES = 16; // magic u32, version u32, rows u32, reserved u32 (little-endian)
const align8 = (n: number): number => (n + 7) & ~7;

/** Byte offset of each column in a batch of `rows` rows, 8-byte aligned so every view is legal. */
export function columnOffsets(rows: number): { offsets: number[]; total: number } {
  const offsets: number[] = [];
  let at = HEADER_BYTES;
  for (const c of COLUMNS) {
    offsets.push(at);
    at = align8(at + rows * c.type.BYTES_PER_ELEMENT);
  }
  return { offsets, total: at };
}

/**
 * A columns object built in one step. Object.fromEntries gives it fast properties with one shape for every
 * batch; adding 30-odd properties one computed-key store at a time leaves V8 a dictionary-mode object, and
 * every `cols.x[row]` on the per-packet path became a hash lookup (measured: ~20% of the pipeline's time).
 */
function columnsObject(rows: number, make: (c: ColumnSpec, i: number) => ColumnSpec['type']['prototype']): PacketColumns {
  return Object.fromEntries([['rows', rows], ...COLUMNS.map((c, i) => [c.name, make(c, i)])]) as PacketColumns;
}

/** Allocates columns with room for `capacity` rows (the worker reuses one of these per batch). */
export function allocateColumns(capacity: number): PacketColumns {
  const cols = columnsObject(0, (c) => new c.type(capacity));
  // Hand-filled columns (tests, benches) must not point every row at flow 0's outer layer, nor give it an ACK RTT of 0.
  cols.outerFlow.fill(-1);
  cols.ackRttNs.fill(NaN);
  return cols;
}

/**
 * Columns carved from one ArrayBuffer laid out as the encoded batch of `capacity` rows, so that once they hold
 * `capacity` rows `takeFullBatch` hands that buffer over instead of copying it (the worker's batches).
 * `spare`: a buffer of an earlier batch to fill again (zeroed first, so the columns start as fresh ones would);
 * taken only when it has this layout's size.
 */
export function allocateBatchColumns(capacity: number, spare?: ArrayBuffer): PacketColumns {
  const { offsets, total } = columnOffsets(capacity);
  const buf = spare?.byteLength === total ? spare : new ArrayBuffer(total);
  if (buf === spare) new Uint8Array(buf).fill(0);
  const cols = columnsObject(0, (c, i) => new c.type(buf, offsets[i], capacity));
  cols.outerFlow.fill(-1);
  cols.ackRttNs.fill(NaN);
  return cols;
}

/**
 * The encoded batch of columns whose every row is filled and which already lie in the encoded layout
 * (allocateBatchColumns, decodeBatch): their own buffer with the header written, no copy. Null for any other
 * columns. The buffer is the batch from now on: the columns must not be written again.
 */
export function takeFullBatch(cols: PacketColumns): ArrayBuffer | null {
  const rows = cols.rows, buf = cols.frame.buffer;
  if (!(buf instanceof ArrayBuffer) || cols.frame.length !== rows) return null;
  const { offsets, total } = columnOffsets(rows);
  if (buf.byteLength !== total) return null;
  for (let i = 0; i < COLUMNS.length; i++) {
    const col = cols[COLUMNS[i].name];
    if (col.buffer !== buf || col.byteOffset !== offsets[i] || col.length !== rows) return null;
  }
  writeHeader(buf, rows);
  return buf;
}

/** Bytes of a full batch of `rows` rows in the encoded layout (what takeFullBatch hands over). */
export function batchBytes(rows: number): number {
  return columnOffsets(rows).total;
}

function writeHeader(buf: ArrayBuffer, rows: number): void {
  const head = new DataView(buf);
  head.setUint32(0, BATCH_MAGIC, true);
  head.setUint32(4, BATCH_VERSION, true);
  head.setUint32(8, rows, true);
}

/** Copies the first `cols.rows` rows into one flat ArrayBuffer, ready to send. */
export function encodeBatch(cols: PacketColumns): ArrayBuffer {
  const rows = cols.rows;
  const { offsets, total } = columnOffsets(rows);
  const buf = new ArrayBuffer(total);
  writeHeader(buf, rows);
  COLUMNS.forEach((c, i) => {
    const src = cols[c.name] as InstanceType<TypedArrayCtor>;
    new c.type(buf, offsets[i], rows).set(src.subarray(0, rows) as never);
  });
  return buf;
}

export class BatchError extends Error {
  override name = 'BatchError';
}

/** Views over a received batch (no copy). Throws BatchError when the header or the length is wrong. */
export function decodeBatch(buf: ArrayBuffer): PacketColumns {
  if (buf.byteLength < HEADER_BYTES) throw new BatchError(`batch of ${buf.byteLength} bytes is shorter than its header`);
  const head = new DataView(buf);
  if (head.getUint32(0, true) !== BATCH_MAGIC) throw new BatchError('batch magic is wrong');
  const version = head.getUint32(4, true);
  if (version !== BATCH_VERSION) throw new BatchError(`batch version ${version}, expected ${BATCH_VERSION}`);
  const rows = head.getUint32(8, true);
  const { offsets, total } = columnOffsets(rows);
  if (total !== buf.byteLength) throw new BatchError(`batch of ${rows} rows needs ${total} bytes, got ${buf.byteLength}`);
  return columnsObject(rows, (c, i) => new c.type(buf, offsets[i], rows));
}
