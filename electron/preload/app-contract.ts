/**
 * The few messages between the renderer and Electron main itself (the worker's messages go over the
 * MessagePort, shared/ipc/contract.ts). One map per direction, `feature.verb` names, a runtime check for
 * every request payload (main runs it before acting: the renderer is untrusted input). Imported by the
 * preload (allowlist) and by main (handlers); it imports nothing from Electron so tests load it directly.
 */
import {
  isPlausiblePath, LIST_COLUMN_IDS, ROW_COLORS, THEMES, TIME_FORMAT_IDS, type ListColumnId, type RowColors, type Theme, type TimeFormatId,
} from '../main/settings';
import { isCustomColumnList, type CustomColumnSetting } from '../../shared/filter/custom-column-setting';
import { isColoringRuleList } from '../../shared/coloring/coloring-rule-settings';
import type { ColoringRule } from '../../shared/coloring/coloring-rules';
import { CONVERSATION_COLORS } from '../../shared/coloring/conversation-colors';

export interface ViewSettings {
  theme: Theme;
  zoomLevel: number;
  hiddenColumns: ListColumnId[];
  customColumns: CustomColumnSetting[];
  rowColors: RowColors;
  timeFormat: TimeFormatId;
  /** View ▸ Coloring Rules, in order; null: Wireshark's defaults. */
  coloringRules: ColoringRule[] | null;
}

/** What the page's own controls (the packet list header's menu, keys) change of the view, for main to store and check in its menus. */
export type ListView = Pick<ViewSettings, 'hiddenColumns' | 'customColumns' | 'rowColors' | 'timeFormat' | 'coloringRules'>;

/** Menu items and OS events the renderer carries out (main handles theme, zoom, About and windows itself). */
export type MenuCommand =
  | { command: 'file.open'; path: string }
  | { command: 'file.saveAs' }
  | { command: 'file.exportConversation' }
  | { command: 'file.exportDisplayed' }
  | { command: 'file.exportMarked' }
  | { command: 'file.close' }
  | { command: 'capture.interfaces' }
  | { command: 'capture.start' }
  | { command: 'capture.stop' }
  | { command: 'analyze.follow' }
  | { command: 'analyze.expert' }
  | { command: 'go.toPacket' }
  | { command: 'edit.find' }
  | { command: 'edit.findNext' }
  | { command: 'edit.findPrevious' }
  | { command: 'edit.markPacket' }
  | { command: 'edit.markAllDisplayed' }
  | { command: 'edit.unmarkAllDisplayed' }
  | { command: 'edit.nextMark' }
  | { command: 'edit.previousMark' }
  | { command: 'edit.packetComments' }
  | { command: 'edit.timeReference' }
  | { command: 'edit.unsetTimeReferences' }
  | { command: 'edit.nextTimeReference' }
  | { command: 'edit.previousTimeReference' }
  | { command: 'statistics.ioGraph' }
  | { command: 'statistics.properties' }
  | { command: 'statistics.endpoints' }
  | { command: 'view.coloringRules' }
  /** View ▸ Colorize Conversation ▸ Color slot + 1, on the selected packet's conversation. */
  | { command: 'view.colorizeConversation'; slot: number }
  | { command: 'view.resetColorization' };

export type MenuCommandName = MenuCommand['command'];

/** What the page shows, for menu enablement. */
export interface UiState {
  hasSource: boolean;
  capturing: boolean;
  /** A conversation is selected (File › Export Selected Conversation). */
  conversationSelected: boolean;
  /** The conversation view shows a TCP conversation, selected or the selected packet's (Analyze › Follow TCP Stream). */
  conversationShown: boolean;
  /** Some packets are marked (File › Export Marked Packets). */
  marked: boolean;
}

/** renderer → main, answered once. */
export interface AppRequests {
  /** Native "Open capture file" dialog; null when cancelled. */
  'app.openFileDialog': (req: null) => string | null;
  /**
   * Native save dialog for Save As / Export (pcapng); null when cancelled. The chosen path is granted to the
   * worker for one `file.export` (electron/capture/export-gate.ts): the page cannot name a path of its own.
   */
  'app.saveFileDialog': (req: { defaultName: string }) => string | null;
  /** File from argv / OS / the seed when none, once per window load; null afterwards. */
  'app.initialFile': (req: null) => string | null;
  /** A file opened successfully: main adds it to Open Recent. */
  'app.fileOpened': (req: { path: string }) => null;
  'settings.get': (req: null) => ViewSettings;
  /** What the page shows, so File and Capture menu items are enabled to match. */
  'app.uiState': (req: UiState) => null;
  /** The page changed its list's columns, row colours or time format itself: main stores them and checks its View menu to match. */
  'app.listView': (req: ListView) => null;
  /**
   * Live capture needs rights the worker lacks (`capture.permission`): main starts an elevated worker
   * through the platform's prompt and hands the page a port to it (a new 'synack.port' window message).
   */
  'app.elevateWorker': (req: null) => { ok: boolean; message: string };
}

