#!/usr/bin/env node
/**
 * Writes shared/wire/wireshark-ouis.ts from Wireshark's manuf file (default /usr/share/wireshark/manuf, from Debian's
 * libwireshark-data, which tshark installs): the 24-bit OUIs it names, which packet-pw-eth.c's heuristic asks about
 * (tvb_get_manuf_name_if_known). Sorted, delta-coded as LEB128 varints, base64. test/shared/wire/wireshark-ouis.test.ts
 * checks the table against the file.
 *   node scripts/make-wireshark-ouis.mjs [MANUF]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const manuf = process.argv[2] ?? '/usr/share/wireshark/manuf';
const ouis = [...new Set(readFileSync(manuf, 'utf8').split('\n')
  .map((line) => /^([0-9A-Fa-f]{2}):([0-9A-Fa-f]{2}):([0-9A-Fa-f]{2})\s/.exec(line))
  .filter((m) => m !== null)
  .map((m) => parseInt(m[1] + m[2] + m[3], 16)))].sort((a, b) => a - b);
const bytes = [];
let last = 0;
for (const oui of ouis) {
  for (let d = oui - last; ; d >>>= 7) {
    if (d < 0x80) { bytes.push(d); break; }
    bytes.push((d & 0x7f) | 0x80);
  }
  last = oui;
}
const b64 = Buffer.from(bytes).toString('base64');
const lines = b64.match(/.{1,116}/g) ?? [];
const out = `/**
 * The 24-bit OUIs Wireshark's manuf file names (${ouis.length}, from Debian's libwireshark-data for tshark 4.0), written by
 * scripts/make-wireshark-ouis.mjs: sorted, delta-coded as LEB128 varints, base64. packet-pw-eth.c asks whether two
 * addresses' OUIs are known to tell an MPLS Ethernet pseudowire's control word from a destination address.
 */
export const WIRESHARK_OUI_COUNT = ${ouis.length};
export const WIRESHARK_OUIS_BASE64 =
${lines.map((l) => `  '${l}'`).join(' +\n')};
`;
const root = join(fileURLToPath(import.meta.url), '..', '..');
writeFileSync(join(root, 'shared', 'wire', 'wireshark-ouis.ts'), out);
console.log(`${ouis.length} OUIs, ${bytes.length} bytes`);
