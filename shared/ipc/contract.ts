/**
 * The one contract between the capture worker and its consumers (Electron main, the renderer, the web
 * host, the CLI, tests). Every message has a `feature.verb` name and its payload type comes from one of
 * three maps, so a name fixes its type everywhere:
 * - `Requests`: consumer → worker, answered exactly once by a response carrying the same id;
 * - `Events`: worker → consumer, one-way (packet rows travel as `packets.batch`, a raw binary frame);
 * - `Commands`: consumer → worker, one-way (flow-control credits).
 * Every receiver validates a payload with `shared/ipc/validate.ts` before using it; the frame codec
 * (`shared/ipc/frame-codec.ts`) carries them. Bump PROTOCOL_VERSION on any change to these types.
 *
 * Stream order on one connection: `hello` first; then per source (file or live capture) `source.start`,
 * any number of `packets.batch` / `flows.upsert` / `conversations.upsert` / `file.progress` /
 * `capture.stats`, then `file.end` (files only) and `end`. A batch is sent only while the consumer holds
 * credits (`credits.grant`); at zero credits the worker stops reading the file (live capture keeps
 * writing its session pcapng and reports how far behind the consumer is in `capture.stats`).
 */
import type { CaptureFileProperties } from '../capture-file/capture-file-scan';
import type { DetailNode } from '../wire/detail-node';
import type { FlowInfo } from './flow';

export const PROTOCOL_VERSION = 2;

/** Largest frame payload any side accepts (a 4,096-row batch is ~0.5 MiB; a detail reply ≤ ~0.7 MiB). */
export const MAX_FRAME_PAYLOAD = 16 * 1024 * 1024;

/** Rows per batch the worker aims for, and the longest a row waits before its batch is flushed. */
export const BATCH_ROWS = 4096;
export const BATCH_MAX_DELAY_MS = 50;

// ---------------------------------------------------------------------------------------------------
// Payload types

export interface LiveCaptureCapability {
  available: boolean;
  /** Why not (missing `cap` module, no permission …) and how to enable it; null when available. */
  reason: string | null;
}

export interface Capabilities {
  liveCapture: LiveCaptureCapability;
  /** Formats the file reader understands. */
  formats: string[];
  /** process.platform of the worker. */
  platform: string;
}

export interface Hello {
  protocol: number;
  /** BATCH_VERSION of shared/ipc/batch-layout.ts. */
  batchVersion: number;
  pid: number;
  /** Effective uid of the worker (after any privilege drop); null on platforms without uids. */
  uid: number | null;
  capabilities: Capabilities;
}

export type SourceKind = 'file' | 'live';

/** Sent before the first row of a source: a consumer resets its columns, flows and conversations here. */
export interface SourceStart {
  /** Worker-assigned id, increasing; later messages of this source belong to it until `end`. */
  source: number;
  kind: SourceKind;
  /** File path, or the session pcapng a live capture writes. */
  path: string;
  /** Interface name for live captures, null for files. */
  iface: string | null;
  /** File size in bytes when known (files), null for live. */
  bytesTotal: number | null;
}

export interface FileOpenRequest { path: string }
export interface FileOpenResult { source: number; path: string; bytesTotal: number }

export interface FileProgress { source: number; bytesRead: number; bytesTotal: number; frames: number }

/** A capture-file problem (shared/capture-file): everything before `offset` was kept. */
export interface CaptureProblemInfo { code: string; offset: number; message: string }

export interface FileEnd {
  source: number;
  frames: number;
  bytesRead: number;
  /** The file's first problem (truncated record, bad block …), null when the file read cleanly. */
  problem: CaptureProblemInfo | null;
}

export interface CaptureStartRequest {
  iface: string;
  /** BPF capture filter ('' for none). */
  filter?: string;
  snaplen?: number;
  promisc?: boolean;
}
export interface CaptureStartResult { source: number; iface: string; sessionFile: string }

export interface CaptureStats {
  source: number;
  /** Packets the kernel delivered / dropped (pcap_stats ps_recv / ps_drop + ps_ifdrop). */
  received: number;
  dropped: number;
  /** Packets written to the session file. */
  written: number;
  /** Packets written to the session file but not yet delivered to this consumer (flow control). */
  behindBy: number;
}

export interface InterfaceAddress { family: 4 | 6; addr: string; netmask: string | null }
export interface InterfaceInfo {
  name: string;
  description: string | null;
  addresses: InterfaceAddress[];
  up: boolean;
  loopback: boolean;
  running: boolean;
  /** LINKTYPE_* and its name, when libpcap could open the interface to tell (null otherwise). */
  linkType?: number | null;
  linkTypeName?: string | null;
}
export interface InterfacesListResult { interfaces: InterfaceInfo[] }

