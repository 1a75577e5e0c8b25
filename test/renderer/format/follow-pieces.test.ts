import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamFollowResult } from '../../../electron/capture/follow-stream';
import { followSaveFile, pieceText, shownPieces } from '../../../renderer/format/follow-pieces';
import { CORPUS } from '../support/capture-app';

/** tshark's `-z follow,tcp,raw,N` pieces: hex per line, the server's indented by a tab. */
function tsharkRaw(file: string, stream: number): { server: boolean; hex: string }[] {
  const out = execFileSync('tshark', ['-r', file, '-q', '-z', `follow,tcp,raw,${stream}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = out.split('\n'), from = lines.findIndex((l) => l.startsWith('Node 1:')) + 1;
  return lines.slice(from).filter((l) => /^\t?[0-9a-f]+$/.test(l)).map((l) => ({ server: l.startsWith('\t'), hex: l.trim() }));
}

describe('follow pieces: what the Follow pane shows and saves', () => {
  const file = resolve(CORPUS, 'zeek__smtp.pcap');

  it('Raw mode saves the payload bytes tshark\'s raw follow prints, both sides or one, in stream order', async () => {
    const result = await streamFollowResult(file, { stream: 0 });
    const tshark = tsharkRaw(file, 0);
    expect(tshark.length).toBe(29);
    const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');
    for (const side of ['both', 'client', 'server'] as const) {
      const saved = followSaveFile(shownPieces(result.records, side), 'raw');
      expect(saved.extension).toBe('bin');
      expect(hexOf(saved.bytes), side).toBe(tshark.filter((p) => side === 'both' || p.server === (side === 'server')).map((p) => p.hex).join(''));
    }
    // The pane's Raw lines are tshark's.
    expect(shownPieces(result.records, 'both').map((p) => pieceText(p, 'raw'))).toEqual(tshark.map((p) => p.hex));
  });

  it('other modes save the text as shown: ASCII pieces run on, hex dump pieces each on their lines with side offsets', async () => {
    const result = await streamFollowResult(file, { stream: 0 });
    const client = shownPieces(result.records, 'client');
    expect(client[1].offset).toBe(9);                                  // after EHLO GP\r\n
    const ascii = new TextDecoder().decode(followSaveFile(client, 'ascii').bytes);
    expect(ascii.startsWith('EHLO GP\r\nAUTH LOGIN\r\n')).toBe(true);
    const hex = new TextDecoder().decode(followSaveFile(client, 'hex').bytes).split('\n');
    expect(hex[0]).toBe('00000000  45 48 4c 4f 20 47 50 0d  0a                       EHLO GP. .');
    expect(hex[1]).toMatch(/^00000009 {2}41 55 54 48/);
    expect(followSaveFile(client, 'hex').extension).toBe('txt');
  });
});
