/**
 * `packet.detail`: reads one frame's bytes back from the capture file (or the live session pcapng) by the
 * offset the frame index recorded (file-source.ts; a gzip file is inflated up to it), and builds the
 * decoded tree for it (shared/wire/detail-tree.ts), headed by its Frame row and its pcapng comments
 * (shared/wire/frame-node.ts). Runs for the selected packet only, so it may allocate.
 *
 * An IP fragment is decoded again among its neighbours with reassembly on (at most REPLAY_FRAMES frames and
 * REPLAY_BYTES of the file on either side): the frame that completes a datagram shows the datagram, as the packet
 * list does (and tshark), headed by the fragments it was laid out from, and the bytes pane shows that reassembled
 * frame; any other fragment says which frame its datagram was reassembled in, or that it was not within reach.
 */
import type { InterfaceSummary } from '../../shared/capture-file/capture-interface';
import { optionComments } from '../../shared/capture-file/pcapng-options';
import { MAX_BLOCK_BYTES } from '../../shared/capture-file/pcapng-reader';
import type { PacketDetail } from '../../shared/ipc/contract';
import { commentsNode, frameNode, type FrameFacts } from '../../shared/wire/frame-node';
import type { DetailNode } from '../../shared/wire/detail-node';
import { buildDetailTree } from '../../shared/wire/detail-tree';
import type { FragmentOrigin } from '../../shared/wire/ip-reassembly';
import { PacketDecoder } from '../../shared/wire/packet-decoder';
import type { FrameLocation } from './frame-index';
import { readPacketBytes } from './file-source';

/** How far around a fragment its datagram's other fragments are looked for: frames, and bytes of the file. */
export const REPLAY_FRAMES = 4096;
const REPLAY_BYTES = 16 * 1024 * 1024;

/** A frame's location and link type, or null when the capture has no such frame. */
export type FrameLookup = (frame: number) => { loc: FrameLocation; linkType: number } | null;

interface Located { f: number; loc: FrameLocation; linkType: number }

/** The datagram a fragment belongs to, as the replay reassembled it. */
interface Reassembly {
  /** The frame that completed it. */
  frame: number;
  fragments: FragmentOrigin[];
  version: 4 | 6;
  /** The reassembled frame (the completing frame's headers, then the datagram). */
  bytes: Uint8Array;
}

/**
 * The detail of the frame at `loc`: its Frame row with the interface `iface` (pcapng) and the times of the frames
 * before it (through `lookup`), its packet comments, and its decoded layers.
 */
export async function packetDetail(path: string, loc: FrameLocation, linkType: number, lookup?: FrameLookup, iface?: InterfaceSummary): Promise<PacketDetail> {
  const bytes = await readPacketBytes(path, loc.fileOffset, loc.capLen);
  const head = { frame: loc.frame, linkType, capLen: loc.capLen, origLen: loc.origLen, tsSec: loc.tsSec, tsNsec: loc.tsNsec };
  // A pcapng packet's own block: its comments, and whether it has a time (a Simple Packet Block has none).
  const block = iface?.pcapng ? await packetBlock(path, loc, iface.littleEndian).catch(() => null) : null;
  const comments = block && iface ? await blockComments(path, block, loc.capLen, iface.littleEndian).catch(() => []) : [];
  const facts: FrameFacts = {
    frame: loc.frame, capLen: loc.capLen, origLen: loc.origLen, linkType, tsSec: loc.tsSec, tsNsec: loc.tsNsec, comments,
    hasTimestamp: block?.kind !== 'simple',
    iface: iface?.pcapng ? { id: iface.idInSection, section: iface.section, name: iface.name, description: iface.description } : undefined,
    previous: lookup && loc.frame > 1 ? timeOf(lookup(loc.frame - 1)?.loc ?? null) : undefined,
    first: lookup && loc.frame > 1 ? timeOf(lookup(1)?.loc ?? null) : undefined,
  };
  const commented = (nodes: DetailNode[]): DetailNode[] => { const c = commentsNode(comments); return c ? [c, ...nodes] : nodes; };
  const tree = commented(buildDetailTree(bytes, linkType, loc.origLen, frameNode(facts)));
  if (!lookup || !isIpFragment(bytes, linkType, loc.origLen)) return { ...head, bytes, tree };
  // The frame itself was read; if its neighbours cannot be (a file cut short since), it shows as it is.
  const r = await reassemblyOf(path, loc.frame, lookup).catch(() => undefined);
  if (r === undefined) return { ...head, bytes, tree };
  if (r?.frame === loc.frame) {
    // The Frame row stays this frame's; the rest (and the bytes pane) is the reassembled frame.
    const own = frameNode(facts);
    const whole = buildDetailTree(r.bytes, linkType, r.bytes.length, { ...own, value: `${own.value}; shown reassembled as ${r.bytes.length} bytes: its headers, then the whole datagram` });
    return { ...head, bytes: r.bytes, tree: commented([fragmentsNode(r), ...whole]) };
  }
  return { ...head, bytes, tree: commented([fragmentNode(r), ...buildDetailTree(bytes, linkType, loc.origLen, frameNode(facts))]) };
}

