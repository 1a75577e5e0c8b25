/**
 * Main's side of electron/capture/export-jobs.ts: posts export jobs to the unprivileged file worker (a
 * utility process, typed structurally so this runs without Electron) and matches its answers by id. A worker
 * that exits fails the jobs it still had, so a page's export never waits forever.
 */
import type { FileExportResult } from '../../shared/ipc/contract';
import { asExportDone, EXPORT_JOB_TYPE, type ExportJob } from '../capture/export-job-messages';
import { ExportRefused, type ExportRunner } from './export-route';

/** The part of Electron's UtilityProcess used here ('message' listeners get the data itself). */
export interface JobProcess {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
}

export function exportJobClient(proc: JobProcess): ExportRunner {
  const pending = new Map<number, { resolve: (r: FileExportResult) => void; reject: (e: ExportRefused) => void }>();
  let nextId = 1;
  let exited = false;
  proc.on('message', (m) => {
    const done = asExportDone(m);
    const job = done && pending.get(done.id);
    if (!done || !job) return;
    pending.delete(done.id);
    if (done.ok) job.resolve(done.result); else job.reject(new ExportRefused(done.error));
  });
  proc.once('exit', (code) => {
    exited = true;
    for (const job of pending.values()) job.reject(new ExportRefused({ code: 'worker.exited', message: `the file worker exited (code ${code}) during the export`, fatal: false }));
    pending.clear();
  });
  return ({ source, target, frames, comments }) => new Promise((resolve, reject) => {
    if (exited) { reject(new ExportRefused({ code: 'worker.exited', message: 'the file worker is gone', fatal: false })); return; }
    const id = nextId++;
    pending.set(id, { resolve, reject });
    const job: ExportJob = { type: EXPORT_JOB_TYPE, id, source, target, frames, ...(comments ? { comments } : {}) };
    proc.postMessage(job);
  });
}
