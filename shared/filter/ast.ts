/**
 * Syntax tree of a display filter. Every node keeps the span of text it came from, so compile-time
 * problems (a value that does not fit the field, a flag compared with a number) point at a column.
 */
import type { CompareOp } from './lexer';

export interface Span { start: number; end: number }

/** A value as written: a bare word (number, address, name …) or a quoted string. */
/** A value; a quoted one also as its bytes, one character per byte (lexer.ts Token.bytes). */
export interface Literal extends Span { kind: 'literal'; text: string; quoted: boolean; bytes?: string }

/** One member of a set: a value or an inclusive range `lo..hi`. */
export type SetMember = { lo: Literal; hi: Literal | null };

export type FilterNode =
  | ({ kind: 'and' | 'or'; left: FilterNode; right: FilterNode } & Span)
  | ({ kind: 'not'; operand: FilterNode } & Span)
  /** A field alone: true when the packet has it (`tcp`, `tcp.analysis.flags`). */
  | ({ kind: 'exists'; field: string; fieldSpan: Span } & Span)
  | ({ kind: 'compare'; field: string; fieldSpan: Span; op: CompareOp; value: Literal; mask: Literal | null } & Span)
  /** Two fields compared (`frame.cap_len < frame.len`). */
  | ({ kind: 'compareFields'; field: string; fieldSpan: Span; op: CompareOp; other: string; otherSpan: Span } & Span)
  | ({ kind: 'in'; field: string; fieldSpan: Span; members: SetMember[] } & Span)
  | ({ kind: 'contains' | 'matches'; field: string; fieldSpan: Span; value: Literal } & Span);

/** A problem in the filter text: what is wrong, where (offsets into the text), and a fix when we know one. */
export interface FilterError {
  message: string;
  start: number;
  end: number;
  /** What would have been accepted at `start` (for the bar's hint). */
  expected: string[];
  /** A corrected field name for a misspelt one. */
  suggestion: string | null;
}

export function filterError(message: string, span: Span, expected: string[] = [], suggestion: string | null = null): FilterError {
  return { message, start: span.start, end: span.end, expected, suggestion };
}
