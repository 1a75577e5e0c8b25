/**
 * Exports main asks the utility (file) worker to run for a source it does not have open: the live session
 * of a worker started with capture rights. That worker has no channel main could grant a path through
 * (export-gate.ts), so main answers the page's `file.export` itself (electron/main/export-route.ts) and hands
 * the job to this unprivileged worker, which reads the session pcapng (written after the capture worker
 * dropped to the user's uid, so the user can read it) and writes the target.
 *
 * The message travels over process.parentPort, which only main can reach, and the target passes the same
 * gate as any export from that worker: only a path main granted after its save dialog, once.
 */
import type { ErrorInfo } from '../../shared/ipc/contract';
import type { ExportGate } from './export-gate';
import { ExportError, exportFrames } from './export-job';
import { asExportJob, EXPORT_DONE_TYPE, type ExportDone, type ExportJob } from './export-job-messages';

/** process.parentPort in a utility process, as far as jobs need it. */
export interface JobPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** Runs one job through `gate`; never throws, the answer says what went wrong. */
export async function runExportJob(job: ExportJob, gate: ExportGate, signal?: AbortSignal): Promise<ExportDone> {
  const fail = (code: ErrorInfo['code'], message: string): ExportDone => ({ type: EXPORT_DONE_TYPE, id: job.id, ok: false, error: { code, message, fatal: false } });
  const allowed = await gate.resolve(job.target);
  if ('refused' in allowed) return fail('file.unwritable', allowed.refused);
  try {
    const r = await exportFrames(job.source, allowed.path, job.frames, signal, job.comments);
    return { type: EXPORT_DONE_TYPE, id: job.id, ok: true, result: { path: allowed.path, frames: r.frames, bytes: r.bytes } };
  } catch (e) {
    return e instanceof ExportError ? fail(e.contractCode, e.message) : fail('internal', `file.export failed: ${(e as Error).message}`);
  }
}

/** Serves main's export jobs on `port` (the worker's parentPort). */
export function serveExportJobs(port: JobPort, gate: ExportGate, signal?: AbortSignal): void {
  port.on('message', (e) => {
    const job = asExportJob(e.data);
    if (job) void runExportJob(job, gate, signal).then((done) => port.postMessage(done));
  });
}
