/**
 * The messages between main and the file worker for exports main routes there (./export-jobs.ts runs them,
 * electron/main/export-job-client.ts sends them): kept apart so main loads the shapes, not the export code.
 * Both sides check what they receive: neither trusts the shape of what another process posts.
 */
import type { ErrorInfo, FileExportResult, PacketCommentEdit } from '../../shared/ipc/contract';
import { EVENT_CHECKS, REQUEST_CHECKS, RESULT_CHECKS } from '../../shared/ipc/validate';
import type { FrameSelection } from './export-job';

const ERROR_CHECK = EVENT_CHECKS.error;

/** main → worker: write `frames` of capture file `source` to `target`. */
export const EXPORT_JOB_TYPE = 'synack.exportJob';
/** worker → main: how job `id` ended. */
export const EXPORT_DONE_TYPE = 'synack.exportDone';

export interface ExportJob { type: typeof EXPORT_JOB_TYPE; id: number; source: string; target: string; frames: FrameSelection; comments?: PacketCommentEdit[] }

export type ExportDone =
  | { type: typeof EXPORT_DONE_TYPE; id: number; ok: true; result: FileExportResult }
  | { type: typeof EXPORT_DONE_TYPE; id: number; ok: false; error: ErrorInfo };

/** A job message from main, or null for any other message (grants, ports). */
export function asExportJob(data: unknown): ExportJob | null {
  const d = data as Partial<ExportJob> | null;
  if (!d || d.type !== EXPORT_JOB_TYPE || !Number.isSafeInteger(d.id)) return null;
  if (typeof d.source !== 'string' || typeof d.target !== 'string') return null;
  if (d.frames !== 'all' && !(d.frames instanceof Uint8Array)) return null;
  if (d.comments !== undefined && REQUEST_CHECKS['file.export']({ path: d.target, frames: 'all', comments: d.comments }, 'job') !== null) return null;
  return d as ExportJob;
}

/** A job's answer from the worker (checked: main does not trust the shape of what a process posts). */
export function asExportDone(data: unknown): ExportDone | null {
  const d = data as Partial<{ type: unknown; id: unknown; ok: unknown; result: unknown; error: unknown }> | null;
  if (!d || d.type !== EXPORT_DONE_TYPE || !Number.isSafeInteger(d.id)) return null;
  if (d.ok === true) return RESULT_CHECKS['file.export'](d.result, 'result') ? null : d as ExportDone;
  if (d.ok === false) return ERROR_CHECK(d.error, 'error') ? null : d as ExportDone;
  return null;
}
