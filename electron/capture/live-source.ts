/**
 * A live capture through libpcap (`cap`, patched): opens the interface with the caller's filter, snaplen,
 * promiscuous choice and kernel buffer, runs a hook (the privilege drop) before any packet is read, writes
 * every packet to the session pcapng and hands each one to the caller as a CaptureRecord. There is no pause:
 * a slow consumer never makes capture skip a packet; live-job.ts tails the session file at the consumer's
 * pace, and `capture.stats` says how far behind it is (`behindBy`, worker-session.ts).
 *
 * Buffering: on Linux, libpcap's immediate mode switches to TPACKET_V2, where every ring frame is as big as
 * the snaplen (64 KiB+ on loopback), so a 10 MiB ring holds only ~150 packets and a burst overflows it. We use
 * TPACKET_V3 instead (immediate off): blocks packed with packets of their real size, handed over when a block
 * fills or after BLOCK_TIMEOUT_MS, which bounds live latency. With a 32 MiB ring a 10,000-packet loopback burst
 * loses nothing (test/electron/capture/live-source.test.ts compares with tcpdump -w).
 */
import type { CaptureRecord } from '../../shared/capture-file/capture-record';
import { loadCap, type CapError, type CapHandle, type CapStats } from './cap-module';
import { fromCapError, LiveCaptureError } from './live-error';
import { defaultSessionPath, SessionFile } from './session-file';
import type { LiveSession, LiveStats } from './live-job';

export const DEFAULT_SNAPLEN = 262144;
export const DEFAULT_BUFFER_BYTES = 32 * 1024 * 1024;
const BLOCK_TIMEOUT_MS = 20;
const FLUSH_MS = 20;

export interface LiveCaptureOptions {
  iface: string;
  /** BPF capture filter; '' captures everything. */
  filter?: string;
  snaplen?: number;
  promisc?: boolean;
  /** Kernel ring size in bytes. */
  bufferBytes?: number;
  /** -w: write here (truncating, as tcpdump -w); default a new file in the temp dir. */
  output?: string;
  /** Runs after the device is open and the filter applied, before the session file exists or a packet is read. */
  afterOpen?: () => void;
  /** Each packet, valid only during the call (the record and its bytes are reused). */
  onPacket?: (record: CaptureRecord) => void;
}

export interface LiveCaptureStats extends LiveStats {
  /** pcap_stats: ps_recv, ps_drop (kernel buffer full), ps_ifdrop (interface). `dropped` is their sum. */
  kernelDropped: number;
  ifDropped: number;
}

/**
 * Opens `o.iface` and starts capturing. Synchronous from the open to the first packet listener: `cap` only
 * delivers packets from the event loop, so none is read before `afterOpen` (the privilege drop) has run.
 * Throws LiveCaptureError.
 */
export function startLiveCapture(o: LiveCaptureOptions): LiveCapture {
  const load = loadCap();
  if (!load.ok) throw new LiveCaptureError('cap-missing', load.reason);
  const handle = new load.cap.Cap();
  const snaplen = o.snaplen ?? DEFAULT_SNAPLEN;
  const filter = o.filter ?? '';
  // cap copies each packet into this Buffer; LiveCapture keeps it referenced for the handle's life.
  const buffer = Buffer.alloc(snaplen);
  try {
    handle.open(o.iface, filter, o.bufferBytes ?? DEFAULT_BUFFER_BYTES, buffer, {
      snaplen, promisc: o.promisc ?? true, immediate: false, timeout: BLOCK_TIMEOUT_MS,
    });
  } catch (e) {
    throw fromCapError(e, o.iface, filter);
  }
  const linkType = dltToLinktype(handle.datalink());
  let session: SessionFile;
  try {
    o.afterOpen?.();
    const explicit = o.output !== undefined;
    session = new SessionFile(o.output ?? defaultSessionPath(o.iface), explicit, { linkType, snaplen, name: o.iface });
  } catch (e) {
    handle.close();
    throw e;
  }
  return new LiveCapture(handle, buffer, session, o, linkType, snaplen);
}

/** pcap_datalink gives DLT_*; pcapng wants LINKTYPE_*. They differ only for DLT_RAW (12, 14 on OpenBSD). */
export function dltToLinktype(dlt: number): number {
  return dlt === 12 || dlt === 14 ? 101 : dlt;
}

