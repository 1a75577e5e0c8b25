/**
 * packet.detail for IP fragments (electron/capture/packet-detail.ts): the frame that completes a datagram shows the
 * reassembled frame, another fragment where its datagram was reassembled; neighbours the file no longer holds leave
 * the frame as it is, never an error.
 */
import { describe, expect, it } from 'vitest';
import { packetDetail, type FrameLookup } from '../../../electron/capture/packet-detail';
import { analyzeFile } from '../../../electron/capture/pipeline';
import { writeReassemblyCapture } from '../../fixtures/ip-reassembly-capture';

const ETHERNET = 1;

async function captureLookup(path: string): Promise<FrameLookup> {
  const { index } = await analyzeFile(path, { decodeThread: 'off' });
  return (f) => { const loc = index.get(f); return loc && { loc, linkType: ETHERNET }; };
}

describe('packet detail of IP fragments', () => {
  it('shows the completing frame reassembled and an earlier fragment with the frame that reassembles it', async () => {
    const path = writeReassemblyCapture(), lookup = await captureLookup(path);
    // Frames 6–8 hold one datagram's fragments last first: frame 8 (offset 0) completes it.
    const completing = await packetDetail(path, lookup(8)!.loc, ETHERNET, lookup);
    expect(completing.tree[0]).toMatchObject({ label: 'Reassembled IPv4 datagram', value: '3 fragments: #8 (104), #7 (104), #6 (112)' });
    const earlier = await packetDetail(path, lookup(6)!.loc, ETHERNET, lookup);
    expect(earlier.tree[0]).toMatchObject({ label: 'IPv4 fragment', value: 'reassembled in frame 8 (3 fragments: #8, #7, #6)' });
    const v6 = await packetDetail(path, lookup(15)!.loc, ETHERNET, lookup);      // an IPv6 SYN with data in two fragments
    expect(v6.tree[0]).toMatchObject({ label: 'Reassembled IPv6 datagram', value: '2 fragments: #14 (152), #15 (168)' });
  });

  it('shows a fragment as it is when its neighbours cannot be read', async () => {
    const path = writeReassemblyCapture(), lookup = await captureLookup(path);
    // The frames after 6 now lie past the file's end (as if it had been cut short since it was read).
    const gone: FrameLookup = (f) => { const at = lookup(f); return at && (f <= 6 ? at : { ...at, loc: { ...at.loc, fileOffset: at.loc.fileOffset + 1_000_000 } }); };
    const d = await packetDetail(path, lookup(6)!.loc, ETHERNET, gone);
    expect(d.tree[0].label).toBe('Frame 6');
    expect(d.bytes.length).toBe(d.capLen);
  });
});
