/**
 * The renderer's half of the app channels with Electron main (electron/preload/app-contract.ts), through the
 * preload's typed `invoke`/`on`: menu commands and OS file opens, view settings, worker restarts; and back to
 * main, the files that opened (Open Recent) and what the page shows (so menu items are enabled to match).
 * Save As and the two exports go through stores/export.ts (main's save dialog picks the path).
 * Only the Electron host has these; the browser host has no menus.
 */
import { watch } from 'vue';
import type { ListView, MenuCommand, UiState, ViewSettings } from '../../electron/preload/app-contract';
import { timeFormatById } from '../format/packet-time';
import type { SynackPreloadApi } from './electron-api';
import { useCaptureStore } from '../stores/capture';
import { useConversationsStore } from '../stores/conversations';
import { useExportStore } from '../stores/export';
import { useFollowStore } from '../stores/follow';
import { useGoToStore } from '../stores/go-to';
import { findAgain, useFindStore } from '../stores/find';
import { useEndpointsStore } from '../stores/endpoints';
import { useIoGraphStore } from '../stores/io-graph';
import { useCapturePropertiesStore } from '../stores/capture-properties';
import { useExpertStore } from '../stores/expert';
import { setCaptureElevator, setSaveTarget } from '../stores/backend-slot';
import { usePacketsStore } from '../stores/packets';
import { useColoringRulesStore } from '../stores/coloring-rules';
import { colorizeSelectedConversation } from '../stores/colorize-selected';
import { useViewSettingsStore } from '../stores/view-settings';
import { clearDetailCache } from '../composables/usePacketDetail';
import { useMarkedPacketsStore } from '../stores/marked-packets';
import { useTimeReferencesStore } from '../stores/time-references';
import { usePacketCommentsStore } from '../stores/packet-comments';

/** What the stores cannot do themselves: the live-capture form lives in the toolbar (CaptureToolbar.vue). */
export interface AppUiActions {
  /** Starts a capture on the interface picked in the toolbar (Capture ▸ Start). */
  startCapture(): void;
  /** Shows the interface picker (Capture ▸ Interfaces…). */
  showInterfaces(): void;
}

export interface AppEventDeps {
  /** Drops the dead worker's backend and connects the stores to the new worker's port. */
  reconnect(): Promise<void>;
  /** Waits for the next worker port main hands over unasked (an elevated worker), then moves the stores to it. */
  awaitPort(): { adopted: Promise<void>; cancel: () => void };
  ui?: AppUiActions;
}

/** Default UI actions: the toolbar's capture form, so Start uses the interface and filter shown there. */
export const toolbarActions: AppUiActions = {
  startCapture() {
    const form = document.querySelectorAll<HTMLFormElement>('.toolbar form')[1];
    const picker = form?.querySelector('select');
    if (form && picker?.value) form.requestSubmit();
    else picker?.focus(); // no interface chosen yet: let the user pick one
  },
  showInterfaces: () => document.querySelectorAll<HTMLFormElement>('.toolbar form')[1]?.querySelector('select')?.focus(),
};

type CaptureStore = ReturnType<typeof useCaptureStore>;

/** File ▸ Close: stop reading or capturing, then show an empty window. */
async function closeSource(capture: CaptureStore): Promise<void> {
  if (capture.status === 'loading' || capture.status === 'live') await capture.cancel().catch(() => undefined);
  usePacketsStore().reset();
  useConversationsStore().reset();
  clearDetailCache();
  capture.$patch({ source: null, status: 'idle', progress: null, stats: null, fileProblem: null, error: null });
}

/** After a worker restart: rows stay on screen until the reopened file streams in again from the new worker. */
async function recoverWorker(capture: CaptureStore, reason: string, reconnect: () => Promise<void>): Promise<void> {
  const source = capture.source;
  capture.notice(`The capture worker stopped (${reason}) and was restarted.`);
  try {
    await reconnect();
  } catch (e) {
    capture.onError({ code: 'transport.closed', message: `Cannot reach the restarted capture worker: ${(e as Error).message}`, fatal: true });
    return;
  }
  if (source?.kind === 'file') await capture.openFile(source.path);
}

/**
 * Live capture was refused for lack of rights: main starts a worker with capture rights through the OS
 * prompt (pkexec, the macOS admin dialog, UAC) and hands its relayed port over; the stores move to it.
 * Resolves false, with a notice saying why, when the prompt was cancelled or failed.
 */
async function elevateWorker(api: SynackPreloadApi, capture: CaptureStore, deps: AppEventDeps): Promise<boolean> {
  const next = deps.awaitPort();           // listen first: the port may arrive before invoke resolves
  const r = await api.invoke('app.elevateWorker', null);
  if (!r.ok) {
    next.cancel();
    capture.notice(`Live capture needs capture rights, which were not granted: ${r.message}`);
    return false;
  }
  await next.adopted;
  return true;
}

