/**
 * A stand-in for the app's utility (file) worker where Electron cannot run: a Node child with an IPC
 * channel (forked with serialization 'advanced', so Uint8Array frame sets survive) that takes export grants
 * and jobs as worker.ts does from process.parentPort, through the same GrantedPaths and serveExportJobs.
 */
import { EXPORT_GRANT_TYPE, GrantedPaths } from '../../electron/capture/export-gate';
import { serveExportJobs } from '../../electron/capture/export-jobs';

const grants = new GrantedPaths();
process.on('message', (d: { type?: unknown; path?: unknown } | null) => {
  if (d && d.type === EXPORT_GRANT_TYPE && typeof d.path === 'string') grants.grant(d.path);
});
serveExportJobs({
  on: (_event, listener) => process.on('message', (data) => listener({ data })),
  postMessage: (m) => process.send?.(m),
}, grants);
process.on('disconnect', () => process.exit(0));
