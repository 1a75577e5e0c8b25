/**
 * Push reader for pcapng (draft-ietf-opsawg-pcapng): sections in either byte order, Interface Description
 * Blocks with if_tsresol / if_tsoffset / if_name / if_description, packets from Enhanced, Simple and
 * obsolete Packet Blocks; Name Resolution, Interface Statistics, Decryption Secrets, custom and unknown
 * blocks are checked for framing and skipped.
 *
 * Framing checks follow libpcap's sf-pcapng.c and Wireshark's wiretap/pcapng.c: a block is ≥ 12 bytes, a
 * multiple of 4, at most 16 MiB, and its trailing length repeats its leading one; a section must be
 * version 1.0 or 1.2; a packet's interface must have been described in its section; options must stay
 * inside their block. Custom Blocks (0xBAD, 0x40000BAD) are not packets but use up a frame number, because
 * tshark 4.0 shows them as frames: `CaptureRecord.frame` then matches tshark's frame.number.
 */
import type { CaptureInterface } from './capture-interface';
import { captureProblem, maxCaplenFor, type CaptureProblem, type CaptureProblemCode } from './capture-problem';
import type { CaptureRecord } from './capture-record';
import { ChunkQueue } from './chunk-queue';
import { emptyCaptureRecord } from './pcap-reader';
import { addStatistics, countResolvedNames, emptyCaptureMetadata, type CaptureMetadata } from './capture-metadata';
import { optionComments, readInterfaceOptions, readSectionOptions, walkOptions } from './pcapng-options';
import { PcapngTimestamp } from './pcapng-timestamp';
import { precisionOf } from './time-precision';

export const PCAPNG_SHB_TYPE = 0x0a0d0d0a;
export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const IDB = 1, OPB = 2, SPB = 3, NRB = 4, ISB = 5, EPB = 6, DSB = 0x0a, CUSTOM = 0x00000bad, CUSTOM_NO_COPY = 0x40000bad;
const BLOCK_HEADER = 12;
/** libpcap's INITIAL_MAX_BLOCKSIZE; Wireshark's limit is the same order. */
export const MAX_BLOCK_BYTES = 16 * 1024 * 1024;
/** `iface` travels as a Uint16 column. */
const MAX_INTERFACES = 65535;
/** Smallest legal total length per block type (header, fixed fields, trailer). */
const MIN_LENGTH: Record<number, number> = { [PCAPNG_SHB_TYPE]: 28, [IDB]: 20, [EPB]: 32, [OPB]: 32, [SPB]: 16 };
const NAMES: Record<number, string> = {
  [PCAPNG_SHB_TYPE]: 'Section Header Block', [IDB]: 'Interface Description Block', [EPB]: 'Enhanced Packet Block',
  [OPB]: 'Packet Block', [SPB]: 'Simple Packet Block',
};

export class PcapngReader {
  readonly interfaces: CaptureInterface[] = [];
  readonly metadata: CaptureMetadata = emptyCaptureMetadata();
  /** Called with each packet comment (opt_comment of a packet block) and its frame; null: comments are not read. */
  onComment: ((frame: number, text: string) => void) | null = null;
  recordsRead = 0;
  private readonly queue = new ChunkQueue();
  private readonly record = emptyCaptureRecord();
  private le = true;
  private section = -1;
  /** Global interface ids of the current section, by id in section. */
  private sectionIfaces: number[] = [];
  private readonly clocks: PcapngTimestamp[] = [];
  /** Each interface's time precision (time-precision.ts), by the same index as `clocks`. */
  private readonly precisions: number[] = [];
  private frames = 0;
  private problem: CaptureProblem | null = null;

  push(chunk: Uint8Array, onRecord: (r: CaptureRecord) => void): CaptureProblem | null {
    if (this.problem) return this.problem;
    const q = this.queue;
    q.push(chunk);
    while (q.want(BLOCK_HEADER)) {
      const len = this.blockLength();
      if (len < 0) return this.problem;
      if (!q.want(len)) break;
      this.problem = this.readBlock(len, onRecord);
      if (this.problem) return this.problem;
      q.consume(len);
    }
    q.stash();
    return null;
  }

  /** Reports input that ended inside a block. */
  end(): CaptureProblem | null {
    if (this.problem) return this.problem;
    const left = this.queue.buffered, at = this.queue.offset;
    if (left === 0) return null;
    this.problem = captureProblem('truncated', at,
      `The file ends at byte ${at + left} in the middle of a block starting at byte ${at} (${left} bytes of it present); the ${this.recordsRead} packets before it are kept.`);
    return this.problem;
  }

  private fail(code: CaptureProblemCode, message: string, offset = this.queue.offset): number {
    this.problem = captureProblem(code, offset, message);
    return -1;
  }

