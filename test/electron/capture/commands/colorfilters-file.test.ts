import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadColoringRules, needsRowView, personalColorFiltersPath } from '../../../../electron/capture/commands/colorfilters-file';
import { DEFAULT_COLORING_RULES } from '../../../../shared/coloring/default-coloring-rules';

const home = (): string => mkdtempSync(join(tmpdir(), 'synack-home-'));

describe('the colorfilters file read --color applies (where tshark finds it)', () => {
  it('takes WIRESHARK_CONFIG_DIR first, then XDG_CONFIG_HOME or ~/.config, the legacy ~/.wireshark only when alone', () => {
    const h = home();
    expect(personalColorFiltersPath({ WIRESHARK_CONFIG_DIR: '/conf' }, h, 'linux')).toBe('/conf/colorfilters');
    expect(personalColorFiltersPath({ XDG_CONFIG_HOME: '/xdg' }, h, 'linux')).toBe('/xdg/wireshark/colorfilters');
    expect(personalColorFiltersPath({}, h, 'linux')).toBe(join(h, '.config', 'wireshark', 'colorfilters'));
    mkdirSync(join(h, '.wireshark'));
    expect(personalColorFiltersPath({}, h, 'linux')).toBe(join(h, '.wireshark', 'colorfilters'));
    mkdirSync(join(h, '.config', 'wireshark'), { recursive: true });
    expect(personalColorFiltersPath({}, h, 'linux')).toBe(join(h, '.config', 'wireshark', 'colorfilters'));
    expect(personalColorFiltersPath({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, h, 'win32')).toMatch(/Roaming.Wireshark.colorfilters$/);
  });

  it('uses Wireshark\'s defaults without a personal file, and the personal file\'s rules (display filters) when there is one', () => {
    const h = home();
    const none = loadColoringRules({}, h);
    expect(none.path).toBeNull();
    expect(none.rules).toBe(DEFAULT_COLORING_RULES);
    expect(needsRowView(none.rules)).toBe(false);
    const dir = join(h, 'conf');
    mkdirSync(dir);
    writeFileSync(join(dir, 'colorfilters'), '@Retrans@tcp.analysis.retransmission@[65535,0,0][0,0,0]\n!@Off@tcp@[0,0,0][0,0,0]\n');
    const mine = loadColoringRules({ WIRESHARK_CONFIG_DIR: dir }, h);
    expect(mine.path).toBe(join(dir, 'colorfilters'));
    expect(mine.rules.rules.map((r) => r.name)).toEqual(['Retrans', 'Off']);
    expect(needsRowView(mine.rules)).toBe(true);
  });
});
