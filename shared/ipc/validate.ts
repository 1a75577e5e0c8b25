/**
 * Runtime guards for every message of shared/ipc/contract.ts, run by every receiver on every frame. A
 * frame turns into an `Incoming` value or an `ErrorInfo` ('frame.invalid' / 'message.invalid' /
 * 'request.unknown'): unknown or malformed input is an error value, never undefined behaviour and never
 * a throw. Batches get header and length checks only (decodeBatch); their bytes are plain numbers.
 */
import { MAX_PACKET_COMMENTS } from '../capture-file/capture-file-scan';
import { BatchError, decodeBatch, type PacketColumns } from './batch-layout';
import {
  arrayOf, bool, bytes, type Check, i32, int, literal, nullable, num, obj, recursive, str, u32, uint,
} from './checks';
import {
  COMMAND_NAMES, FOLLOW_LIMIT_BYTES, MAX_COMMENT_CHARS, MAX_COMMENT_EDITS, MAX_COMMENTS_PER_PACKET, MAX_BYTE_MATCH_BITS, MAX_BYTE_TESTS, MAX_EXPORT_BITMAP, type CommandMessage, type CommandName, type ErrorInfo, EVENT_NAMES, type EventMessage,
  type JsonEventName, REQUEST_NAMES, type RequestMessage, type RequestName, type ResponseMessage,
} from './contract';
import { type Frame, FrameType } from './frame-codec';
import { decodeWireJson } from './wire-json';

const empty = obj({});
const sourceId = uint;
const MAX_ITEMS = 1_000_000;
/**
 * Nanoseconds within a second. Not capped at 999,999,999: a malformed pcap can hold a microsecond field
 * ≥ 10^6 (tcpdump prints it as is), and the worker reports what the file says.
 */
const nsec = uint;

const errorCode = literal(
  'protocol.version', 'frame.invalid', 'message.invalid', 'request.unknown', 'request.failed', 'file.unreadable',
  'file.format', 'file.unwritable', 'frame.unknown', 'capture.unavailable', 'capture.permission', 'capture.filter', 'capture.interface',
  'worker.exited', 'transport.closed', 'internal',
);
const errorInfo = obj({ code: errorCode, message: str(65536), fatal: bool }, { source: sourceId });

const flowInfo = obj({
  id: uint, l3: literal(4, 6), proto: int(0, 255), addrA: str(64), addrB: str(64),
  addrBytesA: bytes(16, [4, 16]), addrBytesB: bytes(16, [4, 16]), portA: int(0, 65535), portB: int(0, 65535), stream: i32,
});

const expertCounts = obj(Object.fromEntries([
  'retransmissions', 'fastRetransmissions', 'spuriousRetransmissions', 'outOfOrder', 'lostSegments', 'ackedUnseen',
  'dupAcks', 'zeroWindows', 'windowFull', 'keepAlives', 'reusedPorts', 'icmpErrors',
].map((k) => [k, uint])));

const conversation = obj({
  stream: uint, flow: uint, addrA: str(64), portA: int(0, 65535), addrB: str(64), portB: int(0, 65535),
  clientDir: literal(-1, 0, 1), firstFrame: uint, lastFrame: uint,
  firstSec: num, firstNsec: nsec, lastSec: num, lastNsec: nsec,
  packetsA: uint, packetsB: uint, bytesA: uint, bytesB: uint, payloadA: uint, payloadB: uint,
  completeness: int(0, 63), stateA: int(0, 255), stateB: int(0, 255),
  end: literal('open', 'half-closed', 'closed', 'reset', 'unreachable'), expert: expertCounts, irttNs: num,
  winScaleA: int(-2, 14), winScaleB: int(-2, 14),
});

const detailNode: Check = recursive((self) => obj(
  { label: str(4096), start: int(-1, 0x7fffffff), length: uint },
  { value: str(65536), children: arrayOf(self, 65536), filter: str(1024), collapsed: bool, frame: uint },
), 64);

const interfaceInfo = obj({
  name: str(256), description: nullable(str(1024)),
  addresses: arrayOf(obj({ family: literal(4, 6), addr: str(64), netmask: nullable(str(64)) }), 256),
  up: bool, loopback: bool, running: bool,
}, { linkType: nullable(int(0, 0xffff)), linkTypeName: nullable(str(64)) });

/** A path to write: non-empty, no NUL (the worker's export gate decides where it may point). */
const exportPath: Check = (v, p) => str(4096)(v, p) ?? ((v as string).length === 0 || (v as string).includes('\0')
  ? `${p}: expected a non-empty file path without NUL characters` : null);