/**
 * A frame's time for the deltas; a frame number the index has no packet for is a pcapng Custom Block, which tshark
 * 4.0 shows as a frame without a time: 0, so the delta after it is the packet's whole epoch time, as there.
 */
const timeOf = (loc: FrameLocation | null): { sec: number; nsec: number } => (loc ? { sec: loc.tsSec, nsec: loc.tsNsec } : { sec: 0, nsec: 0 });

/** Enhanced and obsolete Packet Blocks: the packet's bytes start 28 bytes into the block; a Simple Packet Block's 12. */
const EPB = 6, OPB = 2, SPB = 3, PACKET_DATA_AT = 28, SIMPLE_DATA_AT = 12;

/** The pcapng block holding a packet: its kind, where it starts and its length (null when it cannot be told). */
interface PacketBlock { kind: 'packet' | 'simple'; at: number; len: number }

/** Whether a block of `len` bytes at `at` is well framed: its trailing length repeats it. */
async function framed(path: string, at: number, len: number, le: boolean): Promise<boolean> {
  if (len < SIMPLE_DATA_AT + 4 || len > MAX_BLOCK_BYTES || len % 4 !== 0) return false;
  const t = await readPacketBytes(path, at + len - 4, 4);
  return new DataView(t.buffer, t.byteOffset, 4).getUint32(0, le) === len;
}

/**
 * Finds the block of the pcapng packet at `loc` from the bytes just before its data: an EPB/OPB header 28 bytes
 * before, else an SPB header 12 bytes before, each taken only when its lengths frame it (so packet bytes that
 * happen to look like a header are not).
 */
async function packetBlock(path: string, loc: FrameLocation, le: boolean): Promise<PacketBlock | null> {
  const back = Math.min(PACKET_DATA_AT, loc.fileOffset);
  if (back < SIMPLE_DATA_AT) return null;
  const head = await readPacketBytes(path, loc.fileOffset - back, back);
  const v = new DataView(head.buffer, head.byteOffset, back);
  if (back === PACKET_DATA_AT) {
    const type = v.getUint32(0, le), len = v.getUint32(4, le), at = loc.fileOffset - PACKET_DATA_AT;
    if ((type === EPB || type === OPB) && len >= PACKET_DATA_AT + loc.capLen && await framed(path, at, len, le)) return { kind: 'packet', at, len };
  }
  const type = v.getUint32(back - SIMPLE_DATA_AT, le), len = v.getUint32(back - SIMPLE_DATA_AT + 4, le), at = loc.fileOffset - SIMPLE_DATA_AT;
  return type === SPB && await framed(path, at, len, le) ? { kind: 'simple', at, len } : null;
}

