/**
 * The application menu as plain data: ./menu.ts turns it into Electron menus and routes clicks to one
 * dispatcher. Keeping the structure here means tests check labels, accelerators, enablement and the
 * command each item sends without Electron, and the macOS app menu / Windows-Linux layout differences are
 * decided in one function.
 */
import { CONVERSATION_COLOR_COUNT, type MenuCommand, type MenuCommandName } from '../preload/app-contract';
import { recentLabel } from './recent-files';
import { LIST_COLUMN_IDS, ROW_COLORS, TIME_FORMAT_IDS, type ListColumnId, type RowColors, type Theme, THEMES, type TimeFormatId } from './settings';

/** What a click asks for: a renderer command (./app-contract.ts) or something main does itself. */
export type MenuAction =
  | { kind: 'renderer'; command: MenuCommand }
  | { kind: 'openDialog' }
  | { kind: 'openRecent'; path: string }
  | { kind: 'clearRecent' }
  | { kind: 'openSeed' }
  | { kind: 'setTheme'; theme: Theme }
  | { kind: 'zoom'; step: -1 | 0 | 1 }
  | { kind: 'toggleColumn'; column: ListColumnId }
  /** Shows or hides the custom column with this setting id (CustomColumnSetting.id). */
  | { kind: 'toggleCustomColumn'; id: number }
  | { kind: 'setRowColors'; rowColors: RowColors }
  | { kind: 'setTimeFormat'; timeFormat: TimeFormatId }
  | { kind: 'about' };

/** Standard items Electron implements itself (copy, quit, devtools …). */
export type MenuRole =
  | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit' | 'close' | 'undo' | 'redo' | 'cut' | 'copy'
  | 'paste' | 'selectAll' | 'togglefullscreen' | 'toggleDevTools' | 'minimize' | 'zoom' | 'front' | 'window' | 'help';

export interface MenuItemModel {
  id?: string;
  label?: string;
  type?: 'separator' | 'checkbox' | 'radio' | 'submenu';
  role?: MenuRole;
  accelerator?: string;
  enabled?: boolean;
  checked?: boolean;
  action?: MenuAction;
  submenu?: MenuItemModel[];
}

export interface MenuState {
  platform: NodeJS.Platform;
  appName: string;
  recentFiles: readonly string[];
  /** A file or capture is loaded (Save As, Export, Close make sense). */
  hasSource: boolean;
  /** A live capture is running (Start disabled, Stop enabled). */
  capturing: boolean;
  /** A conversation is selected in the page (Export Selected Conversation makes sense). */
  conversationSelected: boolean;
  /** The conversation view shows a TCP conversation (Follow TCP Stream makes sense). */
  conversationShown: boolean;
  /** Some packets are marked (Export Marked Packets makes sense). */
  marked: boolean;
  theme: Theme;
  hiddenColumns: readonly ListColumnId[];
  /** The custom columns (Apply as Column), in list order: View ▸ Columns shows and hides them too. */
  customColumns: readonly { id: number; title: string; hidden: boolean }[];
  rowColors: RowColors;
  timeFormat: TimeFormatId;
  /** Development build: View › Developer Tools is offered. */
  dev: boolean;
}

const SEP: MenuItemModel = { type: 'separator' };
const ROW_COLOR_LABELS: Record<RowColors, string> = {
  phases: 'Conversation &Phases', wireshark: '&Coloring Rules', none: '&None',
};
/** Wireshark's View ▸ Time Display Format items and their shortcuts, and SynAck's conversation delta. */
const TIME_FORMAT_ITEMS: Record<TimeFormatId, { label: string; accelerator?: string }> = {
  'datetime-local': { label: 'Date and Time of Day (1970-01-01 01:02:03.123456)', accelerator: 'CmdOrCtrl+Alt+1' },
  'doy-local': { label: 'Year, Day of Year, and Time of Day (1970/001 01:02:03.123456)' },
  'absolute-local': { label: 'Time of Day (01:02:03.123456)', accelerator: 'CmdOrCtrl+Alt+2' },
  epoch: { label: 'Seconds Since 1970-01-01', accelerator: 'CmdOrCtrl+Alt+3' },
  relative: { label: 'Seconds Since Beginning of Capture', accelerator: 'CmdOrCtrl+Alt+4' },
  delta: { label: 'Seconds Since Previous Captured Packet', accelerator: 'CmdOrCtrl+Alt+5' },
  deltaDisplayed: { label: 'Seconds Since Previous Displayed Packet', accelerator: 'CmdOrCtrl+Alt+6' },
  'datetime-utc': { label: 'UTC Date and Time of Day (1970-01-01 01:02:03.123456)', accelerator: 'CmdOrCtrl+Alt+7' },
  'doy-utc': { label: 'UTC Year, Day of Year, and Time of Day (1970/001 01:02:03.123456)' },
  'absolute-utc': { label: 'UTC Time of Day (01:02:03.123456)', accelerator: 'CmdOrCtrl+Alt+8' },
  conversation: { label: 'Seconds Since Previous Packet of Its TCP Conversation' },
};
const COLUMN_TITLES: Record<ListColumnId, string> = {
  frame: 'No.', time: 'Time', source: 'Source', destination: 'Destination', flags: 'Flags',
  seq: 'Seq', ack: 'Ack', win: 'Win', len: 'Len', stream: 'Stream', info: 'Info',
};
const THEME_LABELS: Record<Theme, string> = { system: 'Follow System', light: 'Light', dark: 'Dark' };