/** main → renderer, one-way. */
export interface AppEvents {
  'menu.command': MenuCommand;
  'settings.changed': ViewSettings;
  /** The worker died and a new one is up: the new port follows as a 'synack.port' window message. */
  'worker.restarted': { reason: string };
}

export type AppRequestName = keyof AppRequests;
export type AppRequestPayload<K extends AppRequestName> = Parameters<AppRequests[K]>[0];
export type AppResponse<K extends AppRequestName> = ReturnType<AppRequests[K]>;
export type AppEventName = keyof AppEvents;

export const APP_REQUEST_NAMES: readonly AppRequestName[] = [
  'app.openFileDialog', 'app.saveFileDialog', 'app.initialFile', 'app.fileOpened', 'settings.get', 'app.uiState',
  'app.elevateWorker', 'app.listView',
];
export const APP_EVENT_NAMES: readonly AppEventName[] = ['menu.command', 'settings.changed', 'worker.restarted'];

/** One-way renderer → main message asking for a fresh port to the worker; the port comes back on PORT_CHANNEL. */
export const REQUEST_PORT_CHANNEL = 'app.requestPort';
export const PORT_CHANNEL = 'app.port';

/** The window message type the preload uses to hand the port to the page (renderer/backend/electron-backend.ts). */
export const PORT_MESSAGE_TYPE = 'synack.port';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const NAME_RE = /^[^\0/\\]{1,255}$/;

const PAYLOAD_CHECKS: { [K in AppRequestName]: (p: unknown) => string | null } = {
  'app.openFileDialog': (p) => (p === null ? null : 'expects null'),
  'app.initialFile': (p) => (p === null ? null : 'expects null'),
  'settings.get': (p) => (p === null ? null : 'expects null'),
  'app.elevateWorker': (p) => (p === null ? null : 'expects null'),
  'app.uiState': (p) =>
    isObject(p) && Object.keys(p).length === 5 && typeof p.hasSource === 'boolean' && typeof p.capturing === 'boolean'
      && typeof p.conversationSelected === 'boolean' && typeof p.conversationShown === 'boolean' && typeof p.marked === 'boolean'
      ? null : 'expects { hasSource: boolean, capturing: boolean, conversationSelected: boolean, conversationShown: boolean, marked: boolean }',
  'app.saveFileDialog': (p) =>
    isObject(p) && Object.keys(p).length === 1 && typeof p.defaultName === 'string' && NAME_RE.test(p.defaultName)
      ? null : 'expects { defaultName: a file name without a path }',
  'app.listView': (p) =>
    isObject(p) && Object.keys(p).length === 5 && Array.isArray(p.hiddenColumns) && p.hiddenColumns.length <= LIST_COLUMN_IDS.length
      && p.hiddenColumns.every((c) => LIST_COLUMN_IDS.includes(c as ListColumnId)) && isCustomColumnList(p.customColumns)
      && ROW_COLORS.includes(p.rowColors as RowColors) && TIME_FORMAT_IDS.includes(p.timeFormat as TimeFormatId)
      && (p.coloringRules === null || isColoringRuleList(p.coloringRules))
      ? null : 'expects { hiddenColumns: column ids, customColumns: up to 32 { id, title, fields, occurrence, hidden } of known fields, '
        + 'rowColors: one of phases/wireshark/none, timeFormat: a time format id, coloringRules: null or up to 256 { name, filter, '
        + 'background, foreground (#rrggbb), disabled? } }',
  'app.fileOpened': (p) =>
    isObject(p) && Object.keys(p).length === 1 && isPlausiblePath(p.path) ? null : 'expects { path: string }',
};

export function isAppRequestName(v: unknown): v is AppRequestName {
  return typeof v === 'string' && (APP_REQUEST_NAMES as readonly string[]).includes(v);
}

export function isAppEventName(v: unknown): v is AppEventName {
  return typeof v === 'string' && (APP_EVENT_NAMES as readonly string[]).includes(v);
}

/** Null when `payload` is valid for request `name`, otherwise why not. */
export function checkAppRequest(name: unknown, payload: unknown): string | null {
  if (!isAppRequestName(name)) return `unknown request ${JSON.stringify(String(name)).slice(0, 80)}`;
  const why = PAYLOAD_CHECKS[name](payload);
  return why ? `${name}: ${why}` : null;
}

/** The view settings the renderer sees, from the stored settings. */
export function viewSettings(s: ViewSettings): ViewSettings {
  return {
    theme: s.theme, zoomLevel: s.zoomLevel, hiddenColumns: [...s.hiddenColumns], customColumns: s.customColumns.map((c) => ({ ...c })),
    rowColors: s.rowColors, timeFormat: s.timeFormat, coloringRules: s.coloringRules?.map((r) => ({ ...r })) ?? null,
  };
}

/** Conversation colours a menu offers (View ▸ Colorize Conversation ▸ Color 1 … 10). */
export const CONVERSATION_COLOR_COUNT = CONVERSATION_COLORS.length;

export { LIST_COLUMN_IDS, ROW_COLORS, THEMES, TIME_FORMAT_IDS };
