import { describe, expect, it } from 'vitest';
import { allocateColumns, encodeBatch } from '../../../shared/ipc/batch-layout';
import type { ConversationSummary, EventPayload, PacketDetail } from '../../../shared/ipc/contract';
import { MAX_EXPORT_BITMAP, MAX_COMMENT_CHARS, MAX_COMMENTS_PER_PACKET, PROTOCOL_VERSION } from '../../../shared/ipc/contract';
import { encodeFrameSet } from '../../../shared/ipc/frame-set';
import { encodeCommand, encodeEvent, encodeFailure, encodeRefusal, encodeRequest, encodeResult } from '../../../shared/ipc/encode';
import { encodeFrame, FrameType, type Frame } from '../../../shared/ipc/frame-codec';
import {
  EVENT_CHECKS, parseFrame, refusedRequestOf, validateCommand, validateEvent, validateRequest, validateResponse,
} from '../../../shared/ipc/validate';
import { encodeWireJson } from '../../../shared/ipc/wire-json';

/** Encoded frame → the Frame a decoder would hand out. */
const asFrame = (bytes: Uint8Array): Frame => ({ type: bytes[4] as FrameType, payload: bytes.slice(12) });

const conversation: ConversationSummary = {
  stream: 0, flow: 0, addrA: '127.0.0.1', portA: 8080, addrB: '127.0.0.1', portB: 57273, clientDir: 1,
  firstFrame: 1, lastFrame: 9, firstSec: 1700000000, firstNsec: 5, lastSec: 1700000001, lastNsec: 0,
  packetsA: 4, packetsB: 5, bytesA: 300, bytesB: 400, payloadA: 10, payloadB: 20, completeness: 31,
  stateA: 10, stateB: 0, end: 'closed', irttNs: 120_000, winScaleA: 7, winScaleB: -2,
  expert: {
    retransmissions: 0, fastRetransmissions: 0, spuriousRetransmissions: 0, outOfOrder: 0, lostSegments: 0, ackedUnseen: 0,
    dupAcks: 1, zeroWindows: 0, windowFull: 0, keepAlives: 0, reusedPorts: 0, icmpErrors: 0,
  },
};

const events: { [K in keyof typeof EVENT_CHECKS]: EventPayload<K> } = {
  'hello': { protocol: PROTOCOL_VERSION, batchVersion: 1, pid: 1, uid: null, capabilities: { liveCapture: { available: false, reason: 'no cap' }, formats: ['pcap'], platform: 'linux' } },
  'source.start': { source: 1, kind: 'file', path: '/x.pcap', iface: null, bytesTotal: 696 },
  'file.progress': { source: 1, bytesRead: 10, bytesTotal: 696, frames: 1 },
  'file.end': { source: 1, frames: 9, bytesRead: 696, problem: { code: 'truncated', offset: 600, message: 'cut' } },
  'capture.stats': { source: 2, received: 10, dropped: 0, written: 10, behindBy: 3 },
  'flows.upsert': { source: 1, flows: [{ id: 0, l3: 4, proto: 6, addrA: '127.0.0.1', addrB: '127.0.0.1', addrBytesA: new Uint8Array([127, 0, 0, 1]), addrBytesB: new Uint8Array([127, 0, 0, 1]), portA: 8080, portB: 57273, stream: 0 }] },
  'conversations.upsert': { source: 1, conversations: [conversation] },
  'error': { code: 'file.unreadable', message: 'ENOENT', fatal: false, source: 1 },
  'end': { source: 1, reason: 'complete', frames: 9 },
};

