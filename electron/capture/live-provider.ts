/**
 * Binds the worker session to the live-capture module (electron/capture/live-source.ts, libpcap through
 * the optional `cap` package). Loaded lazily so a worker without `cap` still serves files and says why
 * live capture is unavailable.
 */
import type { LiveProvider } from './live-job';

export async function loadLiveProvider(): Promise<LiveProvider | null> {
  const reason = 'live capture is not wired into the worker yet (electron/capture/live-source.ts)';
  return {
    capability: () => ({ available: false, reason }),
    listInterfaces: () => Promise.reject(new Error(reason)),
    start: () => Promise.reject(new Error(reason)),
  };
}
