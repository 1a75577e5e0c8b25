/**
 * What is open or capturing, and how it is going: the source, loading progress, live counters, timings for
 * the status bar, interfaces and the last problem. Actions go to the backend; events come back through
 * `connectStores` (stores/connect.ts).
 */
import { defineStore } from 'pinia';
import { usePacketCommentsStore } from './packet-comments';
import { ref, shallowRef } from 'vue';
import type {
  CaptureProblemInfo, CaptureStats, CaptureStartRequest, ErrorInfo, FileEnd, FileProgress, InterfaceInfo, SourceEnd,
  SourceStart,
} from '../../shared/ipc/contract';
import { captureElevator, currentBackend } from './backend-slot';

export type CaptureStatus = 'idle' | 'opening' | 'loading' | 'live' | 'done' | 'failed';

export const useCaptureStore = defineStore('capture', () => {
  const status = ref<CaptureStatus>('idle');
  const source = shallowRef<SourceStart | null>(null);
  const progress = shallowRef<FileProgress | null>(null);
  const stats = shallowRef<CaptureStats | null>(null);
  const fileProblem = shallowRef<CaptureProblemInfo | null>(null);
  const error = shallowRef<ErrorInfo | null>(null);
  const interfaces = shallowRef<InterfaceInfo[]>([]);
  const recent = ref<string[]>([]);
  /** Milliseconds from the open request to the first rows and to the end of the file. */
  const firstRowsMs = ref<number | null>(null);
  const loadMs = ref<number | null>(null);
  let openedAt = 0;

  const now = (): number => performance.now();

  async function openFile(path: string): Promise<void> {
    if (!usePacketCommentsStore().confirmDiscard(`Open ${path}`)) return;
    status.value = 'opening';
    error.value = null; fileProblem.value = null; firstRowsMs.value = null; loadMs.value = null;
    openedAt = now();
    recent.value = [path, ...recent.value.filter((p) => p !== path)].slice(0, 8);
    try {
      await currentBackend().invoke('file.open', { path });
    } catch (e) {
      failWith(e);
    }
  }

  async function cancel(): Promise<void> {
    await currentBackend().invoke(status.value === 'live' ? 'capture.stop' : 'file.cancel', {});
  }

  async function startCapture(req: CaptureStartRequest): Promise<void> {
    if (!usePacketCommentsStore().confirmDiscard(`Capture on ${req.iface}`)) return;
    error.value = null;
    openedAt = now();
    try {
      await currentBackend().invoke('capture.start', req);
    } catch (e) {
      const elevate = captureElevator();
      if (codeOf(e) !== 'capture.permission' || !elevate) { failWith(e); return; }
      // The worker may not open the device: get one with capture rights (the OS asks), then try once more.
      let elevated: boolean;
      try { elevated = await elevate(); } catch (why) { failWith(why); return; }
      if (!elevated) { if (!error.value) failWith(e); return; }   // the elevator may have said why already
      try {
        await currentBackend().invoke('capture.start', req);
      } catch (again) {
        failWith(again);
      }
    }
  }

  /** One interfaces.list at a time: connecting, mounting and focusing the picker may all ask at once. */
  let listing: Promise<void> | null = null;
  function loadInterfaces(): Promise<void> {
    listing ??= (async () => {
      try {
        interfaces.value = (await currentBackend().invoke('interfaces.list', {})).interfaces;
      } catch (e) {
        failWith(e);
      } finally {
        listing = null;
      }
    })();
    return listing;
  }

  /** IpcError carries the contract's ErrorInfo in `.info`; anything else is read as far as it goes. */
  function infoOf(e: unknown): Partial<ErrorInfo> {
    return ((e as { info?: ErrorInfo } | null)?.info ?? e ?? {}) as Partial<ErrorInfo>;
  }

  function codeOf(e: unknown): string | undefined {
    return infoOf(e).code;
  }

  function failWith(e: unknown): void {
    const info = infoOf(e);
    error.value = { code: info.code ?? 'internal', message: info.message ?? String(e), fatal: info.fatal ?? false };
    if (status.value === 'opening') status.value = 'failed';
  }

  function onSourceStart(s: SourceStart): void {
    source.value = s;
    progress.value = null; stats.value = null; rate.value = null; lastStats = null;
    status.value = s.kind === 'live' ? 'live' : 'loading';
    if (openedAt === 0) openedAt = now();
  }

  function onRows(): void {
    if (firstRowsMs.value === null && openedAt !== 0) firstRowsMs.value = now() - openedAt;
  }

  function onProgress(p: FileProgress): void { progress.value = p; }
  /** Packets written to the session file per second, over the interval between the last two stats. */
  const rate = ref<number | null>(null);
  let lastStats: { at: number; written: number; source: number } | null = null;
  function onStats(s: CaptureStats): void {
    const at = now();
    if (lastStats && lastStats.source === s.source && at > lastStats.at) {
      rate.value = Math.max(0, ((s.written - lastStats.written) * 1000) / (at - lastStats.at));
    } else rate.value = null;
    lastStats = { at, written: s.written, source: s.source };
    stats.value = s;
  }
  function onFileEnd(e: FileEnd): void { fileProblem.value = e.problem; }
  function onError(e: ErrorInfo): void {
    error.value = e;
    if (e.fatal || status.value === 'opening') status.value = 'failed';
  }

  /** A line in the status bar that is no failure of the source (non-fatal, status unchanged). */
  function notice(message: string): void {
    error.value = { code: 'request.failed', message, fatal: false };
  }

  function onEnd(e: SourceEnd): void {
    status.value = e.reason === 'failed' ? 'failed' : 'done';
    if (openedAt !== 0) loadMs.value = now() - openedAt;
    openedAt = 0;
  }

  return {
    status, source, progress, stats, rate, fileProblem, error, interfaces, recent, firstRowsMs, loadMs,
    openFile, cancel, startCapture, loadInterfaces, onSourceStart, onRows, onProgress, onStats, onFileEnd, onError, onEnd, notice,
  };
});
