/**
 * Streams one capture file through a CapturePipeline under flow control: before each chunk it awaits the
 * consumer's `ready()` (credits available, nothing queued), so a file is never read faster than it is
 * consumed and memory stays bounded whatever the file size. Cancelling the signal stops it between
 * chunks. Progress is reported at most every PROGRESS_MS and once at the end.
 */
import { open } from 'node:fs/promises';
import type { CaptureProblem } from '../../shared/capture-file/capture-problem';
import type { CapturePipeline } from './pipeline';
import { openCaptureFile } from './file-source';

const PROGRESS_MS = 100;

export interface FileJobHooks {
  /** Resolves when the consumer can take more rows. */
  ready(): Promise<void>;
  progress(bytesRead: number, bytesTotal: number): void;
  signal?: AbortSignal;
}

export interface FileJobResult {
  bytesRead: number;
  bytesTotal: number;
  problem: CaptureProblem | null;
  cancelled: boolean;
}

/** Size of a file, or throws the fs error (ENOENT, EACCES, EISDIR …) before any row is produced. */
export async function fileSize(path: string): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'EISDIR' });
    return st.size;
  } finally {
    await fh.close();
  }
}

export async function runFileJob(path: string, pipeline: CapturePipeline, hooks: FileJobHooks): Promise<FileJobResult> {
  const chunks = await openCaptureFile(path, { signal: hooks.signal });
  let lastProgress = 0;
  let problem: CaptureProblem | null = null;
  try {
    for (;;) {
      await hooks.ready();
      if (hooks.signal?.aborted) return { bytesRead: chunks.bytesRead, bytesTotal: chunks.bytesTotal, problem: null, cancelled: true };
      const chunk = await chunks.next();
      if (chunk === null) break;
      problem = pipeline.push(chunk);
      const now = Date.now();
      if (now - lastProgress >= PROGRESS_MS) {
        lastProgress = now;
        hooks.progress(chunks.bytesRead, chunks.bytesTotal);
      }
      if (problem) break;
    }
  } finally {
    await chunks.close();
  }
  if (hooks.signal?.aborted) return { bytesRead: chunks.bytesRead, bytesTotal: chunks.bytesTotal, problem: null, cancelled: true };
  // A gzip or I/O error ends the reading like a capture-file problem: rows before it are kept.
  problem = problem ?? chunks.problem;
  const readerProblem = pipeline.finish();
  problem = problem ?? readerProblem;
  hooks.progress(chunks.bytesRead, chunks.bytesTotal);
  return { bytesRead: chunks.bytesRead, bytesTotal: chunks.bytesTotal, problem, cancelled: false };
}
