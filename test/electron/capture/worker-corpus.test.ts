import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWorker } from '../../../electron/capture/worker-process';
import type { ErrorInfo, EventPayload } from '../../../shared/ipc/contract';
import { CORPUS_DIR, MALFORMED_DIR } from '../../support/paths';

const captures = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : [])
  .filter((f) => /\.(pcap|pcapng|cap)(\.gz)?$/.test(f)).map((f) => join(dir, f)).sort();

/** Frame number of the last TCP frame tshark printed (its .tshark.tsv is filtered with -Y tcp), or null. */
function lastTcpFrame(path: string): number | null {
  const tsv = `${path}.tshark.tsv`;
  if (!existsSync(tsv)) return null;
  const lines = readFileSync(tsv, 'utf8').trim().split('\n');
  return lines.length > 1 ? Number(lines[lines.length - 1].split('\t')[0]) : null;
}

// Every message the worker sends is validated by the consumer, so a conversation or flow the contract
// cannot carry (IPv6, UDP, odd link types, malformed files) shows up here as a message.invalid error.
describe('every corpus capture streams through one worker without protocol errors', () => {
  it('files of the corpus and malformed/: every frame tshark saw, valid messages, detail for the first frame', async () => {
    const w = startWorker();
    const errors: ErrorInfo[] = [];
    w.client.on('error', (e) => errors.push(e));
    let rows = 0, first = 0;
    // The first packet's frame number: 1, unless a pcapng Custom Block took that number.
    w.client.onBatch((c) => { if (rows === 0 && c.rows > 0) first = c.frame[0]; rows += c.rows; });
    const files = [...captures(CORPUS_DIR), ...captures(MALFORMED_DIR)];
    expect(files.length).toBeGreaterThan(10);
    for (const path of files) {
      rows = 0;
      const ended = new Promise<EventPayload<'end'>>((r) => { const off = w.client.on('end', (e) => { off(); r(e); }); });
      const fileEnd = new Promise<EventPayload<'file.end'>>((r) => { const off = w.client.on('file.end', (e) => { off(); r(e); }); });
      await w.client.invoke('file.open', { path });
      const end = await ended;
      const fe = await fileEnd;
      expect(end, path).toMatchObject({ reason: 'complete' });
      expect(rows, path).toBe(end.frames);
      const last = lastTcpFrame(path);
      if (last !== null && fe.problem === null) expect(rows, path).toBeGreaterThanOrEqual(last);
      if (rows > 0) {
        const d = await w.client.invoke('packet.detail', { frame: first });
        expect(d.tree.length, path).toBeGreaterThan(0);
      }
      expect(errors, path).toEqual([]);
    }
    w.child.stdin?.end();
    await w.closed;
  });
});
