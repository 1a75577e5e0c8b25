/**
 * The pcapng file every live session writes (in the user's temp dir, or `-w FILE`), so packet bytes are never
 * lost when a consumer falls behind and detail / "Save as" can read them back. Blocks come from the shared
 * PcapngWriter; they are staged in one reusable buffer and written with writeSync in ~1 MiB pieces, so the
 * file stays in packet order and a reader tailing it only ever sees whole blocks after a flush.
 */
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PcapngWriter } from '../../shared/capture-file/pcapng-writer';
import { LiveCaptureError } from './live-error';

const STAGE_BYTES = 1 << 20;
/** EPB header before the packet bytes: type, length, interface id, ts high, ts low, caplen, origlen. */
const EPB_DATA_OFFSET = 28;

export interface SessionInterface { linkType: number; snaplen: number; name: string }

/** A default session path: $TMPDIR/synack-IFACE-YYYYMMDDTHHMMSS-PID.pcapng (evaluated after the privilege drop). */
export function defaultSessionPath(iface: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const safe = iface.replace(/[^A-Za-z0-9_.-]/g, '_');
  return join(tmpdir(), `synack-${safe}-${stamp}-${process.pid}.pcapng`);
}

export class SessionFile {
  private readonly writer = new PcapngWriter();
  private readonly stage = new Uint8Array(STAGE_BYTES);
  private staged = 0;
  private stagedPackets = 0;
  /** Bytes in the file plus bytes staged: the offset the next block starts at. */
  private end = 0;
  private fd: number | null;
  /** Packets flushed to the file. */
  written = 0;

  /**
   * Creates the file. `explicit` (-w) truncates an existing regular file as tcpdump -w does; a session file in
   * the temp dir must be new (O_EXCL). Symlinks are never followed (O_NOFOLLOW): the final component must be a
   * plain file. Call after the privilege drop so the file belongs to the user.
   */
  constructor(readonly path: string, explicit: boolean, iface: SessionInterface) {
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | (explicit ? constants.O_TRUNC : constants.O_EXCL);
    try {
      this.fd = openSync(path, flags, explicit ? 0o644 : 0o600);
    } catch (e) {
      throw new LiveCaptureError('output', `cannot create capture file ${path}: ${(e as Error).message}`);
    }
    this.put(this.writer.sectionHeader());
    this.put(this.writer.interfaceDescription({ linkType: iface.linkType, snaplen: iface.snaplen, name: iface.name, tsresolNs: true }));
    this.flush();
  }

  /** Stages one packet; returns the file offset its bytes will have (for reading them back by frame). */
  append(tsSec: number, tsNsec: number, data: Uint8Array, origLen: number): number {
    const block = this.writer.packet(0, tsSec, tsNsec, data, origLen);
    const at = this.end;
    this.put(block);
    this.stagedPackets++;
    return at + EPB_DATA_OFFSET;
  }

  /** Writes what is staged; returns how many packets became visible in the file. */
  flush(): number {
    if (this.fd === null || this.staged === 0) return 0;
    let off = 0;
    try {
      while (off < this.staged) off += writeSync(this.fd, this.stage, off, this.staged - off);
    } catch (e) {
      throw new LiveCaptureError('output', `cannot write capture file ${this.path}: ${(e as Error).message}`);
    }
    const n = this.stagedPackets;
    this.written += n;
    this.staged = 0;
    this.stagedPackets = 0;
    return n;
  }

  close(): void {
    if (this.fd === null) return;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
      this.fd = null;
    }
  }

  private put(block: Uint8Array): void {
    if (this.staged + block.length > this.stage.length) this.flush();
    this.stage.set(block, this.staged);
    this.staged += block.length;
    this.end += block.length;
  }
}
