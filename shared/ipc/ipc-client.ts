/**
 * The consumer end of the protocol, independent of the transport: feed it the bytes that arrive
 * (`receive`), give it a function that sends bytes, and it matches responses to requests, validates every
 * frame (shared/ipc/validate.ts), dispatches events and batches, and grants flow-control credits. Used by
 * the renderer's WebSocket backend, the Electron backend, Node consumers and the tests.
 *
 * Credits: `start()` grants `initialCredits` batches; with `autoCredit` each delivered batch is paid back
 * with one credit after its listeners return, so at most `initialCredits` batches are ever in flight and
 * a consumer that stops processing stops the worker. Transport loss, a bad frame stream or a worker of
 * another protocol version is fatal: pending requests reject with an IpcError and `error` listeners hear it.
 */
import type { PacketColumns } from './batch-layout';
import {
  type ErrorInfo, type EventPayload, INITIAL_CREDITS, type JsonEventName, PROTOCOL_VERSION, type RequestName,
  type RequestPayload, type ResponsePayload,
} from './contract';
import { encodeCommand, encodeRequest } from './encode';
import { FrameDecoder } from './frame-codec';
import { parseFrame, type Incoming, isErrorInfo } from './validate';

/** A failed request or a lost connection, with the contract's error info. */
export class IpcError extends Error {
  override name = 'IpcError';
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

export interface IpcClientOptions {
  initialCredits?: number;
  /** Pay back one credit per delivered batch (default true). */
  autoCredit?: boolean;
}

type Listener = (payload: never) => void;
type BatchListener = (columns: PacketColumns, buffer: ArrayBuffer) => void;

export class IpcClient {
  private readonly decoder = new FrameDecoder((f) => this.dispatch(parseFrame(f)));
  private readonly pending = new Map<number, { name: RequestName; resolve: (v: never) => void; reject: (e: IpcError) => void }>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly batchListeners = new Set<BatchListener>();
  private nextId = 1;
  private closedWith: ErrorInfo | null = null;
  private hello: EventPayload<'hello'> | null = null;
  private readonly initialCredits: number;
  private readonly autoCredit: boolean;

  constructor(private readonly send: (bytes: Uint8Array) => void, options: IpcClientOptions = {}) {
    this.initialCredits = options.initialCredits ?? INITIAL_CREDITS;
    this.autoCredit = options.autoCredit ?? true;
  }

  /** Grants the initial credits; call once the transport is open. */
  start(): void {
    if (this.initialCredits > 0) this.grant(this.initialCredits);
  }

  /** Whether the connection is gone (and why). */
  get closed(): ErrorInfo | null { return this.closedWith; }

  invoke<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<ResponsePayload<K>> {
    if (this.closedWith) return Promise.reject(new IpcError(this.closedWith));
    const id = this.nextId++;
    return new Promise<ResponsePayload<K>>((resolve, reject) => {
      this.pending.set(id, { name, resolve: resolve as (v: never) => void, reject });
      this.send(encodeRequest(id, name, payload));
    });
  }

  on<K extends JsonEventName>(name: K, cb: (payload: EventPayload<K>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(cb as Listener);
    // The worker greets once, possibly before the UI subscribed: a late `hello` listener still hears it.
    if (name === 'hello' && this.hello) void Promise.resolve().then(() => { if (set.has(cb as Listener)) cb(this.hello as EventPayload<K>); });
    return () => { set.delete(cb as Listener); };
  }

  onBatch(cb: BatchListener): () => void {
    this.batchListeners.add(cb);
    return () => { this.batchListeners.delete(cb); };
  }

  grant(batches: number): void {
    if (!this.closedWith) this.send(encodeCommand('credits.grant', { batches }));
  }

  /** Bytes from the transport. */
  receive(chunk: Uint8Array): void {
    if (this.closedWith) return;
    const bad = this.decoder.push(chunk);
    if (bad) this.close({ code: 'frame.invalid', message: `bad frame from the worker: ${bad.message}`, fatal: true });
  }

  /** The transport ended: fatal unless already closed; a stream cut inside a frame says so. */
  transportClosed(info: ErrorInfo = { code: 'transport.closed', message: 'the connection closed', fatal: true }): void {
    const cut = this.decoder.finish();
    this.close(cut ? { code: 'frame.invalid', message: `${info.message}; ${cut.message}`, fatal: true } : info);
  }

  /** Ends the client: rejects pending requests and tells `error` listeners once. */
  close(info: ErrorInfo): void {
    if (this.closedWith) return;
    this.closedWith = { ...info, fatal: true };
    for (const p of this.pending.values()) p.reject(new IpcError(this.closedWith));
    this.pending.clear();
    this.emit('error', this.closedWith);
  }

  private dispatch(msg: Incoming | ErrorInfo): void {
    if (this.closedWith) return;
    if (isErrorInfo(msg)) { this.emit('error', msg); return; }
    switch (msg.kind) {
      case 'batch':
        for (const cb of this.batchListeners) cb(msg.columns, msg.buffer);
        if (this.autoCredit) this.grant(1);
        return;
      case 'response': {
        const p = this.pending.get(msg.message.id);
        if (!p) return;
        this.pending.delete(msg.message.id);
        if (msg.message.ok) p.resolve(msg.message.result as never);
        else p.reject(new IpcError(msg.message.error));
        return;
      }
      case 'event':
        if (msg.message.name === 'hello' && (msg.message.payload as EventPayload<'hello'>).protocol !== PROTOCOL_VERSION) {
          const v = (msg.message.payload as EventPayload<'hello'>).protocol;
          this.close({ code: 'protocol.version', message: `worker speaks protocol ${v}, this side ${PROTOCOL_VERSION}`, fatal: true });
          return;
        }
        if (msg.message.name === 'hello') this.hello = msg.message.payload as EventPayload<'hello'>;
        // A fatal error from the other side ends the connection: pending requests reject with it, and the
        // transport closing right after does not report a second, vaguer error.
        if (msg.message.name === 'error' && (msg.message.payload as ErrorInfo).fatal) { this.close(msg.message.payload as ErrorInfo); return; }
        this.emit(msg.message.name, msg.message.payload);
        return;
      default:
        this.emit('error', { code: 'message.invalid', message: `unexpected ${msg.kind} from the worker`, fatal: false });
    }
  }

  private emit(name: string, payload: unknown): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const cb of [...set]) cb(payload as never);
  }
}
