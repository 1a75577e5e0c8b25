import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { displayedFrames, framesOfStream, markedFrames, useExportStore } from '../../../renderer/stores/export';
import { useMarkedPacketsStore } from '../../../renderer/stores/marked-packets';
import { setSaveTarget } from '../../../renderer/stores/backend-slot';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { useConversationsStore } from '../../../renderer/stores/conversations';
import type { RequestPayload } from '../../../shared/ipc/contract';
import { frameSetCount, frameSetHas } from '../../../shared/ipc/frame-set';
import { seedApp } from '../support/seed-app';
import type { SeedApp } from '../support/seed-app';

describe('export store', () => {
  let app: SeedApp;
  beforeEach(() => { app = seedApp(); });
  afterEach(() => { setSaveTarget(null); app.disconnect(); });
  const exportRequests = (): RequestPayload<'file.export'>[] =>
    app.backend.requests.filter((r) => r.name === 'file.export').map((r) => r.payload as RequestPayload<'file.export'>);

  it('picks a stream\'s frames, and the displayed rows (all of them when nothing is filtered)', () => {
    expect([...framesOfStream(0)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(framesOfStream(1)).toHaveLength(0);
    expect(displayedFrames()).toBe('all');
    usePacketsStore().setRowTest((cols, row) => (cols.tcpFlags[row] & 0x01) !== 0); // FIN
    expect([...(displayedFrames() as Uint32Array)]).toEqual([5, 8]);
  });

  it('sends the displayed rows as a bitmap to the path the save target chose; a cancelled dialog sends nothing', async () => {
    const asked: string[] = [];
    let answer: string | null = null;
    setSaveTarget(async (name) => { asked.push(name); return answer; });
    usePacketsStore().setRowTest((cols, row) => (cols.tcpFlags[row] & 0x01) !== 0);
    const store = useExportStore();
    await store.exportDisplayed();
    expect(asked).toEqual(['seed-lo0-displayed.pcapng']);
    expect(exportRequests()).toEqual([]);
    answer = '/home/u/fins.pcapng';
    await store.exportDisplayed();
    const [req] = exportRequests();
    expect(req.path).toBe('/home/u/fins.pcapng');
    expect(frameSetCount(req.frames as Uint8Array)).toBe(2);
    expect(frameSetHas(req.frames as Uint8Array, 5) && frameSetHas(req.frames as Uint8Array, 8)).toBe(true);
    expect(store.outcome).toEqual({ ok: true, message: 'Saved 2 packets to /home/u/fins.pcapng' });
    expect(store.busy).toBe(false);
  });

  it('exports the marked packets, and says how to mark some when none is', async () => {
    setSaveTarget(async (name) => `/home/u/${name}`);
    const store = useExportStore();
    await store.exportMarked();
    expect(store.outcome).toEqual({ ok: false, message: 'Nothing to export: no packet is marked (Ctrl+M marks the selected one).' });
    const packets = usePacketsStore(), marks = useMarkedPacketsStore();
    for (const f of [7, 2]) { packets.select(f); marks.toggleSelected(); }
    expect([...markedFrames()]).toEqual([2, 7]);
    await store.exportMarked();
    const [req] = exportRequests();
    expect(req.path).toBe('/home/u/seed-lo0-marked.pcapng');
    expect(frameSetCount(req.frames as Uint8Array)).toBe(2);
    expect(frameSetHas(req.frames as Uint8Array, 2) && frameSetHas(req.frames as Uint8Array, 7)).toBe(true);
    expect(store.outcome).toEqual({ ok: true, message: 'Saved 2 packets to /home/u/seed-lo0-marked.pcapng' });
  });

  it('Save As asks for all frames; exporting a conversation with none selected says what to do', async () => {
    const store = useExportStore();
    await store.saveAll();
    expect(exportRequests()).toEqual([{ path: 'seed-lo0.pcapng', frames: 'all' }]);
    useConversationsStore().select(null);
    await store.exportConversation();
    expect(store.outcome).toEqual({ ok: false, message: 'Select a conversation first, then export it.' });
    expect(exportRequests()).toHaveLength(1);
  });
});
