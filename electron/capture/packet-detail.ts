/**
 * `packet.detail`: reads one frame's bytes back from the capture file (or the live session pcapng) by the
 * offset the frame index recorded (file-source.ts; a gzip file is inflated up to it), and builds the
 * decoded tree for it (shared/wire/detail-tree.ts). Runs for the selected packet only, so it may allocate.
 *
 * An IP fragment that completes a datagram shows the datagram, as the packet list does (and tshark): the frames
 * before it, at most REPLAY_FRAMES of them (and REPLAY_BYTES of the file), are decoded again with reassembly on, and when this frame completes a
 * datagram there the detail is that of the reassembled frame (the bytes pane shows it too), headed by the list of
 * fragments it was laid out from. A datagram whose fragments began further back shows as the fragment it is.
 */
import type { PacketDetail } from '../../shared/ipc/contract';
import type { DetailNode } from '../../shared/wire/detail-node';
import { buildDetailTree } from '../../shared/wire/detail-tree';
import type { FragmentOrigin } from '../../shared/wire/ip-reassembly';
import { PacketDecoder } from '../../shared/wire/packet-decoder';
import type { FrameLocation } from './frame-index';
import { readPacketBytes } from './file-source';

/** How many frames before a fragment are decoded again to find the rest of its datagram, and from how far back in the file. */
export const REPLAY_FRAMES = 4096;
const REPLAY_BYTES = 16 * 1024 * 1024;

/** A frame's location and link type, or null when the capture has no such frame. */
export type FrameLookup = (frame: number) => { loc: FrameLocation; linkType: number } | null;

export async function packetDetail(path: string, loc: FrameLocation, linkType: number, lookup?: FrameLookup): Promise<PacketDetail> {
  const bytes = await readPacketBytes(path, loc.fileOffset, loc.capLen);
  const head = { frame: loc.frame, linkType, capLen: loc.capLen, origLen: loc.origLen, tsSec: loc.tsSec, tsNsec: loc.tsNsec };
  const whole = lookup && isIpFragment(bytes, linkType, loc.origLen) ? await reassembledAt(path, loc.frame, lookup) : null;
  if (whole) {
    const tree = buildDetailTree(whole.bytes, linkType, whole.bytes.length);
    // The Frame line stays this frame's; the rest (and the bytes pane) is the reassembled frame.
    tree[0] = { ...tree[0], value: `${loc.origLen} bytes on wire, ${loc.capLen} bytes captured; shown reassembled as ${whole.bytes.length} bytes: its headers, then the whole datagram` };
    return { ...head, bytes: whole.bytes, tree: [fragmentsNode(whole.fragments, whole.version), ...tree] };
  }
  return { ...head, bytes, tree: buildDetailTree(bytes, linkType, loc.origLen) };
}

/** Whether the frame, decoded alone, is an IP fragment (a first one with more to come, or a later one). */
function isIpFragment(bytes: Uint8Array, linkType: number, origLen: number): boolean {
  const p = new PacketDecoder().decode(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.length, origLen, linkType);
  return p.isFirstFragment || p.isLaterFragment;
}

/**
 * Decodes the frames up to `frame` (at most REPLAY_FRAMES before it, within REPLAY_BYTES of the file, read at once)
 * with reassembly on; the datagram `frame` completes, if any.
 */
async function reassembledAt(path: string, frame: number, lookup: FrameLookup): Promise<{ bytes: Uint8Array; fragments: FragmentOrigin[]; version: 4 | 6 } | null> {
  const frames: { f: number; loc: FrameLocation; linkType: number }[] = [];
  for (let f = Math.max(1, frame - REPLAY_FRAMES); f <= frame; f++) {
    const at = lookup(f);
    if (at) frames.push({ f, ...at });
  }
  const last = frames[frames.length - 1];
  if (!last || last.f !== frame) return null;
  const end = last.loc.fileOffset + last.loc.capLen;
  let first = 0;
  while (end - frames[first].loc.fileOffset > REPLAY_BYTES || frames[first].loc.fileOffset > last.loc.fileOffset) first++;
  const start = frames[first].loc.fileOffset;
  const span = await readPacketBytes(path, start, end - start);
  const dv = new DataView(span.buffer, span.byteOffset, span.byteLength);
  const decoder = new PacketDecoder({ reassemble: true });
  let p = null;
  for (const { f, loc, linkType } of frames.slice(first)) {
    if (loc.fileOffset < start || loc.fileOffset + loc.capLen > end) continue;   // not in file order: not replayed
    decoder.frame = f;
    p = decoder.decode(dv, loc.fileOffset - start, loc.capLen, loc.origLen, linkType);
  }
  const r = decoder.reassembledFrom();
  return r && { ...r, version: p?.l3 === 6 ? 6 : 4 };
}

/** The head of a reassembled frame's detail: the datagram's size and the frames its bytes came from. */
function fragmentsNode(fragments: FragmentOrigin[], version: 4 | 6): DetailNode {
  return {
    label: `Reassembled IPv${version} datagram`,
    value: `${fragments.length} fragments: ${fragments.map((f) => `#${f.frame} (${f.length})`).join(', ')}`,
    start: 0, length: 0,
    children: fragments.map((f) => ({
      label: `Frame ${f.frame}`, value: `datagram bytes ${f.offset}–${f.offset + f.length - 1} (${f.length} bytes)`,
      start: 0, length: 0,
    })),
  };
}
