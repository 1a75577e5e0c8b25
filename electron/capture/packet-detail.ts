/**
 * `packet.detail`: reads one frame's bytes back from the capture file (or the live session pcapng) by the
 * offset the frame index recorded, and builds the decoded tree for it (shared/wire/detail-tree.ts). Runs
 * for the selected packet only, so it may allocate.
 */
import { open } from 'node:fs/promises';
import type { PacketDetail } from '../../shared/ipc/contract';
import { buildDetailTree } from '../../shared/wire/detail-tree';
import type { FrameLocation } from './frame-index';

/** Reads `loc.capLen` bytes at `loc.fileOffset`; a short read (file shrank or changed) is an error. */
export async function readFrameBytes(path: string, loc: FrameLocation): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const bytes = new Uint8Array(loc.capLen);
    const { bytesRead } = await fh.read(bytes, 0, loc.capLen, loc.fileOffset);
    if (bytesRead !== loc.capLen) {
      throw new Error(`frame ${loc.frame}: read ${bytesRead} of ${loc.capLen} bytes at offset ${loc.fileOffset} (did the file change?)`);
    }
    return bytes;
  } finally {
    await fh.close();
  }
}

export async function packetDetail(path: string, loc: FrameLocation, linkType: number): Promise<PacketDetail> {
  const bytes = await readFrameBytes(path, loc);
  return {
    frame: loc.frame, linkType, capLen: loc.capLen, origLen: loc.origLen, tsSec: loc.tsSec, tsNsec: loc.tsNsec,
    bytes, tree: buildDetailTree(bytes, linkType, loc.origLen),
  };
}