  /** Checks the block header at the read position; returns its total length, or -1 after setting `problem`. */
  private blockLength(): number {
    const { view, at, offset } = this.queue;
    if (view.getUint32(at, true) === PCAPNG_SHB_TYPE) {
      // A Section Header Block sets the byte order of everything up to the next one.
      if (view.getUint32(at + 8, true) === PCAPNG_BYTE_ORDER_MAGIC) this.le = true;
      else if (view.getUint32(at + 8, false) === PCAPNG_BYTE_ORDER_MAGIC) this.le = false;
      else return this.fail('bad-magic', `The section header at byte ${offset} has no valid byte-order magic.`);
    } else if (this.section < 0) {
      return this.fail('no-section-header', `The block at byte ${offset} comes before any Section Header Block.`);
    }
    const type = view.getUint32(at, this.le), len = view.getUint32(at + 4, this.le);
    const min = MIN_LENGTH[type] ?? BLOCK_HEADER;
    if (len < min) {
      return this.fail('block-too-short', `The ${blockName(type)} at byte ${offset} claims a length of ${len} bytes, less than the ${min} it needs.`);
    }
    if (len % 4 !== 0) return this.fail('block-length-unaligned', `The ${blockName(type)} at byte ${offset} has length ${len}, not a multiple of 4.`);
    if (len > MAX_BLOCK_BYTES) {
      return this.fail('block-too-large', `The ${blockName(type)} at byte ${offset} claims ${len} bytes, more than the 16 MiB limit; the file is probably damaged.`);
    }
    return len;
  }

  private readBlock(len: number, onRecord: (r: CaptureRecord) => void): CaptureProblem | null {
    const { view, at, offset } = this.queue, le = this.le;
    const type = view.getUint32(at, le);
    // Wireshark parses a section header's options before its trailer, so a runaway option is named as such.
    if (type === PCAPNG_SHB_TYPE) {
      const bad = walkOptions(view, at + 24, at + len - 4, le);
      if (bad >= 0) return this.optionOverrun(bad, 'Section Header Block');
    }
    if (view.getUint32(at + len - 4, le) !== len) {
      return captureProblem('block-trailer-mismatch', offset,
        `The block at byte ${offset} starts with length ${len} but ends with length ${view.getUint32(at + len - 4, le)}.`);
    }
    switch (type) {
      case PCAPNG_SHB_TYPE: return this.readSectionHeader(len);
      case IDB: return this.readInterface(len);
      case EPB: return this.readPacket(len, view.getUint32(at + 8, le), 28, onRecord);
      case OPB: return this.readPacket(len, view.getUint16(at + 8, le), 28, onRecord);
      case SPB: return this.readSimplePacket(len, onRecord);
      case CUSTOM: case CUSTOM_NO_COPY: this.frames++; return null;
      case ISB: this.readStatistics(len); return null;
      case NRB: countResolvedNames(this.metadata, view, at + 8, at + len - 4, le); return null;
      case DSB: this.metadata.decryptionSecrets++; return null;
      default: return null; // systemd journal, unknown: framing checked, content not needed
    }
  }

  private readSectionHeader(len: number): CaptureProblem | null {
    const { view, at, offset } = this.queue, le = this.le;
    const major = view.getUint16(at + 12, le), minor = view.getUint16(at + 14, le);
    // libpcap accepts 1.0 and 1.2 (written by some old tools); Wireshark reports "unknown SHB version".
    if (major !== 1 || (minor !== 0 && minor !== 2)) {
      return captureProblem('unsupported-version', offset, `The section at byte ${offset} has pcapng version ${major}.${minor}; only 1.0 is supported.`);
    }
    this.section++;
    this.sectionIfaces = [];
    this.metadata.sections.push({ version: `${major}.${minor}`, littleEndian: le, ...readSectionOptions(view, at + 24, at + len - 4, le) });
    return null;
  }

  /** An ISB: interface id, timestamp, options (counted only for an interface its section described). */
  private readStatistics(len: number): void {
    const { view, at } = this.queue, le = this.le;
    if (len < 24) return;
    const iface = this.sectionIfaces[view.getUint32(at + 8, le)];
    if (iface === undefined) return;
    addStatistics(this.metadata.statistics[iface], view, at + 20, at + len - 4, le);
  }

