/**
 * Save As during a live capture run by a worker with capture rights (root, dropping to `nobody` as the
 * elevated worker drops to the user), for real: main's relay routes the page's `file.export` to a file
 * worker running as that same unprivileged user (electron/main/export-route.ts → export-job-client.ts →
 * electron/capture/export-jobs.ts), which reads the session pcapng and writes the granted path. tshark
 * checks the exported conversation against the session file.
 */
import { execFileSync, fork } from 'node:child_process';
import { chownSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXPORT_GRANT_TYPE } from '../../../electron/capture/export-gate';
import { exportJobClient } from '../../../electron/main/export-job-client';
import type { ConversationSummary, EventPayload } from '../../../shared/ipc/contract';
import { encodeFrameSet } from '../../../shared/ipc/frame-set';
import { elevatedPage } from '../../support/elevated-page';
import { REPO_ROOT } from '../../support/paths';
import { requireRoot, requireTool } from '../../support/require-tool';
import { echoServer, pingPong } from './live-test-traffic';

const NOBODY = 65534;
const FILE_WORKER = fileURLToPath(new URL('../../support/export-job-process.ts', import.meta.url));

const fields = (file: string, filter: string): string[] =>
  execFileSync('tshark', ['-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.time_epoch', '-e', 'frame.len', '-e', 'tcp.srcport', '-e', 'tcp.seq_raw', '-e', 'tcp.flags'], { encoding: 'utf8' })
    .trim().split('\n');

describe('export of a live session from a worker with capture rights', () => {
  const root = requireRoot();
  const tshark = requireTool('tshark');

  it.skipIf(!root || !tshark)('goes through main to an unprivileged file worker that reads the session file', async () => {
    const fileWorker = fork(join(REPO_ROOT, 'bin', 'run-ts.mjs'), [FILE_WORKER], { uid: NOBODY, gid: NOBODY, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const runExport = exportJobClient({
      postMessage: (m) => fileWorker.send(m as never),
      on: (_e, l) => fileWorker.on('message', l),
      once: (_e, l) => fileWorker.once('exit', (code) => l(code ?? -1)),
    });
    const page = await elevatedPage(['--user', 'nobody'], runExport);
    const server = await echoServer('127.0.0.1');
    try {
      const hello = await new Promise<EventPayload<'hello'>>((r) => page.client.on('hello', r));
      if (!hello.capabilities.liveCapture.available) {
        if (process.env.CI) throw new Error(`live capture unavailable under CI: ${hello.capabilities.liveCapture.reason}`);
        return;
      }
      const streamOf = new Map<number, number>();
      const conversations = new Map<number, ConversationSummary>();
      page.client.onBatch((cols) => { for (let i = 0; i < cols.rows; i++) streamOf.set(cols.frame[i], cols.stream[i]); });
      page.client.on('conversations.upsert', (m) => { for (const c of m.conversations) conversations.set(c.stream, c); });
      const ended = new Promise((r) => page.client.on('end', r));
      const started = await page.client.invoke('capture.start', { iface: 'lo', filter: `tcp port ${server.port}` });
      await new Promise((r) => setTimeout(r, 300));
      await pingPong('127.0.0.1', server.port);
      await pingPong('127.0.0.1', server.port);
      await new Promise((r) => setTimeout(r, 300));
      await page.client.invoke('capture.stop', {});
      await ended;
      // Written by the capture worker after it dropped its rights: the user's file, not root's.
      expect(statSync(started.sessionFile).uid).toBe(NOBODY);
      const second = [...conversations.values()].sort((a, b) => a.firstFrame - b.firstFrame)[1];
      expect(second).toMatchObject({ completeness: 31 });
      const frames = [...streamOf].filter(([, s]) => s === second.stream).map(([f]) => f);

      const dir = mkdtempSync(join(tmpdir(), 'synack-live-export-'));
      chownSync(dir, NOBODY, NOBODY);
      const target = join(dir, 'conversation.pcapng');
      fileWorker.send({ type: EXPORT_GRANT_TYPE, path: target }); // what main does after its save dialog
      const r = await page.client.invoke('file.export', { path: target, frames: encodeFrameSet(frames) });
      expect(r).toMatchObject({ path: target, frames: frames.length });
      expect(statSync(target).uid).toBe(NOBODY);
      expect(fields(target, 'tcp')).toEqual(fields(started.sessionFile, `tcp.stream == ${second.stream}`));
      // Without a grant the same request is refused: the path rule is the file worker's, as for files.
      await expect(page.client.invoke('file.export', { path: join(dir, 'other.pcapng'), frames: 'all' }))
        .rejects.toMatchObject({ info: { code: 'file.unwritable' } });
    } finally {
      await server.close();
      await page.close();
      fileWorker.disconnect();
    }
  });
});
