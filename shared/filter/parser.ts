/**
 * Display-filter parser: tokens → syntax tree, or the first problem with its position, what would have
 * been accepted there, and a "did you mean" for a misspelt field. Precedence as in Wireshark 4.0's
 * grammar: `not` binds tightest, then `and`, then `or`; parentheses group.
 *
 *   expr    := and ( ('||' | 'or') and )*
 *   and     := unary ( ('&&' | 'and') unary )*
 *   unary   := ('!' | 'not') unary | '(' expr ')' | test
 *   test    := FIELD [ '&' VALUE ] [ OP VALUE ] | FIELD 'in' '{' member (',' member)* '}'
 *            | FIELD ('contains' | 'matches') VALUE
 *   member  := VALUE [ '..' VALUE ]
 */
import { filterError, type FilterError, type FilterNode, type Literal, type SetMember, type Span } from './ast';
import { closestName } from './edit-distance';
import { FIELDS } from './fields';
import { tokenize, type CompareOp, type Token } from './lexer';

export type ParseResult = { ok: true; ast: FilterNode } | { ok: false; error: FilterError };

const COMPARISONS = ['==', '!=', '>', '<', '>=', '<=', 'eq', 'ne', 'gt', 'lt', 'ge', 'le', '~=', '==='];
const AFTER_FIELD = [...COMPARISONS, 'in', 'contains', 'matches', '&', '&&', '||', ')'];
const START_OF_TEST = ['a field name', '!', 'not', '('];

/** Thrown inside the parser only; `parseFilter` turns it into a value. */
class ParseFailure {
  constructor(readonly error: FilterError) {}
}

const describe = (t: Token): string =>
  t.kind === 'end' ? 'the end of the filter' : t.kind === 'string' ? `"${t.text}"` : `"${t.text}"`;