/** Tells main about successful opens (Open Recent) and about what the page shows (menu item state). */
function reportToMain(api: SynackPreloadApi, capture: CaptureStore, report: (p: Promise<unknown>) => void): (() => void)[] {
  const conversations = useConversationsStore();
  const marks = useMarkedPacketsStore();
  return [
    // source.start for a file: the worker opened it.
    watch(() => capture.source, (s, old) => {
      if (s && s.kind === 'file' && s !== old) report(api.invoke('app.fileOpened', { path: s.path }));
    }),
    watch((): UiState => ({
      hasSource: capture.source !== null, capturing: capture.status === 'live',
      conversationSelected: conversations.selectedStream !== null, conversationShown: conversations.shownStream !== null,
      marked: marks.count > 0,
    }), (state, old) => {
      const changed = !old || state.hasSource !== old.hasSource || state.capturing !== old.capturing
        || state.conversationSelected !== old.conversationSelected || state.conversationShown !== old.conversationShown
        || state.marked !== old.marked;
      if (changed) report(api.invoke('app.uiState', state));
    }, { immediate: true }),
  ];
}

/** Analyze ▸ Follow TCP Stream: the conversation the ladder shows. */
function followShown(): void {
  const stream = useConversationsStore().shownStream;
  if (stream !== null) void useFollowStore().open(stream);
}

/** Subscribes to main's events and reports opens and UI state; returns a function that stops both. */
export function connectAppEvents(api: SynackPreloadApi, deps: AppEventDeps): () => void {
  const capture = useCaptureStore();
  const view = useViewSettingsStore();
  const coloring = useColoringRulesStore();
  const exports = useExportStore();
  const ui = deps.ui ?? toolbarActions;
  const report = (p: Promise<unknown>): void => { p.catch((e: Error) => capture.notice(`Main process: ${e.message}`)); };
  // What main last stored of the list's view: a change the page makes itself goes back to main (app.listView).
  let stored = '';
  const onSettings = (s: ViewSettings): void => {
    view.hidden = [...s.hiddenColumns]; view.custom = s.customColumns.map((c) => ({ ...c })); view.rowColors = s.rowColors;
    coloring.setRules(s.coloringRules);
    const f = timeFormatById(s.timeFormat);
    if (f) view.setTimeFormat(f);
    stored = JSON.stringify(listView());
  };
  const listView = (): ListView => ({
    hiddenColumns: [...view.hidden], customColumns: view.custom.map((c) => ({ ...c })), rowColors: view.rowColors,
    timeFormat: view.timeFormatId as ListView['timeFormat'], coloringRules: coloring.custom?.map((r) => ({ ...r })) ?? null,
  });

  function onMenu(cmd: MenuCommand): void {
    switch (cmd.command) {
      case 'file.open': void capture.openFile(cmd.path); break;
      case 'file.saveAs': void exports.saveAll(); break;
      case 'file.exportConversation': void exports.exportConversation(); break;
      case 'file.exportDisplayed': void exports.exportDisplayed(); break;
      case 'file.exportMarked': void exports.exportMarked(); break;
      case 'file.close': void closeSource(capture); break;
      case 'capture.interfaces': void capture.loadInterfaces(); ui.showInterfaces(); break;
      case 'capture.start': if (capture.status !== 'live') ui.startCapture(); break;
      case 'capture.stop': if (capture.status === 'live') void capture.cancel(); break;
      case 'analyze.follow': followShown(); break;
      case 'analyze.expert': useExpertStore().open = true; break;
      case 'go.toPacket': useGoToStore().show(); break;
      case 'edit.find': useFindStore().show(); break;
      case 'edit.findNext': findAgain(false); break;
      case 'edit.findPrevious': findAgain(true); break;
      case 'edit.markPacket': useMarkedPacketsStore().toggleSelected(); break;
      case 'edit.markAllDisplayed': useMarkedPacketsStore().markDisplayed(); break;
      case 'edit.unmarkAllDisplayed': useMarkedPacketsStore().unmarkDisplayed(); break;
      case 'edit.nextMark': useMarkedPacketsStore().step(false); break;
      case 'edit.previousMark': useMarkedPacketsStore().step(true); break;
      case 'edit.packetComments': usePacketCommentsStore().editSelected(); break;
      case 'edit.timeReference': useTimeReferencesStore().toggleSelected(); break;
      case 'edit.unsetTimeReferences': useTimeReferencesStore().clear(); break;
      case 'edit.nextTimeReference': useTimeReferencesStore().step(false); break;
      case 'edit.previousTimeReference': useTimeReferencesStore().step(true); break;
      case 'statistics.ioGraph': useIoGraphStore().open = true; break;
      case 'statistics.properties': useCapturePropertiesStore().open = true; break;
      case 'statistics.endpoints': useEndpointsStore().open = true; break;
      case 'view.coloringRules': coloring.openEditor(); break;
      case 'view.colorizeConversation': colorizeSelectedConversation(cmd.slot); break;
      case 'view.resetColorization': coloring.resetColorization(); break;
    }
  }

  const stopViewWatch = watch(listView, (v) => {
    const text = JSON.stringify(v);
    if (text === stored) return;
    stored = text;
    report(api.invoke('app.listView', v));
  }, { deep: true });
  const offs = [
    stopViewWatch,
    api.on('menu.command', onMenu),
    api.on('settings.changed', onSettings),
    api.on('worker.restarted', (e) => { void recoverWorker(capture, e.reason, deps.reconnect); }),
    ...reportToMain(api, capture, report),
  ];
  report(api.invoke('settings.get', null).then(onSettings));
  // Exports go where the user points main's save dialog; main grants that path to the worker.
  setSaveTarget((defaultName) => api.invoke('app.saveFileDialog', { defaultName }));
  setCaptureElevator(() => elevateWorker(api, capture, deps));
  return () => {
    for (const off of offs) off();
    setSaveTarget(null);
    setCaptureElevator(null);
  };
}
