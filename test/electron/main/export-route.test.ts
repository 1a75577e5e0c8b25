/**
 * main's routing of `file.export` away from a worker connected over a socket (the elevated worker) to the
 * file worker's export job (electron/capture/export-jobs.ts, run here in-process with the same gate as the
 * utility worker: only granted paths). The real worker runs behind the relay; tshark checks the files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GrantedPaths } from '../../../electron/capture/export-gate';
import { EXPORT_JOB_TYPE } from '../../../electron/capture/export-job-messages';
import { runExportJob } from '../../../electron/capture/export-jobs';
import { ExportRefused, type ExportRunner } from '../../../electron/main/export-route';
import type { ErrorInfo } from '../../../shared/ipc/contract';
import { encodeFrameSet } from '../../../shared/ipc/frame-set';
import { elevatedPage } from '../../support/elevated-page';
import { SEED_PCAP } from '../../support/paths';
import { requireTool } from '../../support/require-tool';

/** The file worker's side, in-process: the jobs it got, answered through its grants. */
function fileWorker(grants: GrantedPaths) {
  const jobs: { source: string; target: string }[] = [];
  let id = 0;
  const run: ExportRunner = async (job) => {
    jobs.push({ source: job.source, target: job.target });
    const done = await runExportJob({ type: EXPORT_JOB_TYPE, id: ++id, ...job }, grants);
    if (!done.ok) throw new ExportRefused(done.error);
    return done.result;
  };
  return { jobs, run };
}

const tsharkFrames = (file: string): string[] =>
  execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.time_epoch', '-e', 'frame.len', '-e', 'tcp.seq_raw'], { encoding: 'utf8' })
    .trim().split('\n');

describe('export routed from a socket-connected worker to the file worker', () => {
  const tshark = requireTool('tshark');

  it.skipIf(!tshark)('answers the page\'s file.export by the file worker, for the source the worker announced', async () => {
    const grants = new GrantedPaths();
    const fw = fileWorker(grants);
    const page = await elevatedPage(['--no-live'], fw.run);
    try {
      const ended = new Promise((r) => page.client.on('end', r));
      await page.client.invoke('file.open', { path: SEED_PCAP });
      await ended;
      const target = join(mkdtempSync(join(tmpdir(), 'synack-route-')), 'first-three.pcapng');
      grants.grant(target); // main, after its save dialog
      // Edited packet comments travel with the job (main → file worker) into the file.
      const r = await page.client.invoke('file.export', { path: target, frames: encodeFrameSet([1, 2, 3]), comments: [{ frame: 2, comments: ['routed'] }] });
      expect(r).toMatchObject({ path: target, frames: 3 });
      expect(fw.jobs).toEqual([{ source: SEED_PCAP, target }]);
      expect(tsharkFrames(target)).toEqual(tsharkFrames(SEED_PCAP).slice(0, 3));
      expect(execFileSync('tshark', ['-r', target, '-T', 'fields', '-e', 'frame.comment'], { encoding: 'utf8' })).toBe('\nrouted\n\n');
      // The worker still serves the page after main answered in between its frames.
      await expect(page.client.invoke('packet.detail', { frame: 2 })).resolves.toMatchObject({ frame: 2 });
    } finally {
      await page.close();
    }
  });

  it('refuses a path main did not grant, and an export with nothing open, without asking the worker', async () => {
    const grants = new GrantedPaths();
    const fw = fileWorker(grants);
    const page = await elevatedPage(['--no-live'], fw.run);
    try {
      const target = join(mkdtempSync(join(tmpdir(), 'synack-route-')), 'x.pcapng');
      const none = await page.client.invoke('file.export', { path: target, frames: 'all' }).catch((e: { info: ErrorInfo }) => e.info);
      expect(none).toMatchObject({ code: 'request.failed', message: /nothing is open/ });
      expect(fw.jobs).toEqual([]);
      const ended = new Promise((r) => page.client.on('end', r));
      await page.client.invoke('file.open', { path: SEED_PCAP });
      await ended;
      const refused = await page.client.invoke('file.export', { path: target, frames: 'all' }).catch((e: { info: ErrorInfo }) => e.info);
      expect(refused).toMatchObject({ code: 'file.unwritable', message: /Save dialog/ });
      expect(existsSync(target)).toBe(false);
    } finally {
      await page.close();
    }
  });
});
