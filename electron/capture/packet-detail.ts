/**
 * `packet.detail`: reads one frame's bytes back from the capture file (or the live session pcapng) by the
 * offset the frame index recorded (file-source.ts; a gzip file is inflated up to it), and builds the
 * decoded tree for it (shared/wire/detail-tree.ts). Runs for the selected packet only, so it may allocate.
 */
import type { PacketDetail } from '../../shared/ipc/contract';
import { buildDetailTree } from '../../shared/wire/detail-tree';
import type { FrameLocation } from './frame-index';
import { readPacketBytes } from './file-source';

export async function packetDetail(path: string, loc: FrameLocation, linkType: number): Promise<PacketDetail> {
  const bytes = await readPacketBytes(path, loc.fileOffset, loc.capLen);
  return {
    frame: loc.frame, linkType, capLen: loc.capLen, origLen: loc.origLen, tsSec: loc.tsSec, tsNsec: loc.tsNsec,
    bytes, tree: buildDetailTree(bytes, linkType, loc.origLen),
  };
}