export interface FlowsUpsert { source: number; flows: FlowInfo[] }

/** How a conversation ended, as seen on the wire. */
export type ConversationEnd =
  | 'open'          // no FIN or RST yet
  | 'half-closed'   // FIN from one side only
  | 'closed'        // FIN from both sides
  | 'reset'         // RST seen (possibly after FINs)
  | 'unreachable';  // no FIN or RST, and nothing after an ICMP "destination unreachable" about it

/** Wireshark expert items counted per conversation (tcp.analysis.* flags). */
export interface ExpertCounts {
  retransmissions: number;
  fastRetransmissions: number;
  spuriousRetransmissions: number;
  outOfOrder: number;
  lostSegments: number;
  ackedUnseen: number;
  dupAcks: number;
  zeroWindows: number;
  windowFull: number;
  keepAlives: number;
  reusedPorts: number;
  /** ICMP errors quoting one of the conversation's headers (not a Wireshark expert flag: SynAck counts them here). */
  icmpErrors: number;
}

/** One TCP conversation (tcp.stream) summarised; sent when it changes, at most once per batch flush. */
export interface ConversationSummary {
  stream: number;
  /** Index in the flow table (addresses/ports); endpoint A/B as in FlowInfo. */
  flow: number;
  addrA: string; portA: number;
  addrB: string; portB: number;
  /** Which endpoint opened the connection (sent the SYN): 0 = A, 1 = B, -1 unknown (no SYN seen). */
  clientDir: -1 | 0 | 1;
  firstFrame: number; lastFrame: number;
  /** Capture times of the first and last packet: seconds since the epoch and nanoseconds. */
  firstSec: number; firstNsec: number;
  lastSec: number; lastNsec: number;
  /** Packets and frame bytes (frame.len) sent by A and by B. */
  packetsA: number; packetsB: number;
  bytesA: number; bytesB: number;
  /** TCP payload bytes sent by A and by B. */
  payloadA: number; payloadB: number;
  /** tcp.completeness bits: 1 SYN, 2 SYN-ACK, 4 ACK, 8 DATA, 16 FIN, 32 RST. */
  completeness: number;
  /** EndpointState (shared/tcp) of A and B after the last packet. */
  stateA: number; stateB: number;
  end: ConversationEnd;
  expert: ExpertCounts;
  /** tcp.analysis.initial_rtt in ns, -1 when the handshake was not seen. */
  irttNs: number;
  /**
   * The window scale shift A's and B's windows are read with (tcp.window_size_scalefactor = 2^shift): 0–14, -1 unknown
   * (no SYN seen), -2 no window scaling in use (packet-tcp.c win_scale).
   */
  winScaleA: number; winScaleB: number;
}

export interface ConversationsUpsert { source: number; conversations: ConversationSummary[] }

/**
 * Writes frames of the current source (file or live session) to a new pcapng file, in file order with their
 * original bytes, timestamps and interfaces (a pcap source is converted). What `path` may be depends on who
 * started the worker (electron/capture/export-gate.ts): a path main granted after its save dialog (the app),
 * a bare file name in the web host's export directory, any absolute path for a stdio consumer (CLI, tests).
 */
export interface FileExportRequest {
  path: string;
  /** 'all', or the frames to write as a bitmap (shared/ipc/frame-set.ts): bit n − 1 selects frame n. */
  frames: 'all' | Uint8Array;
  /** Packet comments the user edited (Edit ▸ Packet Comments): each replaces its frame's own, in the file written. */
  comments?: PacketCommentEdit[];
}

/** A frame's whole list of packet comments as the user left it (an empty list deletes the file's). */
export interface PacketCommentEdit { frame: number; comments: string[] }
/** Frames an export may carry edited comments for, comments per frame, and characters per comment (≤ 65,535 UTF-8 bytes: opt_comment's length is 16 bits). */
export const MAX_COMMENT_EDITS = 65_536;
export const MAX_COMMENTS_PER_PACKET = 32;
export const MAX_COMMENT_CHARS = 16_384;
/** `path`: the file written (absolute); `frames`: packets written; `bytes`: the file's size. */
export interface FileExportResult { path: string; frames: number; bytes: number }

/** Largest frame bitmap a request may carry: 2 MiB, 16,777,216 frames. */
export const MAX_EXPORT_BITMAP = 2 * 1024 * 1024;

export interface PacketDetailRequest { frame: number }