/** 'all', or a frame bitmap (shared/ipc/frame-set.ts) with at least one frame in it. */
const exportFrames: Check = (v, p) => {
  if (v === 'all') return null;
  if (!(v instanceof Uint8Array)) return `${p}: expected 'all' or a frame bitmap, got ${String(JSON.stringify(v) ?? typeof v).slice(0, 40)}`;
  const bad = bytes(MAX_EXPORT_BITMAP)(v, p);
  if (bad) return bad;
  return v.some((b) => b !== 0) ? null : `${p}: selects no frame`;
};

/** A frame range of `filter.bytes`: throughFrame not before fromFrame (the bits limit is the worker's, per filter). */
const filterBytesRequest: Check = (v, p) => obj({ filter: str(4096), fromFrame: int(1, 0xffffffff), throughFrame: int(1, 0xffffffff) })(v, p)
  ?? ((v as { fromFrame: number; throughFrame: number }).throughFrame < (v as { fromFrame: number }).fromFrame ? `${p}.throughFrame: before fromFrame` : null);

/** A `filter.bytes` answer: one bitmap per byte test, each ⌈frames / 8⌉ bytes, within MAX_BYTE_MATCH_BITS together. */
const filterBytesResult: Check = (v, p) => {
  const bad = obj({ fromFrame: int(1, 0xffffffff), frames: uint, matches: arrayOf(bytes(MAX_BYTE_MATCH_BITS / 8), MAX_BYTE_TESTS) })(v, p);
  if (bad) return bad;
  const r = v as { frames: number; matches: Uint8Array[] };
  if (r.frames * r.matches.length > MAX_BYTE_MATCH_BITS) return `${p}: more than ${MAX_BYTE_MATCH_BITS} result bits`;
  const want = Math.ceil(r.frames / 8);
  const wrong = r.matches.findIndex((m) => m.length !== want);
  return wrong < 0 ? null : `${p}.matches[${wrong}]: expected ${want} bytes for ${r.frames} frames, got ${r.matches[wrong].length}`;
};

/** Text a capture file carries (comments, names): long, but bounded. */
const fileText = str(1 << 20);
const texts = arrayOf(fileText, 4096);
const encapsulation = obj({ wtap: int(0, 0xffff), name: str(64), description: str(256) });
const packetTime = obj({ sec: num, nsec: i32, precision: int(-2, 9) });
const counter = nullable(uint);
const interfaceProperties = obj({
  encapsulation, captureLength: u32, precision: int(-2, 9), ticksPerSecond: num, comments: texts, packets: uint, section: uint,
  statistics: obj({ entries: uint, comments: texts }, { received: counter, dropped: counter, filterAccepted: counter, osDropped: counter, delivered: counter }),
}, {
  name: fileText, description: fileText, hardware: fileText, speed: uint, fcsLen: int(-128, 127), tsresol: int(0, 255), os: fileText,
  filter: obj({ kind: literal('pcap', 'bpf', 'other') }, { text: fileText, instructions: uint, type: int(0, 255) }),
});
const fileProperties = obj({
  format: literal('pcap', 'pcapng'), fileType: obj({ name: str(64), description: str(256) }), compressed: bool, fileSize: uint,
  sha256: str(64), sha1: str(40), encapsulation: nullable(encapsulation),
  encapsulationCounts: arrayOf(obj({ encapsulation, packets: uint }), 4096), precision: int(-2, 9), snaplen: u32,
  inferredSnaplen: nullable(obj({ min: u32, max: u32 })), packets: uint, dataBytes: uint, timesKnown: bool,
  first: nullable(packetTime), last: nullable(packetTime), order: literal('in-order', 'not-in-order', 'unknown'),
  sections: arrayOf(obj({ comments: texts }, { hardware: fileText, os: fileText, application: fileText }), 65536),
  interfaces: arrayOf(interfaceProperties, 65536),
  packetComments: arrayOf(obj({ frame: int(1, 0xffffffff), packet: int(1, 0xffffffff), text: fileText }), MAX_PACKET_COMMENTS),
  packetCommentCount: uint, resolvedIpv4: uint, resolvedIpv6: uint, decryptionSecrets: uint, problem: nullable(str(4096)),
});

/** Edited packet comments of an export: each frame once, each comment one pcapng option. */
const commentEdits: Check = (v, p) => arrayOf(obj({ frame: int(1, 0xffffffff), comments: arrayOf(str(MAX_COMMENT_CHARS), MAX_COMMENTS_PER_PACKET) }), MAX_COMMENT_EDITS)(v, p)
  ?? (new Set((v as { frame: number }[]).map((e) => e.frame)).size === (v as unknown[]).length ? null : `${p}: a frame is listed twice`);

