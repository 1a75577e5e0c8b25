/**
 * A Backend that replays a recorded capture (flows, batches, conversations, details) the way the worker
 * sends them, in the contract's order: source.start, flows.upsert, packets.batch, conversations.upsert,
 * file.end, end. Batches go through decodeBatch like real ones. For store and component tests in happy-dom.
 */
import { packetWhy } from '../../../electron/capture/flag-reasons';
import { frameSetCount } from '../../../shared/ipc/frame-set';
import { decodeBatch } from '../../../shared/ipc/batch-layout';
import type { PacketColumns } from '../../../shared/ipc/batch-layout';
import type {
  ConversationSummary, ErrorInfo, EventPayload, JsonEventName, PacketDetail, RequestName, RequestPayload, ResponsePayload,
} from '../../../shared/ipc/contract';
import type { FlowInfo } from '../../../shared/ipc/flow';
import type { Backend, BatchCallback } from '../../../renderer/backend/backend';
import { IpcError } from '../../../shared/ipc/ipc-client';
import { byteMatches } from '../../../electron/capture/byte-match';
import { streamFollowResult } from '../../../electron/capture/follow-stream';
import { readFileProperties } from '../../../electron/capture/file-properties';

export interface Recording {
  path: string;
  flows: FlowInfo[];
  batches: ArrayBuffer[];
  conversations: ConversationSummary[];
  details: Map<number, PacketDetail>;
}

export class ReplayBackend implements Backend {
  readonly requests: { name: RequestName; payload: unknown }[] = [];
  /** Requests this backend refuses, with the worker's error (e.g. capture.start without capture rights). */
  readonly refuse = new Map<RequestName, ErrorInfo>();
  private listeners = new Map<string, Set<(p: never) => void>>();
  private batchListeners = new Set<BatchCallback>();

  constructor(private readonly rec: Recording) {}

  async invoke<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<ResponsePayload<K>> {
    this.requests.push({ name, payload });
    const refusal = this.refuse.get(name);
    if (refusal) throw new IpcError(refusal);
    if (name === 'packet.detail') {
      const d = this.rec.details.get((payload as RequestPayload<'packet.detail'>).frame);
      if (!d) throw new IpcError({ code: 'frame.unknown', message: 'no such frame', fatal: false });
      return d as ResponsePayload<K>;
    }
    if (name === 'file.open') {
      queueMicrotask(() => this.play());
      return { source: 1, path: this.rec.path, bytesTotal: 1000 } as ResponsePayload<K>;
    }
    if (name === 'stream.follow') return streamFollowResult(this.rec.path, payload as RequestPayload<'stream.follow'>) as Promise<ResponsePayload<K>>;
    if (name === 'filter.bytes') return byteMatches(this.rec.path, payload as RequestPayload<'filter.bytes'>) as Promise<ResponsePayload<K>>;
    if (name === 'file.properties') return readFileProperties(this.rec.path) as Promise<ResponsePayload<K>>;
    if (name === 'packet.why') {
      const { frame } = payload as RequestPayload<'packet.why'>;
      const r = await packetWhy(this.rec.path, frame);
      if (!r) throw new IpcError({ code: 'frame.unknown', message: 'no such frame', fatal: false });
      return r as ResponsePayload<K>;
    }
    if (name === 'interfaces.list') return { interfaces: [] } as unknown as ResponsePayload<K>;
    if (name === 'file.export') {
      const { path, frames } = payload as RequestPayload<'file.export'>;
      const all = this.rec.batches.reduce((n, b) => n + decodeBatch(b).rows, 0);
      return { path, frames: frames === 'all' ? all : frameSetCount(frames), bytes: 0 } as ResponsePayload<K>;
    }
    return { source: null } as ResponsePayload<K>;
  }

  on<K extends JsonEventName>(name: K, cb: (payload: EventPayload<K>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(cb as (p: never) => void);
    return () => { set.delete(cb as (p: never) => void); };
  }

  onBatch(cb: BatchCallback): () => void {
    this.batchListeners.add(cb);
    return () => { this.batchListeners.delete(cb); };
  }

  close(): void { this.listeners.clear(); this.batchListeners.clear(); }

  emit<K extends JsonEventName>(name: K, payload: EventPayload<K>): void {
    for (const cb of this.listeners.get(name) ?? []) cb(payload as never);
  }

  /** Sends the whole recording synchronously; as a live capture it is still running afterwards (no end). */
  play(kind: 'file' | 'live' = 'file'): void {
    this.playBatches(0, this.rec.batches.length, kind);
  }

  /**
   * Sends batches [from, to) (a file that is still loading): the source's start comes with the first, the conversations
   * and the file's end with the last.
   */
  playBatches(from: number, to: number, kind: 'file' | 'live' = 'file'): void {
    const frames = this.rec.batches.reduce((n, b) => n + decodeBatch(b).rows, 0);
    if (from === 0) {
      this.emit('source.start', { source: 1, kind, path: this.rec.path, iface: kind === 'live' ? 'lo' : null, bytesTotal: 1000 });
      this.emit('flows.upsert', { source: 1, flows: this.rec.flows });
    }
    for (const b of this.rec.batches.slice(from, to)) {
      const cols: PacketColumns = decodeBatch(b);
      for (const cb of this.batchListeners) cb(cols, b);
    }
    if (to < this.rec.batches.length) return;
    this.emit('conversations.upsert', { source: 1, conversations: this.rec.conversations });
    if (kind === 'live') return;
    this.emit('file.end', { source: 1, frames, bytesRead: 1000, problem: null });
    this.emit('end', { source: 1, reason: 'complete', frames });
  }

}