/** A packet block's comments (opt_comment), from its options after the padded packet bytes. */
async function blockComments(path: string, b: PacketBlock, capLen: number, le: boolean): Promise<string[]> {
  const optionsAt = PACKET_DATA_AT + ((capLen + 3) & ~3);
  if (b.kind !== 'packet' || b.len - 4 <= optionsAt) return [];
  const options = await readPacketBytes(path, b.at + optionsAt, b.len - 4 - optionsAt);
  return optionComments(new DataView(options.buffer, options.byteOffset, options.byteLength), 0, options.length, le);
}

/** Whether the frame, decoded alone, is an IP fragment (a first one with more to come, or a later one). */
function isIpFragment(bytes: Uint8Array, linkType: number, origLen: number): boolean {
  const p = new PacketDecoder().decode(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.length, origLen, linkType);
  return p.isFirstFragment || p.isLaterFragment;
}

/**
 * Decodes the frames around `frame` in order with reassembly on (read from the file at once) until a datagram holding
 * `frame`'s fragment completes; that datagram, or null when none does within reach.
 */
async function reassemblyOf(path: string, frame: number, lookup: FrameLookup): Promise<Reassembly | null> {
  const frames = replayWindow(frame, lookup);
  if (frames.length === 0) return null;
  const start = frames[0].loc.fileOffset, end = frames[frames.length - 1].loc.fileOffset + frames[frames.length - 1].loc.capLen;
  const span = await readPacketBytes(path, start, end - start);
  const dv = new DataView(span.buffer, span.byteOffset, span.byteLength);
  const decoder = new PacketDecoder({ reassemble: true });
  for (const { f, loc, linkType } of frames) {
    decoder.frame = f;
    const p = decoder.decode(dv, loc.fileOffset - start, loc.capLen, loc.origLen, linkType);
    const r = f >= frame ? decoder.reassembledFrom() : null;
    if (r && r.fragments.some((x) => x.frame === frame)) return { frame: f, ...r, version: p.l3 === 6 ? 6 : 4 };
  }
  return null;
}

/** The frames replayed for `frame`: up to REPLAY_FRAMES and REPLAY_BYTES on either side, in file order. */
function replayWindow(frame: number, lookup: FrameLookup): Located[] {
  const own = lookup(frame);
  if (!own) return [];
  const at = own.loc.fileOffset;
  const before: Located[] = [], after: Located[] = [];
  for (let f = frame - 1; f >= Math.max(1, frame - REPLAY_FRAMES); f--) {
    const x = lookup(f);
    if (!x || x.loc.fileOffset > at || at - x.loc.fileOffset > REPLAY_BYTES) break;
    before.push({ f, ...x });
  }
  for (let f = frame + 1; f <= frame + REPLAY_FRAMES; f++) {
    const x = lookup(f);
    if (!x || x.loc.fileOffset < at || x.loc.fileOffset + x.loc.capLen - at > REPLAY_BYTES) break;
    after.push({ f, ...x });
  }
  return [...before.reverse(), { f: frame, ...own }, ...after];
}

/** The head of a reassembled frame's detail: the datagram's fragments and the frames they came in. */
function fragmentsNode(r: Reassembly): DetailNode {
  return {
    label: `Reassembled IPv${r.version} datagram`,
    value: `${r.fragments.length} fragments: ${r.fragments.map((f) => `#${f.frame} (${f.length})`).join(', ')}`,
    start: 0, length: 0,
    children: r.fragments.map((f) => ({
      label: `Frame ${f.frame}`, value: `datagram bytes ${f.offset}–${f.offset + f.length - 1} (${f.length} bytes)`,
      start: 0, length: 0,
    })),
  };
}

/** The head of another fragment's detail: where its datagram was reassembled, if it was within reach. */
function fragmentNode(r: Reassembly | null): DetailNode {
  return r
    ? { label: `IPv${r.version} fragment`, value: `reassembled in frame ${r.frame} (${r.fragments.length} fragments: ${r.fragments.map((f) => `#${f.frame}`).join(', ')})`, start: 0, length: 0 }
    : { label: 'IP fragment', value: `not reassembled: no frame within ${REPLAY_FRAMES} of it completes its datagram`, start: 0, length: 0 };
}
