import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { connectAppEvents } from '../../../renderer/backend/electron-app-events';
import type { AppUiActions } from '../../../renderer/backend/electron-app-events';
import type { SynackPreloadApi } from '../../../renderer/backend/electron-api';
import type { AppEventName, AppEvents, ViewSettings } from '../../../electron/preload/app-contract';
import { useCaptureStore } from '../../../renderer/stores/capture';
import { useConversationsStore } from '../../../renderer/stores/conversations';
import { useFollowStore } from '../../../renderer/stores/follow';
import { useGoToStore } from '../../../renderer/stores/go-to';
import { useFindStore } from '../../../renderer/stores/find';
import { useEndpointsStore } from '../../../renderer/stores/endpoints';
import { useIoGraphStore } from '../../../renderer/stores/io-graph';
import { useCapturePropertiesStore } from '../../../renderer/stores/capture-properties';
import { useExpertStore } from '../../../renderer/stores/expert';
import { useExportStore } from '../../../renderer/stores/export';
import { encodeFrameSet } from '../../../shared/ipc/frame-set';
import type { RequestPayload } from '../../../shared/ipc/contract';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { useViewSettingsStore } from '../../../renderer/stores/view-settings';
import { seedApp, settle } from '../support/seed-app';
import { ReplayBackend } from '../support/replay-backend';
import { connectStores } from '../../../renderer/stores/connect';
import type { SeedApp } from '../support/seed-app';
import { useMarkedPacketsStore } from '../../../renderer/stores/marked-packets';
import { useTimeReferencesStore } from '../../../renderer/stores/time-references';
import { usePacketCommentsStore } from '../../../renderer/stores/packet-comments';
import { useColoringRulesStore } from '../../../renderer/stores/coloring-rules';
import { TIME_FORMATS } from '../../../renderer/format/packet-time';

const SETTINGS: ViewSettings = { theme: 'system', zoomLevel: 0, hiddenColumns: ['win'], customColumns: [], rowColors: 'phases', timeFormat: 'relative', coloringRules: null };

/** A stand-in for the preload's `window.synack` (Electron cannot run here): records calls, emits events. */
class FakeSynack {
  readonly invoked: { name: string; payload: unknown }[] = [];
  /** What main's save dialog answers (null: cancelled). */
  saveAnswer: string | null = null;
  /** What main answers when asked for a worker with capture rights; on success it also posts a port. */
  elevateAnswer = { ok: true, message: 'capture worker started with capture rights' };
  postPort: () => void = () => {};
  private listeners = new Map<string, Set<(p: never) => void>>();

  readonly api: SynackPreloadApi = {
    protocol: 1, platform: 'linux', requestPort: () => {}, openFileDialog: async () => null, pathForFile: () => '',
    initialFile: async () => null,
    invoke: async (name, payload) => {
      this.invoked.push({ name, payload });
      return (name === 'settings.get' ? SETTINGS : name === 'app.saveFileDialog' ? this.saveAnswer
        : name === 'app.elevateWorker' ? this.elevate() : null) as never;
    },
    on: (name, cb) => {
      let set = this.listeners.get(name);
      if (!set) this.listeners.set(name, (set = new Set()));
      set.add(cb as (p: never) => void);
      return () => { set.delete(cb as (p: never) => void); };
    },
  };

  private elevate(): { ok: boolean; message: string } {
    if (this.elevateAnswer.ok) this.postPort();
    return this.elevateAnswer;
  }

  emit<K extends AppEventName>(name: K, payload: AppEvents[K]): void {
    for (const cb of this.listeners.get(name) ?? []) cb(payload as never);
  }

  calls(name: string): unknown[] {
    return this.invoked.filter((c) => c.name === name).map((c) => c.payload);
  }