  private readInterface(len: number): CaptureProblem | null {
    const { view, at, offset } = this.queue, le = this.le;
    const opts = readInterfaceOptions(view, at + 16, at + len - 4, le);
    if (typeof opts === 'number') return this.optionOverrun(opts, 'Interface Description Block');
    if (!PcapngTimestamp.isValid(opts.tsresol)) {
      return captureProblem('bad-timestamp-resolution', offset, `The interface at byte ${offset} has an unusable if_tsresol value 0x${opts.tsresol.toString(16)}.`);
    }
    if (this.interfaces.length >= MAX_INTERFACES) {
      return captureProblem('too-many-interfaces', offset, `The interface at byte ${offset} is one more than the ${MAX_INTERFACES} SynAck can track.`);
    }
    const id = this.interfaces.length;
    this.interfaces.push({
      id, section: this.section, idInSection: this.sectionIfaces.length,
      linkType: view.getUint16(at + 8, le), snaplen: view.getUint32(at + 12, le),
      name: opts.name, description: opts.description, tsresol: opts.tsresol, tsoffset: opts.tsoffset, fcsLen: 0, littleEndian: le,
      details: { tsresolGiven: opts.tsresolGiven, hardware: opts.hardware, os: opts.os, speed: opts.speed, fcsLen: opts.fcsLen, filter: opts.filter, comments: opts.comments },
    });
    this.metadata.statistics.push({ entries: 0, comments: [] });
    this.sectionIfaces.push(id);
    this.clocks.push(new PcapngTimestamp(opts.tsresol, opts.tsoffset));
    this.precisions.push(precisionOf(opts.tsresol));
    return null;
  }

  /** EPB and the obsolete PB share the layout after the interface id: ts high, ts low, caplen, origlen, data. */
  private readPacket(len: number, ifaceInSection: number, dataStart: number, onRecord: (r: CaptureRecord) => void): CaptureProblem | null {
    const { view, at, offset } = this.queue, le = this.le;
    const iface = this.sectionIfaces[ifaceInSection];
    if (iface === undefined) return this.unknownInterface(ifaceInSection);
    const capLen = view.getUint32(at + 20, le), max = maxCaplenFor(this.interfaces[iface].linkType);
    if (capLen > max) {
      return captureProblem('caplen-too-large', offset, `The packet at byte ${offset} claims ${capLen} captured bytes, more than the ${max} allowed for its link type.`);
    }
    if (dataStart + capLen > len - 4) {
      return captureProblem('option-overrun', offset, `The packet block at byte ${offset} (${len} bytes) is too short for its ${capLen} captured bytes.`);
    }
    const optionsAt = at + dataStart + ((capLen + 3) & ~3);
    const bad = walkOptions(view, optionsAt, at + len - 4, le);
    if (bad >= 0) return this.optionOverrun(bad, 'packet block');
    const clock = this.clocks[iface];
    clock.convert(view.getUint32(at + 12, le), view.getUint32(at + 16, le));
    this.emit(iface, dataStart, capLen, view.getUint32(at + 24, le), clock.sec, clock.nsec, true, onRecord);
    if (this.onComment !== null && optionsAt < at + len - 4) this.readComments(optionsAt, at + len - 4);
    return null;
  }

  /** SPB: interface 0, no timestamp; captured length = min(original length, snaplen, room in the block). */
  private readSimplePacket(len: number, onRecord: (r: CaptureRecord) => void): CaptureProblem | null {
    const { view, at } = this.queue;
    const iface = this.sectionIfaces[0];
    if (iface === undefined) return this.unknownInterface(0);
    const origLen = view.getUint32(at + 8, this.le), snaplen = this.interfaces[iface].snaplen;
    let capLen = Math.min(origLen, len - 16);
    if (snaplen !== 0) capLen = Math.min(capLen, snaplen);
    this.emit(iface, 12, capLen, origLen, 0, 0, false, onRecord);
    return null;
  }

  private emit(iface: number, dataStart: number, capLen: number, origLen: number, sec: number, nsec: number,
    hasTimestamp: boolean, onRecord: (r: CaptureRecord) => void): void {
    const q = this.queue, r = this.record;
    if (r.bytes !== q.bytes) { r.bytes = q.bytes; r.view = q.view; }   // no write barrier per record
    r.at = q.at + dataStart;
    r.capLen = capLen;
    r.origLen = origLen;
    r.tsSec = sec;
    r.tsNsec = nsec;
    r.hasTimestamp = hasTimestamp;
    r.tsPrec = this.precisions[iface];
    r.iface = iface;
    r.linkType = this.interfaces[iface].linkType;
    r.fileOffset = q.offset + dataStart;
    r.frame = ++this.frames;
    this.recordsRead++;
    onRecord(r);
  }

  /** Hands the packet block's comments (options in [from, to)) to onComment. */
  private readComments(from: number, to: number): void {
    for (const c of optionComments(this.queue.view, from, to, this.le)) this.onComment!(this.frames, c);
  }

  private unknownInterface(id: number): CaptureProblem {
    const offset = this.queue.offset;
    return captureProblem('unknown-interface', offset,
      `The packet at byte ${offset} names interface ${id}, but its section describes only ${this.sectionIfaces.length}.`);
  }

  private optionOverrun(badAt: number, where: string): CaptureProblem {
    const { view, at, offset } = this.queue;
    const len = view.getUint16(badAt + 2, this.le);
    return captureProblem('option-overrun', offset + (badAt - at),
      `An option of length ${len} in the ${where} at byte ${offset} runs past the end of the block.`);
  }
}

function blockName(type: number): string {
  return NAMES[type] ?? `block of type 0x${type.toString(16)}`;
}
