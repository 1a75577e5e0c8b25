/**
 * Suggestions for the filter bar at the cursor: field names while a field is being typed, operators after a
 * complete field, named values (synack.phase, synack.state, booleans) after an operator or inside `in {…}`.
 * Works on any prefix of a filter, valid or not, and never throws.
 */
import { FIELDS, type FieldDef } from './fields';
import { tokenize, type Token } from './lexer';

export type CompletionKind = 'field' | 'operator' | 'value';

export interface Completion {
  /** What the list shows and what replaces text[from, to). */
  label: string;
  kind: CompletionKind;
  /** One line: the field's description, the value's meaning, the operator's reading. */
  detail: string;
}

export interface CompletionResult {
  /** The span the chosen completion replaces (the partial word at the cursor). */
  from: number;
  to: number;
  items: Completion[];
}

/** Enough for every field (an empty filter lists them all; the list scrolls). */
const MAX_ITEMS = 120;
const isWordChar = (c: string): boolean => /[A-Za-z0-9_.:\-/]/.test(c);

const OPERATORS: readonly Completion[] = [
  { label: '==', kind: 'operator', detail: 'equals (either value, for ip.addr / tcp.port)' },
  { label: '!=', kind: 'operator', detail: 'differs (neither value, for ip.addr / tcp.port)' },
  { label: '>', kind: 'operator', detail: 'greater than' },
  { label: '<', kind: 'operator', detail: 'less than' },
  { label: '>=', kind: 'operator', detail: 'greater than or equal' },
  { label: '<=', kind: 'operator', detail: 'less than or equal' },
  { label: 'in', kind: 'operator', detail: 'one of a set: in {80, 443, 8000..8080}' },
];
const BYTES_OPERATORS: readonly Completion[] = [
  { label: 'contains', kind: 'operator', detail: 'the bytes contain a string or hex bytes' },
  { label: 'matches', kind: 'operator', detail: 'the bytes match a regular expression (case-insensitive)' },
];
const CONNECTIVES: readonly Completion[] = [
  { label: '&&', kind: 'operator', detail: 'and' },
  { label: '||', kind: 'operator', detail: 'or' },
];

/** Suggestions for the word at `cursor` (default: end of text). */
export function complete(text: string, cursor = text.length): CompletionResult {
  let from = cursor;
  while (from > 0 && isWordChar(text[from - 1])) from--;
  const prefix = text.slice(from, cursor);
  const before = tokenize(text.slice(0, from)).filter((t) => t.kind !== 'end');
  if (before.some((t) => t.kind === 'error') || insideString(text.slice(0, from))) return { from, to: cursor, items: [] };
  const last = before[before.length - 1];
  const result = (items: Completion[]): CompletionResult => ({ from, to: cursor, items: items.slice(0, MAX_ITEMS) });

  const valueField = fieldTakingValue(before);
  if (valueField) return result(valueCompletions(valueField, prefix));
  if (last?.kind === 'word' && FIELDS.has(last.text)) {
    const def = FIELDS.get(last.text)!;
    const ops = def.type === 'flag' ? [] : def.type === 'protocol' || def.type === 'bytes' ? BYTES_OPERATORS : OPERATORS;
    return result([...ops, ...CONNECTIVES].filter((c) => c.label.startsWith(prefix)));
  }
  return result(fieldCompletions(prefix));
}

function insideString(text: string): boolean {
  const last = tokenize(text).at(-2);
  return last?.kind === 'error' && last.text.startsWith('string');
}

/** The field whose value is being typed: `FIELD op |`, `FIELD in { … , |`. */
function fieldTakingValue(tokens: Token[]): FieldDef | undefined {
  const last = tokens[tokens.length - 1];
  if (!last) return undefined;
  if (last.kind === 'op') return fieldAt(tokens, tokens.length - 2);
  if (last.kind === '{' || last.kind === ',' || last.kind === '..') {
    for (let i = tokens.length - 1; i >= 1; i--) {
      if (tokens[i].kind === '}') return undefined;
      if (tokens[i].kind === 'in') return fieldAt(tokens, i - 1);
    }
  }
  return undefined;
}

function fieldAt(tokens: Token[], i: number): FieldDef | undefined {
  const t = tokens[i];
  return t?.kind === 'word' ? FIELDS.get(t.text) : undefined;
}

function valueCompletions(def: FieldDef, prefix: string): Completion[] {
  const lower = prefix.toLowerCase();
  if (def.values) {
    return def.values
      .filter((v) => v.name.toLowerCase().startsWith(lower))
      .map((v) => ({ label: v.name, kind: 'value' as const, detail: v.description }));
  }
  if (def.type === 'bool') {
    return [{ label: '1', kind: 'value' as const, detail: 'set' }, { label: '0', kind: 'value' as const, detail: 'not set' }]
      .filter((v) => v.label.startsWith(prefix));
  }
  return [];
}

/** Fields whose name starts with the prefix first, then those containing it. */
function fieldCompletions(prefix: string): Completion[] {
  const lower = prefix.toLowerCase();
  const starts: Completion[] = [];
  const contains: Completion[] = [];
  for (const def of FIELDS.values()) {
    const item = { label: def.name, kind: 'field' as const, detail: def.description };
    if (def.name.startsWith(lower)) starts.push(item);
    else if (lower.length > 1 && def.name.includes(lower)) contains.push(item);
  }
  return [...starts, ...contains];
}
