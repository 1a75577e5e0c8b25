/**
 * A worker started as root to capture (with --user to drop to, as the app's elevated worker is) must not
 * read or write files for the page while it still holds root: the page could name any path.
 */
import { describe, expect, it } from 'vitest';
import { startWorker, type WorkerConnection } from '../../../electron/capture/worker-process';
import { SEED_PCAP } from '../../support/paths';
import { requireRoot } from '../../support/require-tool';

async function stop(w: WorkerConnection): Promise<void> {
  w.child.kill();
  await w.closed;
}

describe('capture worker holding capture rights', () => {
  const root = requireRoot();

  it.skipIf(!root)('refuses file.open and file.export before its capture has dropped rights; a plain root host still opens files', async () => {
    const elevated = startWorker(['--user', 'nobody']);
    try {
      await expect(elevated.client.invoke('file.open', { path: SEED_PCAP })).rejects.toThrow(/holds capture rights/);
      await expect(elevated.client.invoke('file.open', { path: '/etc/shadow' })).rejects.toThrow(/holds capture rights/);
      await expect(elevated.client.invoke('file.export', { path: '/root/x.pcapng', frames: 'all' })).rejects.toThrow(/holds capture rights/);
    } finally {
      await stop(elevated);
    }
    const plain = startWorker([]);   // root by choice (a CI container): nobody to return to, files are fine
    try {
      await expect(plain.client.invoke('file.open', { path: SEED_PCAP })).resolves.toMatchObject({ path: SEED_PCAP });
    } finally {
      await stop(plain);
    }
  });
});