/** Request payloads (consumer → worker). Strict: the worker may run with capture rights. */
export const REQUEST_CHECKS: Record<RequestName, Check> = {
  'file.open': obj({ path: str(4096) }),
  'file.cancel': empty,
  'capture.start': obj({ iface: str(256) }, { filter: str(4096), snaplen: int(1, 262144), promisc: bool }),
  'capture.stop': empty,
  'interfaces.list': empty,
  'packet.detail': obj({ frame: int(1, 0xffffffff) }),
  'packet.why': obj({ frame: int(1, 0xffffffff) }, { stream: u32, analysis: int(0, 0xffff) }),
  'file.export': obj({ path: exportPath, frames: exportFrames }, { comments: commentEdits }),
  'stream.follow': obj({ stream: u32 }, { throughFrame: int(1, 0xffffffff) }),
  'filter.bytes': filterBytesRequest,
  'file.properties': empty,
};

/** Response results (worker → consumer), by the name of the request they answer. */
export const RESULT_CHECKS: Record<RequestName, Check> = {
  'file.open': obj({ source: sourceId, path: str(4096), bytesTotal: uint }),
  'file.cancel': obj({ source: nullable(sourceId) }),
  'capture.start': obj({ source: sourceId, iface: str(256), sessionFile: str(4096) }),
  'capture.stop': obj({ source: nullable(sourceId) }),
  'interfaces.list': obj({ interfaces: arrayOf(interfaceInfo, 4096) }),
  'packet.detail': obj({
    frame: int(1, 0xffffffff), linkType: int(0, 0xffff), capLen: u32, origLen: u32, tsSec: num, tsNsec: nsec,
    bytes: bytes(16 * 1024 * 1024), tree: arrayOf(detailNode, 65536),
  }),
  'file.export': obj({ path: str(4096), frames: uint, bytes: uint }),
  'stream.follow': obj({
    stream: u32, nodes: arrayOf(obj({ addr: str(64), port: int(0, 0xffff) }), 2),
    // A record holds at least one byte, or is a "missing" mark (one per frame at most).
    records: arrayOf(obj({ server: bool, frame: int(1, 0xffffffff), missing: bool, data: bytes(FOLLOW_LIMIT_BYTES + 0xffff) }), MAX_ITEMS),
    bytes: arrayOf(uint, 2), truncated: bool,
  }),
  'filter.bytes': filterBytesResult,
  'file.properties': fileProperties,
  'packet.why': obj({
    frame: int(1, 0xffffffff),
    flags: arrayOf(obj({ field: str(128), because: str(4096), notBecause: str(4096) }), 64),
  }),
};

/** JSON event payloads (worker → consumer). */
export const EVENT_CHECKS: Record<JsonEventName, Check> = {
  'hello': obj({
    protocol: uint, batchVersion: uint, pid: uint, uid: nullable(uint),
    capabilities: obj({
      liveCapture: obj({ available: bool, reason: nullable(str(4096)) }), formats: arrayOf(str(64), 64), platform: str(64),
    }),
  }),
  'source.start': obj({
    source: sourceId, kind: literal('file', 'live'), path: str(4096), iface: nullable(str(256)), bytesTotal: nullable(uint),
  }),
  'file.progress': obj({ source: sourceId, bytesRead: uint, bytesTotal: uint, frames: uint }),
  'file.end': obj({
    source: sourceId, frames: uint, bytesRead: uint,
    problem: nullable(obj({ code: str(64), offset: uint, message: str(4096) })),
  }),
  'capture.stats': obj({ source: sourceId, received: uint, dropped: uint, written: uint, behindBy: uint }),
  'flows.upsert': obj({ source: sourceId, flows: arrayOf(flowInfo, MAX_ITEMS) }),
  'conversations.upsert': obj({ source: sourceId, conversations: arrayOf(conversation, MAX_ITEMS) }),
  'error': errorInfo,
  'end': obj({ source: sourceId, reason: literal('complete', 'cancelled', 'stopped', 'failed'), frames: uint }),
};

export const COMMAND_CHECKS: Record<CommandName, Check> = {
  'credits.grant': obj({ batches: int(1, 1 << 20) }),
};

export type Incoming =
  | { kind: 'request'; message: RequestMessage }
  | { kind: 'response'; message: ResponseMessage }
  | { kind: 'event'; message: EventMessage }
  | { kind: 'command'; message: CommandMessage }
  | { kind: 'batch'; buffer: ArrayBuffer; columns: PacketColumns };

const invalid = (message: string): ErrorInfo => ({ code: 'message.invalid', message, fatal: false });
const isName = <T extends string>(names: readonly T[], v: unknown): v is T => names.includes(v as T);
const requestId = int(0, Number.MAX_SAFE_INTEGER);

/** Validates one request envelope { id, name, payload }. */
export function validateRequest(json: unknown): RequestMessage | ErrorInfo {
  const bad = obj({ id: requestId, name: str(64), payload: (v) => (v === undefined ? 'payload: missing' : null) })(json, 'request');
  if (bad) return invalid(bad);
  const m = json as { id: number; name: string; payload: unknown };
  if (!isName(REQUEST_NAMES, m.name)) return { code: 'request.unknown', message: `unknown request "${m.name}"`, fatal: false };
  const badPayload = REQUEST_CHECKS[m.name](m.payload, `${m.name}.payload`);
  return badPayload ? invalid(badPayload) : (m as RequestMessage);
}