/**
 * "Why was this flagged?" with the numbers (electron/capture/flag-reasons.ts): the worker tracks the source again up
 * to `frame` and explains each analysis flag of that packet (shared/tcp/flag-explanation.ts): the rule that fired
 * with this packet's numbers, and the nearest rule that did not. Empty `flags` when the frame has none.
 * `stream` and `analysis` (the row's tcp.stream and TCP_A bits, as the consumer shows them) let the worker start at
 * the stream's first frame instead of the file's; an answer that does not reproduce `analysis` is worked out again
 * from the start, so a wrong hint costs time, never a wrong answer.
 */
export interface PacketWhyRequest { frame: number; stream?: number; analysis?: number }
export interface PacketWhyResult {
  frame: number;
  flags: { field: string; because: string; notBecause: string }[];
}

/**
 * Follow TCP Stream (electron/capture/follow-stream.ts): the payload of one tcp.stream put back in order as
 * Wireshark does it. `throughFrame`: the stream's last frame the consumer knows of, where the worker's pass stops.
 */
export interface StreamFollowRequest { stream: number; throughFrame?: number }
/** One piece of a followed stream: its sender (the server: the side that did not send the first segment) and frame. */
export interface StreamFollowRecord {
  server: boolean;
  frame: number;
  /** Wireshark's "[N bytes missing in capture file]" placeholder (its data is that text and a NUL). */
  missing: boolean;
  data: Uint8Array;
}
export interface StreamFollowResult {
  stream: number;
  /** Client (node 0) then server; empty when the stream has no segment the follow could read. */
  nodes: { addr: string; port: number }[];
  records: StreamFollowRecord[];
  /** Payload bytes shown per side: [client, server]. */
  bytes: number[];
  /** The stream holds more than FOLLOW_LIMIT_BYTES: the records are its beginning. */
  truncated: boolean;
}
/** Payload a follow answer carries at most (its base64 stays well inside MAX_FRAME_PAYLOAD). */
export const FOLLOW_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * A display filter's contains/matches over packet bytes, which the consumer does not hold (electron/capture/byte-match.ts):
 * the worker compiles `filter` as the consumer did and runs each of its byte tests (CompiledFilter.byteTests, in order)
 * on frames `fromFrame` … `throughFrame` of the source. (throughFrame − fromFrame + 1) × tests may not exceed
 * MAX_BYTE_MATCH_BITS: a consumer asks for a long capture in parts.
 */
export interface FilterBytesRequest { filter: string; fromFrame: number; throughFrame: number }
/**
 * `frames`: how many frames from `fromFrame` on were tested (fewer than asked when the source has fewer); per test a
 * bitmap of ⌈frames / 8⌉ bytes, bit i (least significant first) for frame fromFrame + i.
 */
export interface FilterBytesResult { fromFrame: number; frames: number; matches: Uint8Array[] }
/** Result bits one `filter.bytes` answer may hold: 8 MiB of bitmaps (their base64 stays inside MAX_FRAME_PAYLOAD). */
export const MAX_BYTE_MATCH_BITS = 64 * 1024 * 1024;
/** Byte tests (contains/matches) one filter may have for the worker to run. */
export const MAX_BYTE_TESTS = 64;

/**
 * One line of the detail tree (shared/wire/detail-node.ts, built by shared/wire/detail-tree.ts):
 * `label`, optional `value`, `start`/`length` bytes relative to the frame's first byte (for the hex view),
 * optional `children`.
 */
export type { DetailNode } from '../wire/detail-node';

export interface PacketDetail {
  frame: number;
  linkType: number;
  capLen: number;
  origLen: number;
  tsSec: number;
  tsNsec: number;
  /** The frame's captured bytes, read back from the file or the session pcapng. */
  bytes: Uint8Array;
  tree: DetailNode[];
}

export type ErrorCode =
  | 'protocol.version'    // peer speaks another PROTOCOL_VERSION
  | 'frame.invalid'       // bad magic, unknown frame type, oversize, truncated stream
  | 'message.invalid'     // a frame's JSON did not match the contract
  | 'request.unknown'     // a request name this side does not serve
  | 'request.failed'      // a request could not be served (see message)
  | 'file.unreadable'     // cannot open or read the file
  | 'file.format'         // not a pcap/pcapng file, or a fatal format problem
  | 'file.unwritable'     // file.export: the path is not allowed, or cannot be created or written
  | 'frame.unknown'       // packet.detail for a frame that does not exist (yet)
  | 'capture.unavailable' // no libpcap module, or live capture not possible here
  | 'capture.permission'  // not allowed to open the device
  | 'capture.filter'      // BPF filter does not compile
  | 'capture.interface'   // no such interface, or it went down
  | 'worker.exited'       // the worker process died or closed its stream
  | 'transport.closed'    // the socket/WebSocket closed
  | 'internal';           // a bug: anything else

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Fatal: the connection (or the worker) is gone; otherwise the current source or request failed only. */
  fatal: boolean;
  /** Source the error belongs to, when there is one. */
  source?: number;
}

