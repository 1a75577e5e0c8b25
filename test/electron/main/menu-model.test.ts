import { describe, expect, it } from 'vitest';
import { buildMenuModel, findMenuItem, type MenuItemModel, type MenuState } from '../../../electron/main/menu-model';
import { TIME_FORMATS } from '../../../renderer/format/packet-time';

const base: MenuState = {
  platform: 'linux', appName: 'SynAck', recentFiles: [], hasSource: true, capturing: false, conversationSelected: true,
  conversationShown: true, marked: false, theme: 'system', hiddenColumns: [], customColumns: [], rowColors: 'phases', timeFormat: 'relative', dev: false,
};
const item = (s: Partial<MenuState>, id: string): MenuItemModel => {
  const found = findMenuItem(buildMenuModel({ ...base, ...s }), id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
};
const labels = (items: readonly MenuItemModel[]): string[] => items.map((i) => i.label ?? i.role ?? i.type ?? '?');

function accelerators(items: readonly MenuItemModel[], out: string[] = []): string[] {
  for (const i of items) {
    if (i.accelerator) out.push(i.accelerator);
    if (i.submenu) accelerators(i.submenu, out);
  }
  return out;
}

describe('menu model', () => {
  it('has File, Edit, Capture, View, Analyze, Help on Linux and Windows', () => {
    expect(labels(buildMenuModel(base))).toEqual(['&File', '&Edit', '&Capture', '&View', '&Go', '&Analyze', '&Statistics', '&Help']);
  });

  it('adds the app menu and Window menu on macOS, with About there and Quit not under File', () => {
    const mac = buildMenuModel({ ...base, platform: 'darwin' });
    expect(labels(mac)).toEqual(['SynAck', '&File', '&Edit', '&Capture', '&View', '&Go', '&Analyze', '&Statistics', 'Window', '&Help']);
    expect(mac[0].submenu?.some((i) => i.role === 'quit')).toBe(true);
    expect(mac[1].submenu?.some((i) => i.role === 'quit')).toBe(false);
    expect(findMenuItem(mac, 'help.about')?.action).toEqual({ kind: 'about' });
  });

  it('offers Analyze ▸ Follow TCP Stream with Wireshark\'s shortcut while a conversation is shown', () => {
    expect(item({}, 'analyze.follow')).toMatchObject({
      accelerator: 'CmdOrCtrl+Alt+Shift+T', enabled: true, action: { kind: 'renderer', command: { command: 'analyze.follow' } },
    });
    expect(item({ conversationShown: false }, 'analyze.follow').enabled).toBe(false);
    expect(item({ hasSource: false }, 'analyze.follow').enabled).toBe(false);
    expect(item({}, 'analyze.expert').action).toEqual({ kind: 'renderer', command: { command: 'analyze.expert' } });
    expect(item({ hasSource: false }, 'analyze.expert').enabled).toBe(false);
  });

  it('offers Edit ▸ Find Packet, Find Next and Find Previous with Wireshark\'s shortcuts while something is open', () => {
    for (const [id, key] of [['edit.find', 'CmdOrCtrl+F'], ['edit.findNext', 'CmdOrCtrl+N'], ['edit.findPrevious', 'CmdOrCtrl+B']] as const) {
      expect(item({}, id)).toMatchObject({ accelerator: key, enabled: true, action: { kind: 'renderer', command: { command: id } } });
      expect(item({ hasSource: false }, id).enabled).toBe(false);
    }
  });

  it('offers Edit ▸ Mark/Unmark, Time Reference and Packet Comments items with Wireshark\'s shortcuts while something is open', () => {
    for (const [id, key] of [
      ['edit.markPacket', 'CmdOrCtrl+M'], ['edit.markAllDisplayed', 'CmdOrCtrl+Shift+M'], ['edit.unmarkAllDisplayed', 'CmdOrCtrl+Alt+M'],
      ['edit.nextMark', 'CmdOrCtrl+Shift+N'], ['edit.previousMark', 'CmdOrCtrl+Shift+B'], ['edit.timeReference', 'CmdOrCtrl+T'],
      ['edit.unsetTimeReferences', 'CmdOrCtrl+Alt+T'], ['edit.nextTimeReference', 'CmdOrCtrl+Alt+N'], ['edit.previousTimeReference', 'CmdOrCtrl+Alt+B'],
      ['edit.packetComments', 'CmdOrCtrl+Alt+C'],
    ] as const) {
      expect(item({}, id)).toMatchObject({ accelerator: key, enabled: true, action: { kind: 'renderer', command: { command: id } } });
      expect(item({ hasSource: false }, id).enabled).toBe(false);
    }
  });

  it('offers Go ▸ Go to Packet with Wireshark\'s shortcut while something is open', () => {
    expect(item({}, 'go.toPacket')).toMatchObject({ accelerator: 'CmdOrCtrl+G', enabled: true, action: { kind: 'renderer', command: { command: 'go.toPacket' } } });
    expect(item({ hasSource: false }, 'go.toPacket').enabled).toBe(false);
    expect(item({}, 'statistics.ioGraph')).toMatchObject({ enabled: true, action: { kind: 'renderer', command: { command: 'statistics.ioGraph' } } });
    expect(item({ hasSource: false }, 'statistics.ioGraph').enabled).toBe(false);
    expect(item({}, 'statistics.properties')).toMatchObject({ accelerator: 'CmdOrCtrl+Alt+Shift+C', action: { kind: 'renderer', command: { command: 'statistics.properties' } } });
    expect(item({}, 'statistics.endpoints')).toMatchObject({ enabled: true, action: { kind: 'renderer', command: { command: 'statistics.endpoints' } } });
    expect(item({ hasSource: false }, 'statistics.endpoints').enabled).toBe(false);
  });

  it('offers the File items of the issue with their commands', () => {
    expect(item({}, 'file.open').action).toEqual({ kind: 'openDialog' });
    expect(item({}, 'file.saveAs').action).toEqual({ kind: 'renderer', command: { command: 'file.saveAs' } });
    expect(item({}, 'file.exportConversation').action).toEqual({ kind: 'renderer', command: { command: 'file.exportConversation' } });
    expect(item({}, 'file.exportDisplayed').action).toEqual({ kind: 'renderer', command: { command: 'file.exportDisplayed' } });
    expect(item({ marked: true }, 'file.exportMarked')).toMatchObject({ enabled: true, action: { kind: 'renderer', command: { command: 'file.exportMarked' } } });
    expect(item({}, 'file.exportMarked').enabled).toBe(false);        // nothing marked
    expect(item({ marked: true, hasSource: false }, 'file.exportMarked').enabled).toBe(false);
    expect(item({}, 'file.close').action).toEqual({ kind: 'renderer', command: { command: 'file.close' } });
  });

  it('disables Save As, the exports and Close when nothing is open', () => {
    for (const id of ['file.saveAs', 'file.exportConversation', 'file.exportDisplayed', 'file.close']) {
      expect(item({ hasSource: false, conversationSelected: false }, id).enabled, id).toBe(false);
    }
  });

  it('enables Export Selected Conversation only while a conversation is selected; Save As and Export Displayed need only a source', () => {
    expect(item({ conversationSelected: true }, 'file.exportConversation').enabled).toBe(true);
    expect(item({ conversationSelected: false }, 'file.exportConversation').enabled).toBe(false);
    for (const id of ['file.saveAs', 'file.exportDisplayed']) {
      expect(item({ conversationSelected: false }, id).enabled, id).toBe(true);
      expect(item({ conversationSelected: false, capturing: true }, id).enabled, `${id} while capturing`).toBe(true);
    }
  });

  it('lists recent files newest first, each opening its path, and can clear them', () => {
    const recent = item({ recentFiles: ['/a/one.pcap', '/b/two.pcapng'] }, 'file.recent').submenu ?? [];
    expect(recent[0]).toMatchObject({ label: '&1  one.pcap — /a', action: { kind: 'openRecent', path: '/a/one.pcap' } });
    expect(recent[1].action).toEqual({ kind: 'openRecent', path: '/b/two.pcapng' });
    expect(item({ recentFiles: ['/a'] }, 'recent.clear')).toMatchObject({ enabled: true, action: { kind: 'clearRecent' } });
  });

  it('shows a disabled placeholder when there are no recent files', () => {
    const recent = item({}, 'file.recent').submenu ?? [];
    expect(recent[0]).toEqual({ label: 'No Recent Files', enabled: false });
    expect(item({}, 'recent.clear').enabled).toBe(false);
  });

  it('enables Start or Stop depending on whether a capture runs', () => {
    expect(item({ capturing: false }, 'capture.start').enabled).toBe(true);
    expect(item({ capturing: false }, 'capture.stop').enabled).toBe(false);
    expect(item({ capturing: true }, 'capture.start').enabled).toBe(false);
    expect(item({ capturing: true }, 'capture.stop').enabled).toBe(true);
    expect(item({}, 'capture.interfaces').action).toEqual({ kind: 'renderer', command: { command: 'capture.interfaces' } });
  });

  it('checks the current theme and the visible columns; Info cannot be hidden', () => {
    expect(item({ theme: 'dark' }, 'view.theme.dark').checked).toBe(true);
    expect(item({ theme: 'dark' }, 'view.theme.light').checked).toBe(false);
    expect(item({ hiddenColumns: ['seq'] }, 'view.column.seq')).toMatchObject({ checked: false, action: { kind: 'toggleColumn', column: 'seq' } });
    expect(item({}, 'view.column.ack').checked).toBe(true);
    expect(item({}, 'view.column.info').enabled).toBe(false);
  });

  it('lists the custom columns after the built-in ones, shown ones checked, a title\'s & shown as written', () => {
    const customColumns = [{ id: 3, title: 'RTT & more', hidden: false }, { id: 7, title: 'Scale', hidden: true }];
    expect(item({ customColumns }, 'view.customColumn.3')).toMatchObject({
      type: 'checkbox', label: 'RTT && more', checked: true, action: { kind: 'toggleCustomColumn', id: 3 } });
    expect(item({ customColumns }, 'view.customColumn.7')).toMatchObject({ checked: false, action: { kind: 'toggleCustomColumn', id: 7 } });
    const columns = item({ customColumns }, 'view.columns').submenu!;
    expect(columns.map((c) => c.id ?? c.type).slice(-3)).toEqual(['separator', 'view.customColumn.3', 'view.customColumn.7']);
    expect(item({}, 'view.columns').submenu!.some((c) => c.type === 'separator')).toBe(false);
  });

  it('offers the packet row colours as radio items, the stored one checked', () => {
    expect(item({}, 'view.rowColors.phases').checked).toBe(true);
    expect(item({ rowColors: 'wireshark' }, 'view.rowColors.wireshark')).toMatchObject({
      type: 'radio', checked: true, label: '&Coloring Rules', action: { kind: 'setRowColors', rowColors: 'wireshark' } });
    expect(item({ rowColors: 'wireshark' }, 'view.rowColors.none').checked).toBe(false);
  });

  it('offers Wireshark\'s Colorize Conversation (Ctrl+1 … 9; Ctrl+0 stays Actual Size), Reset Colorization and Coloring Rules', () => {
    const colors = item({}, 'view.colorize').submenu!;
    expect(colors.map((c) => c.label)).toEqual(Array.from({ length: 10 }, (_, k) => `Color &${k + 1}`));
    expect(colors.map((c) => c.accelerator)).toEqual([...Array.from({ length: 9 }, (_, k) => `CmdOrCtrl+${k + 1}`), undefined]);
    expect(colors[9].action).toEqual({ kind: 'renderer', command: { command: 'view.colorizeConversation', slot: 9 } });
    expect(item({}, 'view.zoomReset').accelerator).toBe('CmdOrCtrl+0');
    expect(item({}, 'view.resetColorization')).toMatchObject({ accelerator: 'CmdOrCtrl+Space', action: { kind: 'renderer', command: { command: 'view.resetColorization' } } });
    expect(item({}, 'view.coloringRules').action).toEqual({ kind: 'renderer', command: { command: 'view.coloringRules' } });
  });

  it('offers Wireshark\'s time display formats with its shortcuts, the stored one checked, as the page names them', () => {
    const formats = findMenuItem(buildMenuModel(base), 'view.timeFormat')!.submenu!;
    expect(formats.map((f) => f.id!.slice('view.timeFormat.'.length))).toEqual(TIME_FORMATS.map((f) => f.id));
    for (const f of TIME_FORMATS) expect(item({}, `view.timeFormat.${f.id}`).accelerator, f.id).toBe(f.key ? `CmdOrCtrl+Alt+${f.key}` : undefined);
    expect(item({}, 'view.timeFormat.relative')).toMatchObject({ type: 'radio', checked: true, label: 'Seconds Since Beginning of Capture' });
    expect(item({ timeFormat: 'datetime-utc' }, 'view.timeFormat.datetime-utc')).toMatchObject({
      checked: true, accelerator: 'CmdOrCtrl+Alt+7', action: { kind: 'setTimeFormat', timeFormat: 'datetime-utc' } });
    expect(item({ timeFormat: 'datetime-utc' }, 'view.timeFormat.relative').checked).toBe(false);
  });

  it('zooms in, out and back to 100 %', () => {
    expect(item({}, 'view.zoomIn').action).toEqual({ kind: 'zoom', step: 1 });
    expect(item({}, 'view.zoomOut').action).toEqual({ kind: 'zoom', step: -1 });
    expect(item({}, 'view.zoomReset').action).toEqual({ kind: 'zoom', step: 0 });
  });

  it('opens the seed from Help › Learn TCP and shows devtools only in development', () => {
    expect(item({}, 'help.learn').action).toEqual({ kind: 'openSeed' });
    const viewRoles = (dev: boolean): (string | undefined)[] => (buildMenuModel({ ...base, dev })[3].submenu ?? []).map((i) => i.role);
    expect(viewRoles(true)).toContain('toggleDevTools');
    expect(viewRoles(false)).not.toContain('toggleDevTools');
  });

  it('uses each accelerator once', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const acc = accelerators(buildMenuModel({ ...base, platform }));
      expect(new Set(acc).size).toBe(acc.length);
    }
  });
});
