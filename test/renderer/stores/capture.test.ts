import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useCaptureStore } from '../../../renderer/stores/capture';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { useConversationsStore } from '../../../renderer/stores/conversations';
import { seedApp, settle } from '../support/seed-app';
import type { SeedApp } from '../support/seed-app';

describe('capture store (through connectStores)', () => {
  let app: SeedApp;
  beforeEach(() => { app = seedApp(false); });
  afterEach(() => app.disconnect());

  it('opening a file asks the backend and fills every store in contract order', async () => {
    const capture = useCaptureStore();
    await capture.openFile(app.seed.path);
    await settle();
    expect(app.backend.requests[0]).toEqual({ name: 'file.open', payload: { path: app.seed.path } });
    expect(capture.status).toBe('done');
    expect(capture.source?.path).toBe(app.seed.path);
    expect(capture.firstRowsMs).not.toBeNull();
    expect(capture.loadMs).not.toBeNull();
    expect(capture.recent[0]).toBe(app.seed.path);
    expect(usePacketsStore().count).toBe(9);
    expect(useConversationsStore().count).toBe(1);
  });

  it('live stats give a packet rate from the session file\'s growth between two reports', () => {
    const capture = useCaptureStore();
    const clock = vi.spyOn(performance, 'now');
    capture.onSourceStart({ source: 7, kind: 'live', path: '/tmp/s.pcapng', iface: 'lo', bytesTotal: null });
    clock.mockReturnValue(1000);
    capture.onStats({ source: 7, received: 40, dropped: 0, written: 20, behindBy: 0 });
    expect(capture.rate).toBeNull();                       // one report: no interval yet
    clock.mockReturnValue(1500);
    capture.onStats({ source: 7, received: 1040, dropped: 0, written: 520, behindBy: 0 });
    expect(capture.rate).toBe(1000);                       // 500 packets in 0.5 s
    capture.onSourceStart({ source: 8, kind: 'live', path: '/tmp/t.pcapng', iface: 'lo', bytesTotal: null });
    expect(capture.rate).toBeNull();
    clock.mockRestore();
  });

  it('a new source clears the previous rows', async () => {
    const capture = useCaptureStore();
    await capture.openFile(app.seed.path);
    await settle();
    await capture.openFile(app.seed.path);
    await settle();
    expect(usePacketsStore().count).toBe(9);
  });

  it('keeps a worker error for the UI, and a fatal one fails the capture', () => {
    const capture = useCaptureStore();
    app.backend.emit('error', { code: 'file.format', message: 'not a capture file', fatal: false });
    expect(capture.error?.message).toBe('not a capture file');
    app.backend.emit('error', { code: 'worker.exited', message: 'the worker died', fatal: true });
    expect(capture.status).toBe('failed');
  });

  it('shows live counters from capture.stats', () => {
    const capture = useCaptureStore();
    app.backend.emit('source.start', { source: 2, kind: 'live', path: '/tmp/s.pcapng', iface: 'lo', bytesTotal: null });
    app.backend.emit('capture.stats', { source: 2, received: 10, dropped: 1, written: 10, behindBy: 0 });
    expect(capture.status).toBe('live');
    expect(capture.stats?.dropped).toBe(1);
  });
});
