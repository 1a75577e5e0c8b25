import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings, MAX_RECENT, parseSettings, SettingsFile, ZOOM_MAX, ZOOM_MIN } from '../../../electron/main/settings';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'synack-settings-'));

describe('parseSettings', () => {
  it('returns the defaults for anything that is not an object', () => {
    for (const raw of [null, 42, 'x', [], undefined]) expect(parseSettings(raw)).toEqual(defaultSettings());
  });

  it('keeps every valid field', () => {
    const customColumns = [{ id: 2, title: 'RTT', fields: 'tcp.analysis.ack_rtt', occurrence: 0, hidden: false }, { id: 5, title: 'Ports', fields: 'tcp.srcport || udp.srcport', occurrence: -1, hidden: true }];
    const coloringRules = [
      { name: 'Retransmissions', filter: 'tcp.analysis.retransmission', background: '#ffc0c0', foreground: '#000000' },
      { name: 'HSRP', filter: 'hsrp.state != 8', background: '#12272e', foreground: '#fffc9c', disabled: true },
    ];
    const s = { theme: 'dark', zoomLevel: 2, hiddenColumns: ['seq', 'ack'], customColumns, rowColors: 'wireshark', timeFormat: 'doy-utc', coloringRules, recentFiles: ['/a.pcap'], window: { x: 10, y: 20, width: 900, height: 700, maximized: true } };
    expect(parseSettings(s)).toEqual(s);
  });

  it('drops invalid fields one by one and keeps the rest', () => {
    const good = { id: 1, title: 'Win', fields: 'tcp.window_size', occurrence: 0, hidden: false };
    const customColumns = [good, { ...good, fields: 'http.host' }, { ...good, id: 2, title: '' }, good, 'tcp.seq', { ...good, id: 3, extra: 1 }];
    // One malformed coloring rule (a colour that is no #rrggbb) and the list falls back to Wireshark's defaults.
    const coloringRules = [{ name: 'x', filter: 'tcp', background: '#ffffff', foreground: '#000000' }, { name: 'y', filter: 'udp', background: 'blue', foreground: '#000000' }];
    const s = parseSettings({ theme: 'neon', zoomLevel: 'big', hiddenColumns: ['seq', 'bogus', 7], customColumns, rowColors: 'rainbow', timeFormat: 'sundial', coloringRules, recentFiles: ['/a', '', 'x\0y', 5, '/a'], window: { x: 1, y: 2, width: 50, height: 50 } });
    expect(s).toEqual({ theme: 'system', zoomLevel: 0, hiddenColumns: ['seq'], customColumns: [good], rowColors: 'phases', timeFormat: 'relative', coloringRules: null, recentFiles: ['/a'], window: null });
  });

  it('clamps zoom and bounds the recent list', () => {
    expect(parseSettings({ zoomLevel: 99 }).zoomLevel).toBe(ZOOM_MAX);
    expect(parseSettings({ zoomLevel: -99 }).zoomLevel).toBe(ZOOM_MIN);
    const many = Array.from({ length: 30 }, (_, i) => `/f${i}.pcap`);
    expect(parseSettings({ recentFiles: many }).recentFiles).toEqual(many.slice(0, MAX_RECENT));
  });
});

describe('SettingsFile', () => {
  it('loads defaults when the file is missing or not JSON', () => {
    const dir = tmp();
    const f = new SettingsFile(dir);
    expect(f.load()).toEqual(defaultSettings());
    writeFileSync(f.path, '{ not json');
    expect(f.load()).toEqual(defaultSettings());
  });

  it('round-trips through the file, owner-only, leaving no temp file behind', () => {
    const dir = tmp();
    const f = new SettingsFile(join(dir, 'nested'));
    const saved = f.update((s) => ({ ...s, theme: 'light', recentFiles: ['/x.pcapng'] }));
    expect(new SettingsFile(join(dir, 'nested')).load()).toEqual(saved);
    expect(JSON.parse(readFileSync(f.path, 'utf8')).theme).toBe('light');
    expect(readdirSync(join(dir, 'nested'))).toEqual(['settings.json']);
    if (process.platform !== 'win32') expect(statSync(f.path).mode & 0o077).toBe(0);
  });

  it('validates what update() stores', () => {
    const f = new SettingsFile(tmp());
    const s = f.update((x) => ({ ...x, zoomLevel: 1000 }));
    expect(s.zoomLevel).toBe(ZOOM_MAX);
    expect(f.load().zoomLevel).toBe(ZOOM_MAX);
  });
});
