/**
 * The OUI table is Wireshark's own: every 24-bit OUI the manuf file of the installed tshark names (its global
 * configuration folder, `tshark -G folders`), and nothing else; isKnownOui answers from it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKnownOui, wiresharkOuis } from '../../../shared/wire/manuf-oui';
import { requireTool } from '../../support/require-tool';

/** The 24-bit OUIs named in tshark's manuf file, sorted. */
function tsharkManufOuis(): number[] {
  const folders = execFileSync('tshark', ['-G', 'folders'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const global = /^Global configuration:\s*(.+)$/m.exec(folders)?.[1].trim();
  expect(global, 'tshark -G folders names its global configuration folder').toBeTruthy();
  const ouis = readFileSync(join(global!, 'manuf'), 'utf8').split('\n')
    .map((line) => /^([0-9A-Fa-f]{2}):([0-9A-Fa-f]{2}):([0-9A-Fa-f]{2})\s/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => parseInt(m[1] + m[2] + m[3], 16));
  return [...new Set(ouis)].sort((a, b) => a - b);
}

const address = (...bytes: number[]): DataView => new DataView(Uint8Array.from(bytes).buffer);

describe('Wireshark\'s OUI table', () => {
  it.skipIf(!requireTool('tshark'))('is every 24-bit OUI of the installed tshark\'s manuf file', () => {
    const ouis = tsharkManufOuis();
    expect(ouis.length).toBeGreaterThan(30_000);
    expect([...wiresharkOuis()]).toEqual(ouis);
  });

  it('knows Xerox\'s 00:00:00 and Cisco\'s 00:00:0C, not a locally administered or an unassigned prefix', () => {
    expect(isKnownOui(address(0, 0, 0), 0)).toBe(true);
    expect(isKnownOui(address(0, 0, 0x0c), 0)).toBe(true);
    expect(isKnownOui(address(2, 0, 0), 0)).toBe(false);
    expect(isKnownOui(address(0xff, 0xff, 0xff), 0)).toBe(false);
  });
});
