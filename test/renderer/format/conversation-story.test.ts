/**
 * "What happened" (renderer/format/conversation-story.ts) on captures analysed by the real pipeline: the seed word for
 * word, each way of opening and ending a connection on the hand-built fixtures, the ICMP capture and generated
 * traffic, and on every conversation of the corpus a story whose frames are the conversation's own.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, type FileAnalysis } from '../../../electron/capture/pipeline';
import { storyOfRows } from '../../../renderer/format/conversation-story';
import { writeTcpFixtures } from '../../fixtures/tcp/tcp-fixture-builder';
import { writeIcmpErrorCapture } from '../../fixtures/icmp-error-capture';
import { generatedCapture } from '../../support/generated-capture';
import { CORPUS_DIR, SEED_PCAP, TEST_OUTPUT_DIR } from '../../support/paths';

const fixtureDir = join(TEST_OUTPUT_DIR, 'story-fixtures');
mkdirSync(fixtureDir, { recursive: true });
const fixtures = writeTcpFixtures(fixtureDir);

function rowsOf(a: FileAnalysis, stream: number): number[] {
  const rows: number[] = [];
  for (let r = 0; r < a.columns.rows; r++) if (a.columns.stream[r] === stream) rows.push(r);
  return rows;
}

async function stories(path: string): Promise<{ a: FileAnalysis; told: Map<number, string[]> }> {
  const a = await analyzeFile(path);
  return { a, told: new Map(a.conversations.map((c) => [c.stream, storyOfRows(c, a.columns, rowsOf(a, c.stream))])) };
}

describe('conversationStory', () => {
  it('tells the seed: the handshake, no data, the idle 20 minutes, the four-way close and TIME-WAIT', async () => {
    const { told } = await stories(SEED_PCAP);
    expect(told.get(0)).toEqual([
      'The client 127.0.0.1:57273 asked to connect to 127.0.0.1:8080 (SYN in frame 1); the server agreed (SYN-ACK in frame 2) and the client confirmed (ACK in frame 3) — the handshake took 149 µs (initial RTT).',
      'No data was sent either way. On the way: 1 dup ACK.',
      'Nothing was sent either way for 20 min 49.95 s, between frames 4 and 5.',
      'The client closed its side first (FIN in frame 5); the server acknowledged it in frame 6 and closed its side in frame 8; the client\'s last ACK is frame 9.',
      'Final states: client TIME-WAIT, server CLOSED.',
    ]);
  });

  it('tells a simultaneous close, a capture that starts mid-connection and a reused port pair apart', async () => {
    expect((await stories(fixtures['simultaneous-close'])).told.get(0)!.join(' ')).toMatch(/Both sides closed at once: the client's FIN \(frame \d+\) and the server's \(frame \d+\) crossed \(a simultaneous close\)\./);
    const reuse = (await stories(fixtures['port-reuse'])).told;
    expect(reuse.size).toBeGreaterThan(1);
    for (const lines of reuse.values()) expect(lines[0]).toMatch(/^The client \S+ asked to connect to \S+ \(SYN in frame \d+\)/);
  });

  it('tells a handshake whose last step carried data (TCP Fast Open), and a FIN answered by a reset', async () => {
    const tfo = (await stories(join(CORPUS_DIR, 'zeek__tcp__tcp-fast-open.pcap'))).told.get(0)!;
    expect(tfo[0]).toBe('The client 10.99.99.1:55533 asked to connect to 10.99.99.45:80 (SYN in frame 1); the server agreed (SYN-ACK in frame 2) '
      + 'and the client confirmed with data right away (frame 3) — the handshake took 761 µs (initial RTT).');
    const http = (await stories(join(CORPUS_DIR, 'zeek__http__206_example_b.pcap'))).told.get(1)!;
    expect(http).toContain('The server closed its side first (FIN in frame 1554); the client acknowledged it in frame 1555; '
      + 'then the client reset the connection (RST in frame 1556) instead of closing its side.');
    expect(http).toContain('Nothing was sent either way for 26.214 s, between frames 1555 and 1556.');
  });

  it('tells how long a full receive buffer held the sender back', async () => {
    const story = (await stories(fixtures['zero-window-probe'])).told.get(0)!.join(' ');
    expect(story).toContain('On the way: 2 zero-window segments. The server\'s receive buffer filled once (zero window), holding the client back for 890.0 ms in all.');
    const http = (await stories(join(CORPUS_DIR, 'zeek__http__206_example_b.pcap'))).told.get(0)!.join(' ');
    expect(http).toContain('57 zero-window segments');
    expect(http).toContain('The client\'s receive buffer filled 2 times (zero window), holding the server back for 75.0 ms in all.');
  });

  it('tells a SYN turned away by ICMP and a connection that met a smaller path MTU', async () => {
    const { a, told } = await stories(writeIcmpErrorCapture());
    const byPort = (port: number) => told.get(a.conversations.find((c) => c.portA === port || c.portB === port)!.stream)!;
    expect(byPort(43000)[0]).toBe('The client 10.0.0.1:43000 asked to connect to 10.0.0.2:80 (SYN in frames 95, 97: 1 retry)'
      + '; an ICMP error (frame 96) reported it could not be delivered, and no SYN-ACK came.');
    expect(byPort(43001).join(' ')).toContain('The client sent 2.8 kB in 2 segments, the server sent no data over 2.002 s. On the way: 1 retransmission, 1 ICMP error.');
  });

  it('tells refused connections, resets and connections left open in generated traffic, as the generator made them', async () => {
    const { a, told } = await stories(generatedCapture(3000));
    const ends = new Set<string>();
    for (const c of a.conversations) {
      const text = told.get(c.stream)!.join(' ');
      if (c.completeness === 37) { expect(text, `stream ${c.stream}`).toContain('the server refused with RST in frame'); ends.add('refused'); }
      else if (c.end === 'reset') { expect(text, `stream ${c.stream}`).toMatch(/aborted the connection with RST in frame \d+|sent RST in frame \d+/); ends.add('reset'); }
      else if (c.end === 'closed') { expect(text, `stream ${c.stream}`).toMatch(/closed its side first \(FIN in frame \d+\)/); ends.add('closed'); }
      else if (c.end === 'open' && c.completeness === 1) { expect(text, `stream ${c.stream}`).toContain('no answer was captured'); ends.add('syn only'); }
      else if (c.end === 'open') { expect(text, `stream ${c.stream}`).toContain('still open when the capture ended'); ends.add('open'); }
    }
    expect([...ends].sort()).toEqual(['closed', 'open', 'refused', 'reset', 'syn only']);
  });

  it('on every corpus conversation, names only the conversation\'s own frames', async () => {
    const files = readdirSync(CORPUS_DIR).filter((n) => /\.(pcap|pcapng)$/.test(n));
    let told = 0;
    for (const file of files) {
      const { a, told: all } = await stories(join(CORPUS_DIR, file));
      for (const c of a.conversations) {
        const lines = all.get(c.stream)!, own = new Set(rowsOf(a, c.stream).map((r) => a.columns.frame[r]));
        expect(lines.length, `${file} stream ${c.stream}`).toBeGreaterThanOrEqual(2);
        const text = lines.join(' ');
        expect(text, `${file} stream ${c.stream}`).not.toMatch(/undefined|NaN|null|frame 0\b|\bframes? -/);
        for (const m of text.matchAll(/\bframes? ((?:\d+(?:, )?)+)/g)) {
          for (const f of m[1].split(', ').map(Number)) expect(own.has(f), `${file} stream ${c.stream}: frame ${f} in "${text}"`).toBe(true);
        }
        told++;
      }
    }
    expect(told).toBeGreaterThan(100);
  });
});
