/**
 * main's client for the file worker's export jobs, against the worker's real job handler
 * (electron/capture/export-jobs.ts) over an in-memory channel shaped like a UtilityProcess and its parentPort.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GrantedPaths } from '../../../electron/capture/export-gate';
import { serveExportJobs } from '../../../electron/capture/export-jobs';
import { exportJobClient, type JobProcess } from '../../../electron/main/export-job-client';
import { encodeFrameSet } from '../../../shared/ipc/frame-set';
import { SEED_PCAP } from '../../support/paths';

/** main's view of the worker (`proc`) and the worker's parentPort, joined in memory. */
function channel() {
  const toWorker = new EventEmitter();
  const toMain = new EventEmitter();
  const proc: JobProcess & { exit(code: number): void; post(m: unknown): void } = {
    postMessage: (m) => setImmediate(() => toWorker.emit('message', { data: structuredClone(m) })),
    on: (_e, l) => toMain.on('message', l),
    once: (_e, l) => toMain.once('exit', l),
    exit: (code) => toMain.emit('exit', code),
    post: (m) => toMain.emit('message', m),
  };
  const parentPort = { on: (_e: 'message', l: (e: { data: unknown }) => void) => toWorker.on('message', l), postMessage: (m: unknown) => setImmediate(() => toMain.emit('message', structuredClone(m))) };
  return { proc, parentPort };
}

describe('exportJobClient', () => {
  it('runs jobs in the file worker and matches each answer to its job', async () => {
    const { proc, parentPort } = channel();
    const grants = new GrantedPaths();
    serveExportJobs(parentPort, grants);
    const run = exportJobClient(proc);
    const dir = mkdtempSync(join(tmpdir(), 'synack-jobs-'));
    const [a, b] = [join(dir, 'a.pcapng'), join(dir, 'b.pcapng')];
    grants.grant(a);
    grants.grant(b);
    const [ra, rb] = await Promise.all([
      run({ source: SEED_PCAP, target: a, frames: 'all' }),
      run({ source: SEED_PCAP, target: b, frames: encodeFrameSet([4, 5]) }),
    ]);
    expect(ra).toMatchObject({ path: a, frames: 9 });
    expect(rb).toMatchObject({ path: b, frames: 2 });
    await expect(run({ source: SEED_PCAP, target: a, frames: 'all' })).rejects.toMatchObject({ info: { code: 'file.unwritable' } });
  });

  it('a worker that exits fails its pending jobs and any later one; a malformed answer is ignored', async () => {
    const { proc } = channel();
    const run = exportJobClient(proc);
    const target = join(mkdtempSync(join(tmpdir(), 'synack-jobs-')), 'x.pcapng');
    const pending = run({ source: SEED_PCAP, target, frames: 'all' });
    proc.post({ type: 'synack.exportDone', id: 1, ok: true, result: { frames: 'many' } });
    proc.exit(9);
    await expect(pending).rejects.toMatchObject({ info: { code: 'worker.exited', message: /code 9/ } });
    await expect(run({ source: SEED_PCAP, target, frames: 'all' })).rejects.toMatchObject({ info: { code: 'worker.exited' } });
    expect(existsSync(target)).toBe(false);
  });
});