/**
 * The id and name of a request frame that failed validation, so the receiver can answer it (and the caller's
 * promise settles) instead of leaving it pending: null when the frame is no request, its JSON does not parse
 * or it has no usable id. The name is '' when unreadable; it may be one this side does not know.
 */
export function refusedRequestOf(frame: Frame): { id: number; name: string } | null {
  if (frame.type !== FrameType.Request) return null;
  const json = decodeWireJson(frame.payload);
  if (!json.ok || json.value === null || typeof json.value !== 'object') return null;
  const { id, name } = json.value as { id?: unknown; name?: unknown };
  if (requestId(id, 'id') !== null) return null;
  return { id: id as number, name: typeof name === 'string' && name.length <= 64 ? name : '' };
}

/**
 * Validates one response envelope { id, name, ok, result | error }. A failed response may name a request
 * this side does not know: it answers a request the other side refused as unknown (refusedRequestOf).
 */
export function validateResponse(json: unknown): ResponseMessage | ErrorInfo {
  const head = obj({ id: requestId, name: str(64), ok: bool }, { result: () => null, error: () => null })(json, 'response');
  if (head) return invalid(head);
  const m = json as { id: number; name: string; ok: boolean; result?: unknown; error?: unknown };
  if (m.ok && !isName(REQUEST_NAMES, m.name)) return invalid(`response to unknown request "${m.name}"`);
  const bad = m.ok
    ? ('error' in m ? 'response: ok with an error' : RESULT_CHECKS[m.name as RequestName](m.result, `${m.name}.result`))
    : ('result' in m ? 'response: failed with a result' : errorInfo(m.error, `${m.name}.error`));
  return bad ? invalid(bad) : (m as ResponseMessage);
}

/** Validates one JSON event envelope { name, payload }. */
export function validateEvent(json: unknown): EventMessage | ErrorInfo {
  const bad = obj({ name: str(64), payload: () => null })(json, 'event');
  if (bad) return invalid(bad);
  const m = json as { name: string; payload: unknown };
  if (!isName(EVENT_NAMES, m.name) || m.name === 'packets.batch') return invalid(`unknown event "${m.name}"`);
  const badPayload = EVENT_CHECKS[m.name](m.payload, `${m.name}.payload`);
  return badPayload ? invalid(badPayload) : (m as EventMessage);
}

/** Validates one command envelope { name, payload }. */
export function validateCommand(json: unknown): CommandMessage | ErrorInfo {
  const bad = obj({ name: str(64), payload: () => null })(json, 'command');
  if (bad) return invalid(bad);
  const m = json as { name: string; payload: unknown };
  if (!isName(COMMAND_NAMES, m.name)) return invalid(`unknown command "${m.name}"`);
  const badPayload = COMMAND_CHECKS[m.name](m.payload, `${m.name}.payload`);
  return badPayload ? invalid(badPayload) : (m as CommandMessage);
}

export const isErrorInfo = (v: unknown): v is ErrorInfo =>
  v !== null && typeof v === 'object' && 'code' in v && 'fatal' in v && !('id' in v) && !('name' in v);

/** Turns a received frame into a checked message, or an error. */
export function parseFrame(frame: Frame): Incoming | ErrorInfo {
  if (frame.type === FrameType.Batch) {
    try {
      const p = frame.payload;
      // FrameDecoder hands out payloads that own their buffer; copy only when given a view into a larger one.
      const owns = p.byteOffset === 0 && p.byteLength === p.buffer.byteLength && p.buffer instanceof ArrayBuffer;
      const buffer = owns ? (p.buffer as ArrayBuffer) : p.slice().buffer;
      return { kind: 'batch', buffer, columns: decodeBatch(buffer) };
    } catch (e) {
      const message = e instanceof BatchError ? e.message : String(e);
      return { code: 'frame.invalid', message: `bad batch: ${message}`, fatal: false };
    }
  }
  const json = decodeWireJson(frame.payload);
  if (!json.ok) return invalid(json.message);
  const checked = frame.type === FrameType.Request ? validateRequest(json.value)
    : frame.type === FrameType.Response ? validateResponse(json.value)
      : frame.type === FrameType.Event ? validateEvent(json.value)
        : validateCommand(json.value);
  if (isErrorInfo(checked)) return checked;
  const kind = frame.type === FrameType.Request ? 'request'
    : frame.type === FrameType.Response ? 'response' : frame.type === FrameType.Event ? 'event' : 'command';
  return { kind, message: checked } as Incoming;
}