const renderer = (command: MenuCommand): MenuAction => ({ kind: 'renderer', command });

function recentMenu(s: MenuState): MenuItemModel {
  const items: MenuItemModel[] = s.recentFiles.map((path, i) => ({
    id: `recent.${i}`, label: recentLabel(path, i), action: { kind: 'openRecent', path },
  }));
  if (items.length === 0) items.push({ label: 'No Recent Files', enabled: false });
  items.push(SEP, { id: 'recent.clear', label: 'Clear Recent', enabled: s.recentFiles.length > 0, action: { kind: 'clearRecent' } });
  return { id: 'file.recent', label: 'Open &Recent', type: 'submenu', submenu: items };
}

function fileMenu(s: MenuState): MenuItemModel {
  return {
    label: '&File', type: 'submenu', submenu: [
      { id: 'file.open', label: '&Open…', accelerator: 'CmdOrCtrl+O', action: { kind: 'openDialog' } },
      recentMenu(s),
      SEP,
      { id: 'file.saveAs', label: '&Save As…', accelerator: 'CmdOrCtrl+Shift+S', enabled: s.hasSource, action: renderer({ command: 'file.saveAs' }) },
      { id: 'file.exportConversation', label: '&Export Selected Conversation as pcapng…', accelerator: 'CmdOrCtrl+E', enabled: s.hasSource && s.conversationSelected, action: renderer({ command: 'file.exportConversation' }) },
      { id: 'file.exportDisplayed', label: 'Export &Displayed Packets as pcapng…', enabled: s.hasSource, action: renderer({ command: 'file.exportDisplayed' }) },
      { id: 'file.exportMarked', label: 'Export &Marked Packets as pcapng…', enabled: s.hasSource && s.marked, action: renderer({ command: 'file.exportMarked' }) },
      SEP,
      { id: 'file.close', label: '&Close', accelerator: 'CmdOrCtrl+W', enabled: s.hasSource, action: renderer({ command: 'file.close' }) },
      ...(s.platform === 'darwin' ? [] : [SEP, { role: 'quit', label: 'E&xit' } satisfies MenuItemModel]),
    ],
  };
}

function captureMenu(s: MenuState): MenuItemModel {
  return {
    label: '&Capture', type: 'submenu', submenu: [
      { id: 'capture.interfaces', label: '&Interfaces…', accelerator: 'CmdOrCtrl+I', action: renderer({ command: 'capture.interfaces' }) },
      { id: 'capture.start', label: '&Start', accelerator: 'CmdOrCtrl+K', enabled: !s.capturing, action: renderer({ command: 'capture.start' }) },
      { id: 'capture.stop', label: 'S&top', accelerator: 'CmdOrCtrl+.', enabled: s.capturing, action: renderer({ command: 'capture.stop' }) },
    ],
  };
}

/** Wireshark's Go menu, as far as SynAck has it: Go to Packet with Wireshark's shortcut (the page opens its bar). */
function goMenu(s: MenuState): MenuItemModel {
  return {
    label: '&Go', type: 'submenu', submenu: [
      { id: 'go.toPacket', label: '&Go to Packet…', accelerator: 'CmdOrCtrl+G', enabled: s.hasSource, action: renderer({ command: 'go.toPacket' }) },
    ],
  };
}

/** Wireshark's Statistics menu, as far as SynAck has it: Capture File Properties (with Wireshark's shortcut), Endpoints and I/O Graphs. */
function statisticsMenu(s: MenuState): MenuItemModel {
  return {
    label: '&Statistics', type: 'submenu', submenu: [
      { id: 'statistics.properties', label: 'Capture File &Properties', accelerator: 'CmdOrCtrl+Alt+Shift+C', enabled: s.hasSource, action: renderer({ command: 'statistics.properties' }) },
      { id: 'statistics.endpoints', label: '&Endpoints', enabled: s.hasSource, action: renderer({ command: 'statistics.endpoints' }) },
      { id: 'statistics.ioGraph', label: '&I/O Graphs', enabled: s.hasSource, action: renderer({ command: 'statistics.ioGraph' }) },
    ],
  };
}

