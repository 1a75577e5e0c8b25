/**
 * Builds the frames of shared/ipc/contract.ts. The name fixes the payload type, so a sender cannot put
 * the wrong shape on the wire without a compile error. Batches are not copied here: `batchFrameHeader`
 * gives the 12 bytes to write before the batch buffer itself (two writes, one flat buffer).
 */
import type {
  CommandName, CommandPayload, ErrorInfo, EventPayload, JsonEventName, RequestName, RequestPayload, ResponsePayload,
} from './contract';
import { encodeFrame, frameHeader, FrameType } from './frame-codec';
import { encodeWireJson } from './wire-json';

export function encodeRequest<K extends RequestName>(id: number, name: K, payload: RequestPayload<K>): Uint8Array {
  return encodeFrame(FrameType.Request, encodeWireJson({ id, name, payload }));
}

export function encodeResult<K extends RequestName>(id: number, name: K, result: ResponsePayload<K>): Uint8Array {
  return encodeFrame(FrameType.Response, encodeWireJson({ id, name, ok: true, result }));
}

export function encodeFailure(id: number, name: RequestName, error: ErrorInfo): Uint8Array {
  return encodeFrame(FrameType.Response, encodeWireJson({ id, name, ok: false, error }));
}

/** Answers a request that failed validation: its name may be unknown or unreadable (''), the id is what counts. */
export function encodeRefusal(id: number, name: string, error: ErrorInfo): Uint8Array {
  return encodeFrame(FrameType.Response, encodeWireJson({ id, name, ok: false, error }));
}

export function encodeEvent<K extends JsonEventName>(name: K, payload: EventPayload<K>): Uint8Array {
  return encodeFrame(FrameType.Event, encodeWireJson({ name, payload }));
}

export function encodeCommand<K extends CommandName>(name: K, payload: CommandPayload<K>): Uint8Array {
  return encodeFrame(FrameType.Command, encodeWireJson({ name, payload }));
}

/** Header for a BATCH frame; write it, then the batch buffer unchanged. */
export function batchFrameHeader(batch: ArrayBuffer): Uint8Array {
  return frameHeader(FrameType.Batch, batch.byteLength);
}

/** A BATCH frame in one buffer (one copy), for transports that send whole messages (WebSocket). */
export function encodeBatchFrame(batch: ArrayBuffer): Uint8Array {
  return encodeFrame(FrameType.Batch, new Uint8Array(batch));
}
