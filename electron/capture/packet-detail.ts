/**
 * `packet.detail`: reads one frame's bytes back from the capture file (or the live session pcapng) by the
 * offset the frame index recorded (file-source.ts; a gzip file is inflated up to it), and builds the
 * decoded tree for it (shared/wire/detail-tree.ts). Runs for the selected packet only, so it may allocate.
 *
 * An IP fragment is decoded again among its neighbours with reassembly on (at most REPLAY_FRAMES frames and
 * REPLAY_BYTES of the file on either side): the frame that completes a datagram shows the datagram, as the packet
 * list does (and tshark), headed by the fragments it was laid out from, and the bytes pane shows that reassembled
 * frame; any other fragment says which frame its datagram was reassembled in, or that it was not within reach.
 */
import type { PacketDetail } from '../../shared/ipc/contract';
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

export async function packetDetail(path: string, loc: FrameLocation, linkType: number, lookup?: FrameLookup): Promise<PacketDetail> {
  const bytes = await readPacketBytes(path, loc.fileOffset, loc.capLen);
  const head = { frame: loc.frame, linkType, capLen: loc.capLen, origLen: loc.origLen, tsSec: loc.tsSec, tsNsec: loc.tsNsec };
  const tree = buildDetailTree(bytes, linkType, loc.origLen);
  if (!lookup || !isIpFragment(bytes, linkType, loc.origLen)) return { ...head, bytes, tree };
  // The frame itself was read; if its neighbours cannot be (a file cut short since), it shows as it is.
  const r = await reassemblyOf(path, loc.frame, lookup).catch(() => undefined);
  if (r === undefined) return { ...head, bytes, tree };
  if (r?.frame === loc.frame) {
    const whole = buildDetailTree(r.bytes, linkType, r.bytes.length);
    // The Frame line stays this frame's; the rest (and the bytes pane) is the reassembled frame.
    whole[0] = { ...whole[0], value: `${loc.origLen} bytes on wire, ${loc.capLen} bytes captured; shown reassembled as ${r.bytes.length} bytes: its headers, then the whole datagram` };
    return { ...head, bytes: r.bytes, tree: [fragmentsNode(r), ...whole] };
  }
  return { ...head, bytes, tree: [fragmentNode(r), ...tree] };
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