describe('validate', () => {
  it('accepts every event of the contract after a trip through the wire', () => {
    for (const [name, payload] of Object.entries(events)) {
      const parsed = parseFrame(asFrame(encodeEvent(name as 'end', payload as EventPayload<'end'>)));
      expect(parsed).toEqual({ kind: 'event', message: { name, payload } });
    }
  });

  it('accepts requests, results, failures and commands', () => {
    expect(parseFrame(asFrame(encodeRequest(3, 'capture.start', { iface: 'lo', filter: 'tcp port 80', snaplen: 65535 }))))
      .toMatchObject({ kind: 'request', message: { id: 3, name: 'capture.start' } });
    const detail: PacketDetail = { frame: 1, linkType: 0, capLen: 4, origLen: 4, tsSec: 1, tsNsec: 2, bytes: new Uint8Array([1, 2, 3, 4]), tree: [{ label: 'Frame 1', start: 0, length: 4, children: [{ label: 'x', value: '0x01', start: -1, length: 0 }] }] };
    expect(parseFrame(asFrame(encodeResult(4, 'packet.detail', detail)))).toEqual({ kind: 'response', message: { id: 4, name: 'packet.detail', ok: true, result: detail } });
    expect(parseFrame(asFrame(encodeFailure(5, 'file.open', { code: 'file.unreadable', message: 'no', fatal: false }))))
      .toMatchObject({ kind: 'response', message: { ok: false, error: { code: 'file.unreadable' } } });
    expect(parseFrame(asFrame(encodeCommand('credits.grant', { batches: 4 })))).toMatchObject({ kind: 'command' });
  });

  it('names the first bad field of a malformed payload', () => {
    expect(validateEvent({ name: 'file.progress', payload: { source: 1, bytesRead: -1, bytesTotal: 2, frames: 0 } }))
      .toMatchObject({ code: 'message.invalid', message: /file\.progress\.payload\.bytesRead/ });
    expect(validateRequest({ id: 1, name: 'packet.detail', payload: { frame: 0 } })).toMatchObject({ code: 'message.invalid', message: /frame/ });
    expect(validateRequest({ id: 1, name: 'capture.start', payload: { iface: 'lo', snaplen: 1e9 } })).toMatchObject({ message: /snaplen/ });
  });

  it('takes packet.why with or without the row\'s stream and analysis bits, and refuses them out of range', () => {
    for (const payload of [{ frame: 7 }, { frame: 7, stream: 0, analysis: 0x10 }]) {
      expect(validateRequest({ id: 1, name: 'packet.why', payload })).toEqual({ id: 1, name: 'packet.why', payload });
    }
    expect(validateRequest({ id: 1, name: 'packet.why', payload: { frame: 7, stream: -1, analysis: 0x10 } })).toMatchObject({ message: /stream/ });
    expect(validateRequest({ id: 1, name: 'packet.why', payload: { frame: 7, stream: 0, analysis: 0x10000 } })).toMatchObject({ message: /analysis/ });
    expect(validateRequest({ id: 1, name: 'packet.why', payload: { frame: 7, stream: 0.5 } })).toMatchObject({ message: /stream/ });
  });

  it('rejects unknown names, unknown fields and missing fields', () => {
    expect(validateRequest({ id: 1, name: 'shell.exec', payload: {} })).toMatchObject({ code: 'request.unknown' });
    expect(validateRequest({ id: 1, name: 'file.open', payload: { path: '/x', mode: 'w' } })).toMatchObject({ message: /unknown field "mode"/ });
    expect(validateRequest({ id: 1, name: 'file.open', payload: {} })).toMatchObject({ message: /missing field "path"/ });
    expect(validateEvent({ name: 'packets.batch', payload: {} })).toMatchObject({ code: 'message.invalid' });
    expect(validateEvent({ name: 'nope', payload: {} })).toMatchObject({ code: 'message.invalid' });
    expect(validateCommand({ name: 'credits.grant', payload: { batches: 0 } })).toMatchObject({ code: 'message.invalid' });
    expect(validateResponse({ id: 1, name: 'file.open', ok: true, error: {} })).toMatchObject({ code: 'message.invalid' });
    expect(validateRequest([1, 2])).toMatchObject({ code: 'message.invalid' });
    expect(validateRequest(null)).toMatchObject({ code: 'message.invalid' });
  });

  it('limits recursion depth of the detail tree', () => {
    let node = { label: 'leaf', start: -1, length: 0, children: [] as unknown[] };
    for (let i = 0; i < 100; i++) node = { label: 'n', start: -1, length: 0, children: [node] };
    const result = { frame: 1, linkType: 1, capLen: 0, origLen: 0, tsSec: 0, tsNsec: 0, bytes: new Uint8Array(0), tree: [node] };
    expect(validateResponse({ id: 1, name: 'packet.detail', ok: true, result })).toMatchObject({ message: /nested deeper/ });
  });

  it('checks a batch frame with decodeBatch and reports a bad one as frame.invalid', () => {
    const cols = allocateColumns(4);
    cols.rows = 2; cols.frame[0] = 1; cols.frame[1] = 2;
    const ok = parseFrame({ type: FrameType.Batch, payload: new Uint8Array(encodeBatch(cols)) });
    expect(ok).toMatchObject({ kind: 'batch' });
    if ('kind' in ok && ok.kind === 'batch') expect([...ok.columns.frame]).toEqual([1, 2]);
    expect(parseFrame({ type: FrameType.Batch, payload: new Uint8Array(20) })).toMatchObject({ code: 'frame.invalid' });
  });

  it('reports non-JSON payloads in JSON frames', () => {
    expect(parseFrame(asFrame(encodeFrame(FrameType.Event, new Uint8Array([0x7b]))))).toMatchObject({ code: 'message.invalid' });
    expect(parseFrame(asFrame(encodeFrame(FrameType.Event, encodeWireJson('hello'))))).toMatchObject({ code: 'message.invalid' });
  });
});