/** Wireshark's Analyze menu, as far as SynAck has it: Expert Information, and Follow ▸ TCP Stream with Wireshark's shortcut. */
function analyzeMenu(s: MenuState): MenuItemModel {
  return {
    label: '&Analyze', type: 'submenu', submenu: [
      { id: 'analyze.expert', label: '&Expert Information', enabled: s.hasSource, action: renderer({ command: 'analyze.expert' }) },
      { id: 'analyze.follow', label: '&Follow TCP Stream', accelerator: 'CmdOrCtrl+Alt+Shift+T', enabled: s.hasSource && s.conversationShown, action: renderer({ command: 'analyze.follow' }) },
    ],
  };
}

function viewMenu(s: MenuState): MenuItemModel {
  const themes: MenuItemModel[] = THEMES.map((t) => ({
    id: `view.theme.${t}`, label: THEME_LABELS[t], type: 'radio', checked: s.theme === t, action: { kind: 'setTheme', theme: t },
  }));
  const columns: MenuItemModel[] = LIST_COLUMN_IDS.map((c) => ({
    id: `view.column.${c}`, label: COLUMN_TITLES[c], type: 'checkbox', checked: !s.hiddenColumns.includes(c),
    // The Info column explains each packet; it cannot be hidden.
    enabled: c !== 'info', action: { kind: 'toggleColumn', column: c },
  }));
  // Wireshark lists custom columns with the others; '&' in a title would start a mnemonic, doubled it is shown.
  const custom: MenuItemModel[] = s.customColumns.map((c) => ({
    id: `view.customColumn.${c.id}`, label: c.title.replace(/&/g, '&&'), type: 'checkbox', checked: !c.hidden,
    action: { kind: 'toggleCustomColumn', id: c.id },
  }));
  // Wireshark's View ▸ Colorize Packet List, with SynAck's own conversation phases as a third choice.
  const rowColors: MenuItemModel[] = ROW_COLORS.map((c) => ({
    id: `view.rowColors.${c}`, label: ROW_COLOR_LABELS[c], type: 'radio', checked: s.rowColors === c, action: { kind: 'setRowColors', rowColors: c },
  }));
  // Wireshark's View ▸ Colorize Conversation (Ctrl+1 … 9; Ctrl+0 stays Actual Size) and View ▸ Coloring Rules.
  const colorize: MenuItemModel[] = Array.from({ length: CONVERSATION_COLOR_COUNT }, (_, k) => ({
    id: `view.colorize.${k + 1}`, label: `Color &${k + 1}`, ...(k < 9 ? { accelerator: `CmdOrCtrl+${k + 1}` } : {}),
    action: { kind: 'renderer', command: { command: 'view.colorizeConversation', slot: k } },
  }));
  const timeFormats: MenuItemModel[] = TIME_FORMAT_IDS.map((f) => ({
    id: `view.timeFormat.${f}`, ...TIME_FORMAT_ITEMS[f], type: 'radio', checked: s.timeFormat === f, action: { kind: 'setTimeFormat', timeFormat: f },
  }));
  return {
    label: '&View', type: 'submenu', submenu: [
      { id: 'view.theme', label: '&Theme', type: 'submenu', submenu: themes },
      { id: 'view.timeFormat', label: 'Time &Display Format', type: 'submenu', submenu: timeFormats },
      { id: 'view.columns', label: '&Columns', type: 'submenu', submenu: custom.length > 0 ? [...columns, SEP, ...custom] : columns },
      { id: 'view.rowColors', label: 'Packet &Row Colours', type: 'submenu', submenu: rowColors },
      { id: 'view.colorize', label: 'Colori&ze Conversation', type: 'submenu', submenu: colorize },
      { id: 'view.resetColorization', label: 'R&eset Colorization', accelerator: 'CmdOrCtrl+Space', action: { kind: 'renderer', command: { command: 'view.resetColorization' } } },
      { id: 'view.coloringRules', label: 'Colorin&g Rules…', action: { kind: 'renderer', command: { command: 'view.coloringRules' } } },
      SEP,
      { id: 'view.zoomIn', label: 'Zoom &In', accelerator: 'CmdOrCtrl+=', action: { kind: 'zoom', step: 1 } },
      { id: 'view.zoomOut', label: 'Zoom &Out', accelerator: 'CmdOrCtrl+-', action: { kind: 'zoom', step: -1 } },
      { id: 'view.zoomReset', label: '&Actual Size', accelerator: 'CmdOrCtrl+0', action: { kind: 'zoom', step: 0 } },
      SEP,
      { role: 'togglefullscreen' },
      ...(s.dev ? [{ role: 'toggleDevTools' } satisfies MenuItemModel] : []),
    ],
  };
}