export class LiveCapture implements LiveSession {
  readonly sessionFile: string;
  readonly ended: Promise<void>;
  private readonly record: CaptureRecord;
  private readonly writtenListeners: (() => void)[] = [];
  private readonly flushTimer: ReturnType<typeof setInterval>;
  private resolveEnded!: () => void;
  private rejectEnded!: (e: unknown) => void;
  private lastStats: CapStats = { received: 0, dropped: 0, ifDropped: 0 };
  private open = true;

  constructor(
    private readonly handle: CapHandle,
    /** Referenced here on purpose: cap keeps only a raw pointer into it (use-after-free if collected). */
    private readonly buffer: Buffer,
    private readonly session: SessionFile,
    private readonly options: LiveCaptureOptions,
    readonly linkType: number,
    readonly snaplen: number,
  ) {
    this.sessionFile = session.path;
    this.ended = new Promise<void>((resolve, reject) => { this.resolveEnded = resolve; this.rejectEnded = reject; });
    this.ended.catch(() => undefined); // a failure is reported through whoever awaits `ended`
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
    this.record = {
      bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.length), at: 0, capLen: 0, origLen: 0,
      // Nanosecond digits, as the session file's interface (if_tsresol 9) shows them once reopened.
      tsSec: 0, tsNsec: 0, hasTimestamp: true, tsPrec: 9, iface: 0, linkType, fileOffset: 0, frame: 0,
    };
    handle.on('packet', (capLen, _truncated, tsSec, tsNsec, origLen) => this.onPacket(capLen, tsSec, tsNsec, origLen));
    handle.on('error', (e: CapError) => this.finish(fromCapError(e, options.iface, options.filter ?? '')));
    this.flushTimer = setInterval(() => this.flush(), FLUSH_MS);
  }

  get iface(): string {
    return this.options.iface;
  }

  get running(): boolean {
    return this.open;
  }

  stats(): LiveCaptureStats {
    if (this.open) this.lastStats = this.handle.stats();
    const s = this.lastStats;
    return {
      received: s.received, dropped: s.dropped + s.ifDropped, kernelDropped: s.dropped, ifDropped: s.ifDropped,
      written: this.session.written,
    };
  }

  onWritten(cb: () => void): void {
    this.writtenListeners.push(cb);
  }

  /**
   * Stops capturing, completes the session file and resolves `ended`. Safe to call from onPacket and twice.
   * By default it first waits out the block timeout twice, so packets already in the kernel ring (TPACKET_V3
   * hands over a block only when it is full or timed out) are still delivered; `drainMs` 0 stops at once.
   */
  async stop(drainMs = 2 * BLOCK_TIMEOUT_MS + 10): Promise<void> {
    if (this.open && drainMs > 0) await new Promise((r) => setTimeout(r, drainMs));
    this.finish(null);
    await this.ended.catch(() => undefined);
  }

  private onPacket(capLen: number, tsSec: number, tsNsec: number, origLen: number): void {
    if (!this.open) return;
    const r = this.record;
    r.capLen = capLen;
    r.origLen = origLen;
    r.tsSec = tsSec;
    r.tsNsec = tsNsec;
    r.fileOffset = this.session.append(tsSec, tsNsec, r.bytes.subarray(0, capLen), origLen);
    r.frame++;
    this.options.onPacket?.(r);
  }

  private flush(): void {
    try {
      if (this.session.flush() > 0) for (const cb of this.writtenListeners) cb();
    } catch (e) {
      this.finish(e);
    }
  }

  private finish(error: unknown): void {
    if (!this.open) return;
    this.open = false;
    clearInterval(this.flushTimer);
    try { this.lastStats = this.handle.stats(); } catch { /* already closed by an error */ }
    this.handle.close();
    this.handle.removeAllListeners();
    let failure = error;
    try { this.session.close(); } catch (e) { failure ??= e; }
    for (const cb of this.writtenListeners) cb();
    if (failure) this.rejectEnded(failure);
    else this.resolveEnded();
    void this.buffer; // the Buffer stays referenced by this object until here
  }
}
