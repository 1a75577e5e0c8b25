/**
 * The corpus differences with a known reason, shared by every differential test against tshark:
 * test/fixtures/wire-known-differences.json (decoder fields, by file, field and frames) and
 * test/fixtures/tcp-known-differences.json (tracker fields, by file, field and most rows).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from './paths';

/** A decoder difference: `field` of these frames of `file` (every frame when `frames` is absent). */
export interface WireKnownDifference { file: string; field: string; frames?: number[]; reason: string }
/** A tracker difference class: at most `rows` rows of `file` differ in `field`. */
export interface TcpKnownClass { file: string; field: string; rows: number; reason: string }

const load = <T>(name: string, key: string): T[] => JSON.parse(readFileSync(join(FIXTURES_DIR, name), 'utf8'))[key];

export const WIRE_KNOWN: WireKnownDifference[] = load('wire-known-differences.json', 'differences');
export const TCP_KNOWN: TcpKnownClass[] = load('tcp-known-differences.json', 'classes');

/** Whether frame `frame` of `file` may differ from tshark in `field` by the wire list. */
export const isKnownWireDifference = (file: string, field: string, frame: number): boolean =>
  WIRE_KNOWN.some((k) => k.file === file && k.field === field && (!k.frames || k.frames.includes(frame)));

/** The tracker class allowing `field` differences in `file`, if any. */
export const tcpKnownClass = (file: string, field: string): TcpKnownClass | undefined =>
  TCP_KNOWN.find((c) => c.file === file && c.field === field);