function helpMenu(s: MenuState): MenuItemModel {
  return {
    label: '&Help', role: 'help', type: 'submenu', submenu: [
      { id: 'help.learn', label: '&Learn TCP (open the sample capture)', action: { kind: 'openSeed' } },
      ...(s.platform === 'darwin' ? [] : [SEP, { id: 'help.about', label: `&About ${s.appName}`, action: { kind: 'about' } } satisfies MenuItemModel]),
    ],
  };
}

/** macOS puts About/Hide/Quit under the app's own menu and has Edit and Window menus by convention. */
function macAppMenu(s: MenuState): MenuItemModel {
  return {
    label: s.appName, type: 'submenu', submenu: [
      { id: 'help.about', label: `About ${s.appName}`, action: { kind: 'about' } },
      SEP, { role: 'services' }, SEP, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, SEP, { role: 'quit' },
    ],
  };
}

/**
 * The text-editing roles, and Wireshark's Find Packet, marked packets and time references with their shortcuts (the page
 * opens its bar, walks the list, keeps the marks).
 */
function editMenu(s: MenuState): MenuItemModel {
  const page = (id: string, label: string, accelerator: string, command: MenuCommandName): MenuItemModel => (
    { id, label, accelerator, enabled: s.hasSource, action: renderer({ command } as MenuCommand) });
  return {
    label: '&Edit', type: 'submenu', submenu: [
      { role: 'undo' }, { role: 'redo' }, SEP, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }, SEP,
      { id: 'edit.find', label: '&Find Packet…', accelerator: 'CmdOrCtrl+F', enabled: s.hasSource, action: renderer({ command: 'edit.find' }) },
      { id: 'edit.findNext', label: 'Find Ne&xt', accelerator: 'CmdOrCtrl+N', enabled: s.hasSource, action: renderer({ command: 'edit.findNext' }) },
      { id: 'edit.findPrevious', label: 'Find Pre&vious', accelerator: 'CmdOrCtrl+B', enabled: s.hasSource, action: renderer({ command: 'edit.findPrevious' }) },
      SEP,
      page('edit.markPacket', '&Mark/Unmark Packet', 'CmdOrCtrl+M', 'edit.markPacket'),
      page('edit.markAllDisplayed', 'Mark All Displayed', 'CmdOrCtrl+Shift+M', 'edit.markAllDisplayed'),
      page('edit.unmarkAllDisplayed', 'Unmark All Displayed', 'CmdOrCtrl+Alt+M', 'edit.unmarkAllDisplayed'),
      page('edit.nextMark', 'Next Mark', 'CmdOrCtrl+Shift+N', 'edit.nextMark'),
      page('edit.previousMark', 'Previous Mark', 'CmdOrCtrl+Shift+B', 'edit.previousMark'),
      SEP,
      page('edit.timeReference', 'Set/Unset Time &Reference', 'CmdOrCtrl+T', 'edit.timeReference'),
      page('edit.unsetTimeReferences', 'Unset All Time References', 'CmdOrCtrl+Alt+T', 'edit.unsetTimeReferences'),
      page('edit.nextTimeReference', 'Next Time Reference', 'CmdOrCtrl+Alt+N', 'edit.nextTimeReference'),
      page('edit.previousTimeReference', 'Previous Time Reference', 'CmdOrCtrl+Alt+B', 'edit.previousTimeReference'),
      SEP,
      page('edit.packetComments', 'Packet &Comments…', 'CmdOrCtrl+Alt+C', 'edit.packetComments'),
    ],
  };
}

export function buildMenuModel(s: MenuState): MenuItemModel[] {
  const common = [fileMenu(s), editMenu(s), captureMenu(s), viewMenu(s), goMenu(s), analyzeMenu(s), statisticsMenu(s)];
  if (s.platform === 'darwin') {
    return [macAppMenu(s), ...common, { label: 'Window', role: 'window', type: 'submenu', submenu: [{ role: 'minimize' }, { role: 'zoom' }, SEP, { role: 'front' }] }, helpMenu(s)];
  }
  return [...common, helpMenu(s)];
}

/** Depth-first search by id (tests, and menu.ts to update one item). */
export function findMenuItem(items: readonly MenuItemModel[], id: string): MenuItemModel | null {
  for (const item of items) {
    if (item.id === id) return item;
    const inner = item.submenu ? findMenuItem(item.submenu, id) : null;
    if (inner) return inner;
  }
  return null;
}