  get listening(): number {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
}

describe('Electron app events', () => {
  let app: SeedApp;
  let fake: FakeSynack;
  let ui: { starts: number; pickers: number } & AppUiActions;
  let reconnects: number;
  let stop: () => void;
  /** The worker main hands over after elevation: a second replay backend the stores move to. */
  let elevated: ReplayBackend;
  const awaitPort = (): { adopted: Promise<void>; cancel: () => void } => ({
    adopted: new Promise<void>((arrived) => { fake.postPort = arrived; })
      .then(() => { app.disconnect(); app.disconnect = connectStores(elevated, (cb) => cb()); }),
    cancel: () => { fake.postPort = () => {}; },
  });

  beforeEach(async () => {
    app = seedApp(false);
    fake = new FakeSynack();
    reconnects = 0;
    ui = { starts: 0, pickers: 0, startCapture() { ui.starts++; }, showInterfaces() { ui.pickers++; } };
    elevated = new ReplayBackend({ path: app.seed.path, flows: app.seed.flows, batches: [], conversations: [], details: new Map() });
    stop = connectAppEvents(fake.api, { reconnect: async () => { reconnects++; }, awaitPort, ui });
    await settle();
  });
  afterEach(() => { stop(); app.disconnect(); });

  it('a live capture refused for lack of rights asks main for an elevated worker, moves to it and starts there', async () => {
    app.backend.refuse.set('capture.start', { code: 'capture.permission', message: 'lo: You don\'t have permission to capture on that device', fatal: false });
    await useCaptureStore().startCapture({ iface: 'lo', filter: 'tcp' });
    expect(fake.calls('app.elevateWorker')).toEqual([null]);
    expect(elevated.requests.filter((r) => r.name === 'capture.start')).toEqual([{ name: 'capture.start', payload: { iface: 'lo', filter: 'tcp' } }]);
    expect(useCaptureStore().error).toBeNull();
  });

  it('a cancelled elevation prompt leaves the worker as it was and says why capture did not start', async () => {
    app.backend.refuse.set('capture.start', { code: 'capture.permission', message: 'lo: no permission', fatal: false });
    fake.elevateAnswer = { ok: false, message: 'the elevation prompt ended with code 126' };
    await useCaptureStore().startCapture({ iface: 'lo', filter: '' });
    expect(elevated.requests).toEqual([]);
    expect(useCaptureStore().error?.message).toBe('Live capture needs capture rights, which were not granted: the elevation prompt ended with code 126');
  });

  it('other capture errors (a bad filter) do not ask for rights', async () => {
    app.backend.refuse.set('capture.start', { code: 'capture.filter', message: 'syntax error in filter expression', fatal: false });
    await useCaptureStore().startCapture({ iface: 'lo', filter: 'tcp port' });
    expect(fake.calls('app.elevateWorker')).toEqual([]);
    expect(useCaptureStore().error?.code).toBe('capture.filter');
  });

  it('reports the initial UI state, takes the stored hidden columns, and reports state changes', async () => {
    expect(fake.calls('app.uiState')).toEqual([{ hasSource: false, capturing: false, conversationSelected: false, conversationShown: false, marked: false }]);
    expect(useViewSettingsStore().hidden).toEqual(['win']);
    app.backend.play();
    await nextTick();
    expect(fake.calls('app.uiState')).toEqual([{ hasSource: false, capturing: false, conversationSelected: false, conversationShown: false, marked: false }, { hasSource: true, capturing: false, conversationSelected: false, conversationShown: false, marked: false }]);
  });

  it('File ▸ Open (or an OS open) opens the path, and a successful open is reported for Open Recent', async () => {
    fake.emit('menu.command', { command: 'file.open', path: app.seed.path });
    await settle();
    expect(app.backend.requests).toContainEqual({ name: 'file.open', payload: { path: app.seed.path } });
    expect(usePacketsStore().count).toBe(9);
    expect(fake.calls('app.fileOpened')).toEqual([{ path: app.seed.path }]);
  });

  it('does not report a file that failed to open', async () => {
    const capture = useCaptureStore();
    capture.onError({ code: 'file.unreadable', message: 'no such file', fatal: false });
    await nextTick();
    expect(fake.calls('app.fileOpened')).toEqual([]);
  });

  it('File ▸ Export Selected Conversation asks main for a path, then the worker for that stream\'s frames', async () => {
    app.backend.play();
    await settle();
    useConversationsStore().select(0);
    await nextTick();
    expect(fake.calls('app.uiState').at(-1)).toEqual({ hasSource: true, capturing: false, conversationSelected: true, conversationShown: true, marked: false });
    fake.emit('menu.command', { command: 'file.exportConversation' });
    await settle();
    expect(fake.calls('app.saveFileDialog')).toEqual([{ defaultName: 'seed-lo0-stream-0.pcapng' }]);
    expect(app.backend.requests.map((r) => r.name)).not.toContain('file.export'); // dialog cancelled

    fake.saveAnswer = '/home/u/handshake.pcapng';
    fake.emit('menu.command', { command: 'file.exportConversation' });
    await settle();
    const req = app.backend.requests.find((r) => r.name === 'file.export')?.payload as RequestPayload<'file.export'>;
    expect(req.path).toBe('/home/u/handshake.pcapng');
    expect(req.frames).toEqual(encodeFrameSet([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(useExportStore().outcome).toEqual({ ok: true, message: 'Saved 9 packets to /home/u/handshake.pcapng' });
  });

  it('File ▸ Save As and Export Displayed Packets ask for all frames, with names from the open file', async () => {
    app.backend.play();
    await settle();
    fake.emit('menu.command', { command: 'file.saveAs' });
    fake.emit('menu.command', { command: 'file.exportDisplayed' });
    await settle();
    expect(fake.calls('app.saveFileDialog')).toEqual([{ defaultName: 'seed-lo0.pcapng' }, { defaultName: 'seed-lo0-displayed.pcapng' }]);
  });

  it('File ▸ Close empties the window and tells main there is no source', async () => {
    app.backend.play();
    await nextTick();
    fake.emit('menu.command', { command: 'file.close' });
    await settle();
    expect(usePacketsStore().count).toBe(0);
    expect(useConversationsStore().count).toBe(0);
    expect(useCaptureStore().source).toBeNull();
    expect(fake.calls('app.uiState').at(-1)).toEqual({ hasSource: false, capturing: false, conversationSelected: false, conversationShown: false, marked: false });
  });

  it('Capture menu: Interfaces lists them and shows the picker, Start uses the toolbar, Stop stops a live capture', async () => {
    fake.emit('menu.command', { command: 'capture.interfaces' });
    expect(app.backend.requests.map((r) => r.name)).toContain('interfaces.list');
    expect(ui.pickers).toBe(1);
    fake.emit('menu.command', { command: 'capture.start' });
    expect(ui.starts).toBe(1);
    fake.emit('menu.command', { command: 'capture.stop' });
    expect(app.backend.requests.map((r) => r.name)).not.toContain('capture.stop');
    app.backend.emit('source.start', { source: 2, kind: 'live', path: '/tmp/s.pcapng', iface: 'lo', bytesTotal: 0 });
    await nextTick();
    expect(fake.calls('app.uiState').at(-1)).toEqual({ hasSource: true, capturing: true, conversationSelected: false, conversationShown: false, marked: false });
    fake.emit('menu.command', { command: 'capture.start' });
    expect(ui.starts).toBe(1);
    fake.emit('menu.command', { command: 'capture.stop' });
    expect(app.backend.requests.map((r) => r.name)).toContain('capture.stop');
  });

  it('Analyze ▸ Follow TCP Stream follows the selected packet\'s conversation, and is reported as possible only then', async () => {
    app.backend.play();
    await settle();
    fake.emit('menu.command', { command: 'analyze.follow' });
    expect(useFollowStore().stream).toBeNull();                    // nothing shown: nothing to follow
    usePacketsStore().select(4);
    await nextTick();
    expect(fake.calls('app.uiState').at(-1)).toEqual({ hasSource: true, capturing: false, conversationSelected: false, conversationShown: true, marked: false });
    fake.emit('menu.command', { command: 'analyze.follow' });
    expect(useFollowStore().stream).toBe(0);
    expect(app.backend.requests.at(-1)).toMatchObject({ name: 'stream.follow', payload: { stream: 0 } });
    fake.emit('menu.command', { command: 'analyze.expert' });
    expect(useExpertStore().open).toBe(true);
    fake.emit('menu.command', { command: 'go.toPacket' });
    expect(useGoToStore().open).toBe(true);
    fake.emit('menu.command', { command: 'edit.findNext' });             // nothing to find again yet: the bar opens
    expect(useFindStore().open).toBe(true);
    useFindStore().hide();
    fake.emit('menu.command', { command: 'edit.find' });
    expect(useFindStore().open).toBe(true);
    useFindStore().text = 'tcp.flags.fin == 1';
    fake.emit('menu.command', { command: 'edit.findPrevious' });
    await settle();
    expect(usePacketsStore().selectedFrame).toBe(8);                      // no FIN before packet 4: it wraps to the last one
    // Edit ▸ Mark/Unmark Packet and the time reference items act on the selected packet (8, from Find Previous).
    fake.emit('menu.command', { command: 'edit.markPacket' });
    fake.emit('menu.command', { command: 'edit.timeReference' });
    expect([useMarkedPacketsStore().count, useTimeReferencesStore().count]).toEqual([1, 1]);
    usePacketsStore().select(1);
    fake.emit('menu.command', { command: 'edit.nextMark' });
    expect(usePacketsStore().selectedFrame).toBe(8);
    usePacketsStore().select(1);
    fake.emit('menu.command', { command: 'edit.previousTimeReference' });
    expect(usePacketsStore().selectedFrame).toBe(8);
    fake.emit('menu.command', { command: 'edit.markAllDisplayed' });
    expect(useMarkedPacketsStore().count).toBe(9);
    fake.emit('menu.command', { command: 'edit.unmarkAllDisplayed' });
    fake.emit('menu.command', { command: 'edit.unsetTimeReferences' });
    expect([useMarkedPacketsStore().count, useTimeReferencesStore().count]).toEqual([0, 0]);
    fake.emit('menu.command', { command: 'edit.previousMark' });           // none left: the selection stays
    fake.emit('menu.command', { command: 'edit.nextTimeReference' });
    expect(usePacketsStore().selectedFrame).toBe(8);
    fake.emit('menu.command', { command: 'edit.packetComments' });        // the selected packet's comments
    expect(usePacketCommentsStore().editorFrame).toBe(8);
    fake.emit('menu.command', { command: 'statistics.ioGraph' });
    expect(useIoGraphStore().open).toBe(true);
    fake.emit('menu.command', { command: 'statistics.properties' });
    expect(useCapturePropertiesStore().open).toBe(true);
    fake.emit('menu.command', { command: 'statistics.endpoints' });
    expect(useEndpointsStore().open).toBe(true);
    fake.emit('menu.command', { command: 'view.coloringRules' });
    expect(useColoringRulesStore().editorOpen).toBe(true);
  });

  it('applies hidden and custom columns, row colours and the time format when main\'s settings change, and tells main of the page\'s own changes', async () => {
    const rtt = { id: 3, title: 'RTT', fields: 'tcp.analysis.ack_rtt', occurrence: 0, hidden: false };
    const slow = { name: 'Slow ACK', filter: 'tcp.analysis.ack_rtt > 0.2', background: '#ffc0c0', foreground: '#000000' };
    fake.emit('settings.changed', {
      theme: 'dark', zoomLevel: 1, hiddenColumns: ['time', 'len'], customColumns: [rtt], rowColors: 'wireshark', timeFormat: 'datetime-utc', coloringRules: [slow],
    });
    const view = useViewSettingsStore();
    expect(view.hidden).toEqual(['time', 'len']);
    expect(view.custom).toEqual([rtt]);
    expect(view.rowColors).toBe('wireshark');
    expect([view.timeMode, view.zone, view.timeFormatId]).toEqual(['datetime', 'utc', 'datetime-utc']);
    expect(useColoringRulesStore().rules).toEqual([slow]);
    await nextTick();
    expect(fake.calls('app.listView')).toEqual([]);                 // main's own values are not sent back
    view.toggleColumn('len');                                       // the list header's menu
    await nextTick();
    view.setTimeFormat(TIME_FORMATS.find((f) => f.id === 'deltaDisplayed')!);
    await nextTick();
    expect(view.addCustomColumn('tcp.analysis.bytes_in_flight')).toBeNull();   // Apply as Column
    await nextTick();
    const bif = { id: 4, title: 'Bytes in flight', fields: 'tcp.analysis.bytes_in_flight', occurrence: 0, hidden: false };
    useColoringRulesStore().setRules(null);                         // the Coloring Rules dialog: Wireshark's defaults
    await nextTick();
    expect(fake.calls('app.listView')).toEqual([
      { hiddenColumns: ['time'], customColumns: [rtt], rowColors: 'wireshark', timeFormat: 'datetime-utc', coloringRules: [slow] },
      { hiddenColumns: ['time'], customColumns: [rtt], rowColors: 'wireshark', timeFormat: 'deltaDisplayed', coloringRules: [slow] },
      { hiddenColumns: ['time'], customColumns: [rtt, bif], rowColors: 'wireshark', timeFormat: 'deltaDisplayed', coloringRules: [slow] },
      { hiddenColumns: ['time'], customColumns: [rtt, bif], rowColors: 'wireshark', timeFormat: 'deltaDisplayed', coloringRules: null },
    ]);
  });

  it('after a worker restart keeps the rows, reconnects and reopens the current file', async () => {
    app.backend.play();
    await nextTick();
    const before = app.backend.requests.length;
    fake.emit('worker.restarted', { reason: 'exit code 134' });
    expect(usePacketsStore().count).toBe(9);
    expect(useCaptureStore().error?.message).toContain('exit code 134');
    await settle();
    expect(reconnects).toBe(1);
    expect(app.backend.requests.slice(before)).toContainEqual({ name: 'file.open', payload: { path: app.seed.path } });
    expect(usePacketsStore().count).toBe(9);
  });

  it('shows a fatal error when the restarted worker cannot be reached', async () => {
    stop();
    stop = connectAppEvents(fake.api, { reconnect: () => Promise.reject(new Error('no port')), awaitPort, ui });
    fake.emit('worker.restarted', { reason: 'crash' });
    await settle();
    expect(useCaptureStore().error).toMatchObject({ fatal: true, code: 'transport.closed' });
    expect(useCaptureStore().error?.message).toContain('no port');
  });

  it('stops listening when disconnected', () => {
    expect(fake.listening).toBe(3);
    stop();
    expect(fake.listening).toBe(0);
    stop = () => {};
  });

});