describe('file.export messages', () => {
  const request = (payload: unknown): unknown => validateRequest({ id: 7, name: 'file.export', payload });

  it('accepts a path with a frame bitmap or with all frames, and its result, after a trip through the wire', () => {
    const bits = encodeFrameSet([1, 3, 9]);
    expect(parseFrame(asFrame(encodeRequest(7, 'file.export', { path: '/tmp/a b.pcapng', frames: bits }))))
      .toEqual({ kind: 'request', message: { id: 7, name: 'file.export', payload: { path: '/tmp/a b.pcapng', frames: bits } } });
    expect(request({ path: 'conversation-0.pcapng', frames: 'all' })).toMatchObject({ name: 'file.export' });
    expect(parseFrame(asFrame(encodeResult(7, 'file.export', { path: '/tmp/a.pcapng', frames: 9, bytes: 1024 }))))
      .toMatchObject({ kind: 'response', message: { ok: true, result: { frames: 9 } } });
    expect(parseFrame(asFrame(encodeFailure(7, 'file.export', { code: 'file.unwritable', message: 'cannot write /x: permission denied', fatal: false }))))
      .toMatchObject({ kind: 'response', message: { ok: false, error: { code: 'file.unwritable' } } });
  });

  it('refuses bad paths: empty, with NUL, not a string, too long', () => {
    expect(request({ path: '', frames: 'all' })).toMatchObject({ code: 'message.invalid', message: /file\.export\.payload\.path/ });
    expect(request({ path: '/tmp/x\0.pcapng', frames: 'all' })).toMatchObject({ message: /path: expected a non-empty file path without NUL/ });
    expect(request({ path: 42, frames: 'all' })).toMatchObject({ message: /path: expected a string/ });
    expect(request({ path: `/${'a'.repeat(5000)}`, frames: 'all' })).toMatchObject({ message: /path: string longer than 4096/ });
    expect(request({ frames: 'all' })).toMatchObject({ message: /missing field "path"/ });
  });

  it('refuses bad frame selections: empty bitmap, a number list, other words, oversize, extra fields', () => {
    expect(request({ path: '/x', frames: new Uint8Array(8) })).toMatchObject({ message: /frames: selects no frame/ });
    expect(request({ path: '/x', frames: new Uint8Array(0) })).toMatchObject({ message: /frames: selects no frame/ });
    expect(request({ path: '/x', frames: [1, 2, 3] })).toMatchObject({ message: /frames: expected 'all' or a frame bitmap/ });
    expect(request({ path: '/x', frames: 'displayed' })).toMatchObject({ message: /frames: expected 'all' or a frame bitmap/ });
    expect(request({ path: '/x', frames: new Uint8Array(MAX_EXPORT_BITMAP + 1).fill(1) })).toMatchObject({ message: /frames: more than/ });
    expect(request({ path: '/x', frames: 'all', overwrite: true })).toMatchObject({ message: /unknown field "overwrite"/ });
  });

  it('takes edited packet comments, and refuses a frame twice, too many or too long comments, a frame 0', () => {
    expect(request({ path: '/x', frames: 'all', comments: [{ frame: 3, comments: ['a', 'b'] }, { frame: 4, comments: [] }] })).toMatchObject({ name: 'file.export' });
    expect(request({ path: '/x', frames: 'all', comments: [{ frame: 3, comments: [] }, { frame: 3, comments: ['x'] }] }))
      .toMatchObject({ code: 'message.invalid', message: /comments: a frame is listed twice/ });
    expect(request({ path: '/x', frames: 'all', comments: [{ frame: 3, comments: Array.from({ length: MAX_COMMENTS_PER_PACKET + 1 }, () => 'x') }] }))
      .toMatchObject({ message: /comments\[0\]\.comments: more than 32/ });
    expect(request({ path: '/x', frames: 'all', comments: [{ frame: 3, comments: ['x'.repeat(MAX_COMMENT_CHARS + 1)] }] })).toMatchObject({ message: /longer than 16384/ });
    expect(request({ path: '/x', frames: 'all', comments: [{ frame: 0, comments: [] }] })).toMatchObject({ message: /frame/ });
    expect(request({ path: '/x', frames: 'all', comments: { 3: ['x'] } })).toMatchObject({ message: /comments/ });
  });

  it('refuses a result without the written path or with a negative count', () => {
    expect(validateResponse({ id: 7, name: 'file.export', ok: true, result: { frames: 1, bytes: 2 } })).toMatchObject({ message: /missing field "path"/ });
    expect(validateResponse({ id: 7, name: 'file.export', ok: true, result: { path: '/x', frames: -1, bytes: 2 } })).toMatchObject({ message: /frames/ });
  });
});