export type EndReason = 'complete' | 'cancelled' | 'stopped' | 'failed';
export interface SourceEnd { source: number; reason: EndReason; frames: number }

// ---------------------------------------------------------------------------------------------------
// The maps

/** consumer → worker, answered once. Each entry is (request payload) => response payload. */
export interface Requests {
  'file.open': (req: FileOpenRequest) => FileOpenResult;
  /** Stops reading the current file (its `end` says 'cancelled'). */
  'file.cancel': (req: Record<string, never>) => { source: number | null };
  'capture.start': (req: CaptureStartRequest) => CaptureStartResult;
  'capture.stop': (req: Record<string, never>) => { source: number | null };
  'interfaces.list': (req: Record<string, never>) => InterfacesListResult;
  'packet.detail': (req: PacketDetailRequest) => PacketDetail;
  /** Why the packet's analysis flags were set, with its numbers (tracks the source again up to the frame). */
  'packet.why': (req: PacketWhyRequest) => PacketWhyResult;
  /** Save As / Export conversation / Export displayed: streams the chosen frames to a pcapng file. */
  'file.export': (req: FileExportRequest) => FileExportResult;
  /** Follow TCP Stream: one stream's payload in order. */
  'stream.follow': (req: StreamFollowRequest) => StreamFollowResult;
  /** contains/matches of a display filter: which frames each of its byte tests matches. */
  'filter.bytes': (req: FilterBytesRequest) => FilterBytesResult;
  /** Capture File Properties of the current source's file (a live capture's session pcapng so far). */
  'file.properties': (req: Record<string, never>) => CaptureFileProperties;
}

/** worker → consumer, one-way. */
export interface Events {
  'hello': Hello;
  'source.start': SourceStart;
  'file.progress': FileProgress;
  'file.end': FileEnd;
  'capture.stats': CaptureStats;
  /** Travels as a binary BATCH frame: shared/ipc/batch-layout.ts, decoded with decodeBatch(). */
  'packets.batch': ArrayBuffer;
  'flows.upsert': FlowsUpsert;
  'conversations.upsert': ConversationsUpsert;
  'error': ErrorInfo;
  'end': SourceEnd;
}

/** consumer → worker, one-way. */
export interface Commands {
  /** Lets the worker send `batches` more packet batches. */
  'credits.grant': { batches: number };
}

export type RequestName = keyof Requests;
export type RequestPayload<K extends RequestName> = Parameters<Requests[K]>[0];
export type ResponsePayload<K extends RequestName> = ReturnType<Requests[K]>;
export type EventName = keyof Events;
export type JsonEventName = Exclude<EventName, 'packets.batch'>;
export type EventPayload<K extends EventName> = Events[K];
export type CommandName = keyof Commands;
export type CommandPayload<K extends CommandName> = Commands[K];

export const REQUEST_NAMES: readonly RequestName[] = [
  'file.open', 'file.cancel', 'capture.start', 'capture.stop', 'interfaces.list', 'packet.detail', 'file.export',
  'stream.follow', 'filter.bytes', 'file.properties', 'packet.why',
];
export const EVENT_NAMES: readonly EventName[] = [
  'hello', 'source.start', 'file.progress', 'file.end', 'capture.stats', 'packets.batch',
  'flows.upsert', 'conversations.upsert', 'error', 'end',
];
export const COMMAND_NAMES: readonly CommandName[] = ['credits.grant'];

// ---------------------------------------------------------------------------------------------------
// Envelopes: the JSON inside REQUEST / RESPONSE / EVENT / COMMAND frames

export interface RequestMessage<K extends RequestName = RequestName> {
  id: number;
  name: K;
  payload: RequestPayload<K>;
}

export type ResponseMessage<K extends RequestName = RequestName> =
  | { id: number; name: K; ok: true; result: ResponsePayload<K> }
  | { id: number; name: K; ok: false; error: ErrorInfo };

export interface EventMessage<K extends JsonEventName = JsonEventName> {
  name: K;
  payload: EventPayload<K>;
}

export interface CommandMessage<K extends CommandName = CommandName> {
  name: K;
  payload: CommandPayload<K>;
}

/** Credits a consumer grants when it connects: at most this many batches in flight. */
export const INITIAL_CREDITS = 4;
