/**
 * Where SynAck's filter results may differ from `tshark -2 -Y` on the corpus, and why. Each class allows up
 * to `rows` differing frames for expressions that use `field` on `file`. The TCP tracker's own classes
 * (test/fixtures/tcp-known-differences.json) apply too. Both lists are empty now: every difference found on
 * the corpus was a cause and has been fixed; a new one must be fixed or listed here with its reason.
 *
 * Not listed because the test handles it generally: tshark 4.0 numbers pcapng Custom Blocks as frames
 * (capture-record.ts), so frames tshark lists that the reader never delivered are left out of the compare.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../../support/paths';

export interface KnownClass { file: string; field: string; rows: number; reason: string }

/** None left: add a class here only with its cause, and remove it when the cause is fixed. */
export const FILTER_KNOWN: readonly KnownClass[] = [];

/** Our classes plus the TCP tracker's. */
export function knownClasses(): KnownClass[] {
  const tcp = JSON.parse(readFileSync(join(FIXTURES_DIR, 'tcp-known-differences.json'), 'utf8')) as { classes: KnownClass[] };
  return [...FILTER_KNOWN, ...tcp.classes];
}

/** How many differing frames an expression may have on a file: the sum over the fields it uses. */
export function allowance(classes: readonly KnownClass[], file: string, fields: readonly string[]): number {
  return classes.filter((c) => c.file === file && fields.includes(c.field)).reduce((sum, c) => sum + c.rows, 0);
}