describe('answering requests that fail validation', () => {
  const req = (json: unknown): Frame => ({ type: FrameType.Request, payload: encodeWireJson(json) });

  it('reads the id and name of a refused request, or says there is nothing to answer', () => {
    expect(refusedRequestOf(req({ id: 3, name: 'packet.detail', payload: { frame: 'x' } }))).toEqual({ id: 3, name: 'packet.detail' });
    expect(refusedRequestOf(req({ id: 4, name: 7, payload: {} }))).toEqual({ id: 4, name: '' });
    expect(refusedRequestOf(req({ id: -1, name: 'file.open', payload: {} }))).toBeNull();
    expect(refusedRequestOf(req({ name: 'file.open', payload: {} }))).toBeNull();
    expect(refusedRequestOf({ type: FrameType.Request, payload: new Uint8Array([0x7b]) })).toBeNull();
    expect(refusedRequestOf(asFrame(encodeEvent('end', { source: 1, reason: 'complete', frames: 0 })))).toBeNull();
  });

  it('accepts a failed response to a request name it does not know, never a successful one', () => {
    const error = { code: 'request.unknown' as const, message: 'unknown request "disk.format"', fatal: false };
    expect(parseFrame(asFrame(encodeRefusal(5, 'disk.format', error)))).toMatchObject({ kind: 'response', message: { id: 5, ok: false } });
    expect(validateResponse({ id: 5, name: 'disk.format', ok: true, result: {} })).toMatchObject({ code: 'message.invalid', message: /unknown request/ });
  });
});