/** Column (1-based) in the messages, so a reader can find the place without the caret. */
const at = (t: Span): string => `column ${t.start + 1}`;

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private get tok(): Token { return this.tokens[this.pos]; }
  private next(): Token { return this.tokens[this.pos++]; }

  private fail(message: string, span: Span, expected: string[], suggestion: string | null = null): never {
    throw new ParseFailure(filterError(message, span, expected, suggestion));
  }

  parse(): FilterNode {
    if (this.tok.kind === 'end') this.fail('column 1: the filter is empty', this.tok, START_OF_TEST);
    const node = this.orExpr();
    const t: Token = this.tok;
    if (t.kind === 'error') this.fail(`${at(t)}: ${t.text}`, t, ['&&', '||']);
    if (t.kind !== 'end') {
      const expected = t.kind === ')' ? ['&&', '||', 'end of filter'] : ['&&', '||', 'and', 'or'];
      const why = t.kind === ')' ? 'has no matching "("' : 'was unexpected here: join tests with && or ||';
      this.fail(`${at(t)}: ${describe(t)} ${why}`, t, expected);
    }
    return node;
  }

  private orExpr(): FilterNode {
    let left = this.andExpr();
    while (this.tok.kind === 'or') {
      this.next();
      const right = this.andExpr();
      left = { kind: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private andExpr(): FilterNode {
    let left = this.unary();
    while (this.tok.kind === 'and') {
      this.next();
      const right = this.unary();
      left = { kind: 'and', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(): FilterNode {
    const t = this.tok;
    if (t.kind === 'not') {
      this.next();
      const operand = this.unary();
      return { kind: 'not', operand, start: t.start, end: operand.end };
    }
    if (t.kind === '(') {
      this.next();
      const inner = this.orExpr();
      const close = this.tok;
      if (close.kind !== ')') {
        this.fail(`${at(close)}: expected ")" to close the "(" at column ${t.start + 1}, found ${describe(close)}`, close, [')', '&&', '||']);
      }
      this.next();
      return { ...inner, start: t.start, end: close.end };
    }
    return this.test();
  }

  private fieldName(): Token {
    const t = this.next();
    if (t.kind === 'error') this.fail(`${at(t)}: ${t.text}`, t, START_OF_TEST);
    if (t.kind === 'end') this.fail(`${at(t)}: the filter ends here: expected a field name, "!" or "("`, t, START_OF_TEST);
    if (t.kind !== 'word') this.fail(`${at(t)}: expected a field name, "!" or "(", found ${describe(t)}`, t, START_OF_TEST);
    if (!FIELDS.has(t.text)) {
      const guess = /^[0-9]/.test(t.text) ? null : closestName(t.text, FIELDS.keys());
      const hint = guess ? ` Did you mean "${guess}"?` : '';
      const what = /^[0-9]/.test(t.text) ? `expected a field name on the left, found the value "${t.text}".` : `"${t.text}" is not a field SynAck knows.`;
      this.fail(`${at(t)}: ${what}${hint}`, t, ['a field name'], guess);
    }
    return t;
  }

  private test(): FilterNode {
    const f = this.fieldName();
    const base = { field: f.text, fieldSpan: { start: f.start, end: f.end } };
    let mask: Literal | null = null;
    if (this.tok.kind === '&') {
      this.next();
      mask = this.value('"&"');
    }
    const t = this.tok;
    if (t.kind === 'op') {
      this.next();
      const value = this.value(`"${t.text}"`);
      // An unquoted field name on the right compares two fields (tshark resolves a bare word to a field first).
      if (!value.quoted && mask === null && FIELDS.has(value.text)) {
        return { kind: 'compareFields', ...base, op: t.text as CompareOp, other: value.text, otherSpan: { start: value.start, end: value.end }, start: f.start, end: value.end };
      }
      return { kind: 'compare', ...base, op: t.text as CompareOp, value, mask, start: f.start, end: value.end };
    }
    if (mask) return { kind: 'compare', ...base, op: '!=', value: { kind: 'literal', text: '0', quoted: false, start: mask.end, end: mask.end }, mask, start: f.start, end: mask.end };
    if (t.kind === 'in') { this.next(); return this.set(base, f.start); }
    if (t.kind === 'contains' || t.kind === 'matches') {
      this.next();
      const value = this.value(`"${t.text}"`);
      return { kind: t.kind, ...base, value, start: f.start, end: value.end };
    }
    if (t.kind === 'end' || t.kind === 'and' || t.kind === 'or' || t.kind === ')') {
      return { kind: 'exists', ...base, start: f.start, end: f.end };
    }
    if (t.kind === 'error') this.fail(`${at(t)}: ${t.text}`, t, AFTER_FIELD);
    return this.fail(`${at(t)}: expected an operator (==, !=, >, <, >=, <=, in, contains, matches) or && / || after "${f.text}", found ${describe(t)}`, t, AFTER_FIELD);
  }

  private value(after: string): Literal {
    const t = this.next();
    if (t.kind === 'string') return { kind: 'literal', text: t.text, quoted: true, bytes: t.bytes, start: t.start, end: t.end };
    if (t.kind === 'word') return { kind: 'literal', text: t.text, quoted: false, start: t.start, end: t.end };
    if (t.kind === 'error') this.fail(`${at(t)}: ${t.text}`, t, ['a value']);
    const where = t.kind === 'end' ? 'the filter ends here' : `found ${describe(t)}`;
    return this.fail(`${at(t)}: expected a value after ${after}, ${where}`, t, ['a value']);
  }

  /** `{80, 443, 8000..8080}`: tshark 4.0 requires the commas. */
  private set(base: { field: string; fieldSpan: Span }, start: number): FilterNode {
    const open = this.next();
    if (open.kind !== '{') this.fail(`${at(open)}: expected "{" after "in", found ${describe(open)}`, open, ['{']);
    const members: SetMember[] = [];
    for (;;) {
      const lo = this.value(members.length === 0 ? '"{"' : '","');
      let hi: Literal | null = null;
      if (this.tok.kind === '..') { this.next(); hi = this.value('".."'); }
      members.push({ lo, hi });
      const t = this.next();
      if (t.kind === '}') return { kind: 'in', ...base, members, start, end: t.end };
      if (t.kind !== ',') this.fail(`${at(t)}: expected "," or "}" in the set, found ${describe(t)}`, t, [',', '}', '..']);
    }
  }
}

/** Parses filter text. Never throws. */
export function parseFilter(text: string): ParseResult {
  const tokens = tokenize(text);
  try {
    return { ok: true, ast: new Parser(tokens).parse() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    throw e;
  }
}
