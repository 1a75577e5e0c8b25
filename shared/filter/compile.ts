/**
 * Syntax tree → a runnable filter over packet columns. Checks what the parser cannot (a value that does
 * not fit its field, a flag compared with a number, `contains` on a number) and reports it with the
 * literal's position. Semantics follow tshark 4.0: an absent field fails every comparison; on a field with
 * two values (ip.addr, tcp.port, synack.state) `==` means "either value", and `!=` means "neither value"
 * (all_ne, the same as `!(a == b)`, since Wireshark 3.6) — `~=` / `!==` / any_ne is "some value differs".
 *
 * Use `compileFilter(text)`, then `select()` a range of rows (the fast path: whole chunks at a time).
 */
import { filterError, type FilterError, type FilterNode, type Literal, type SetMember } from './ast';
import {
  AndNode, BytesNode, CHUNK, FlowTestNode, NotNode, OrNode, RowExistsNode, RowTestNode, passes,
  type Combine, type EvalNode, type ValueTest,
} from './eval-nodes';
import { FieldCompareNode } from './field-compare';
import { toBytes, toInterval, toIpv6, type Converted, type Interval, type Ipv6Value } from './field-values';
import { hasTcpPayload, lookupField, type FieldDef } from './fields';
import type { BytesField, FilterColumns, FilterContext } from './filter-context';
import { byteRegex, byteSubject } from './byte-regex';
import { utf8ByteString, type CompareOp } from './lexer';
import { parseFilter } from './parser';

/** One `contains`/`matches` of a filter: which bytes it looks in, and the test on them. */
export interface ByteTest { readonly field: BytesField; readonly test: (bytes: Uint8Array) => boolean }

/** A compiled display filter. Keeps scratch buffers: one instance evaluates one range at a time. */
export class CompiledFilter {
  private readonly mask = new Uint8Array(CHUNK);
  constructor(
    readonly text: string, private readonly root: EvalNode,
    /**
     * Its contains/matches tests, in the order they appear in the text: the context gives each row's bytes (`bytes`),
     * or each test's results by frame where the bytes are elsewhere (`byteMatch`); with neither, none matches.
     */
    readonly byteTests: readonly ByteTest[],
    /** Every field the filter names (what a store must have at hand for it: fields.ts expandedColumnsOf). */
    readonly fields: readonly FieldDef[] = [],
  ) {}

  /** Uses contains/matches (see byteTests). */
  get needsBytes(): boolean { return this.byteTests.length > 0; }

  /**
   * Writes the indices of matching rows in [from, to) to out[outAt …] in order and returns how many.
   * `out` needs room for `to - from` entries after `outAt` (every row is written, then kept or overwritten).
   */
  select(cols: FilterColumns, ctx: FilterContext, from: number, to: number, out: Uint32Array, outAt = 0): number {
    const mask = this.mask;
    let k = outAt;
    for (let start = from; start < to; start += CHUNK) {
      const n = Math.min(CHUNK, to - start);
      this.root.run(cols, ctx, start, n, mask);
      for (let j = 0; j < n; j++) { out[k] = start + j; k += mask[j]; } // branch-free compaction
    }
    return k - outAt;
  }

  /** Counts matching rows in [from, to). */
  count(cols: FilterColumns, ctx: FilterContext, from: number, to: number): number {
    const mask = this.mask;
    let total = 0;
    for (let start = from; start < to; start += CHUNK) {
      const n = Math.min(CHUNK, to - start);
      this.root.run(cols, ctx, start, n, mask);
      for (let j = 0; j < n; j++) total += mask[j];
    }
    return total;
  }

  /** One row (convenient, but use `select` for ranges: it is many times faster). */
  test(cols: FilterColumns, ctx: FilterContext, row: number): boolean {
    this.root.run(cols, ctx, row, 1, this.mask);
    return this.mask[0] === 1;
  }
}

export type CompileResult = { ok: true; filter: CompiledFilter } | { ok: false; error: FilterError };

/** Parses and compiles filter text. Never throws; an error names its position. */
export function compileFilter(text: string): CompileResult {
  const parsed = parseFilter(text);
  if (!parsed.ok) return parsed;
  const state: BuildState = { byteTests: [], fields: new Set() };
  const built = build(parsed.ast, state);
  return built.ok ? { ok: true, filter: new CompiledFilter(text, built.value, state.byteTests, [...state.fields]) } : built;
}

type Built = Converted<EvalNode>;
const done = (value: EvalNode): Built => ({ ok: true, value });
const fail = (message: string, span: { start: number; end: number }): Built =>
  ({ ok: false, error: filterError(`column ${span.start + 1}: ${message}`, span) });

/** What building collects besides the tree: the contains/matches tests, numbered as met, and the fields named. */
interface BuildState { byteTests: ByteTest[]; fields: Set<FieldDef> }

/** Field `name` (the parser checked it exists), noted as one the filter reads. */
function named(name: string, state: BuildState): FieldDef {
  const def = lookupField(name)!;
  state.fields.add(def);
  return def;
}

function build(node: FilterNode, state: BuildState): Built {
  switch (node.kind) {
    case 'and': case 'or': {
      const l = build(node.left, state);
      if (!l.ok) return l;
      const r = build(node.right, state);
      if (!r.ok) return r;
      return done(node.kind === 'and' ? new AndNode(l.value, r.value) : new OrNode(l.value, r.value));
    }
    case 'not': {
      const inner = build(node.operand, state);
      return inner.ok ? done(new NotNode(inner.value)) : inner;
    }
    case 'exists': {
      const def = named(node.field, state);
      return done(def.source.kind === 'row' ? new RowExistsNode(def.source.extract) : new FlowTestNode(def.source, () => true, 'any'));
    }
    case 'compare': return compare(named(node.field, state), node.op, node.value, node.mask, node.fieldSpan);
    case 'compareFields': return compareFields(named(node.field, state), node.op, named(node.other, state), node);
    case 'in': return membership(named(node.field, state), node.members, node.fieldSpan);
    case 'contains': case 'matches':
      return bytesTest(named(node.field, state), node.kind, node.value, node.fieldSpan, state.byteTests);
  }
}

const COMBINE: Record<CompareOp, Combine> = { '==': 'any', '!=': 'none', '~=': 'anyNot', '===': 'all', '>': 'any', '<': 'any', '>=': 'any', '<=': 'any' };

function valueTest(op: CompareOp, v: Interval): ValueTest {
  switch (op) {
    case '>': return { kind: 'gt', k: v.hi };
    case '>=': return { kind: 'ge', k: v.lo };
    case '<': return { kind: 'lt', k: v.lo };
    case '<=': return { kind: 'le', k: v.hi };
    default: return { kind: 'between', lo: v.lo, hi: v.hi };
  }
}

function notComparable(def: FieldDef, span: { start: number; end: number }): Built | null {
  if (def.type === 'flag') return fail(`${def.name} is a flag with no value: test it alone ("${def.name}") or negate it ("!${def.name}")`, span);
  if (def.type === 'protocol') return fail(`${def.name} is a protocol: test it alone ("${def.name}") or search its bytes with contains/matches`, span);
  if (def.type === 'bytes') return fail(`${def.name} is bytes: search it with contains or matches`, span);
  return null;
}

function compare(def: FieldDef, op: CompareOp, lit: Literal, maskLit: Literal | null, span: { start: number; end: number }): Built {
  const refused = notComparable(def, span);
  if (refused) return refused;
  let mask: number | null = null;
  if (maskLit) {
    if (def.type !== 'uint' || def.source.kind !== 'row') return fail(`"&" works on number fields such as tcp.flags, not on ${def.name}`, maskLit);
    const m = toInterval(def, maskLit);
    if (!m.ok) return m;
    mask = m.value.lo;
  }
  if (def.type === 'ipv6') {
    const v = toIpv6(lit);
    if (!v.ok) return v;
    return flowNode(def, ipv6Test(op, v.value), COMBINE[op]);
  }
  const v = toInterval(def, lit);
  if (!v.ok) return v;
  const test = valueTest(op, v.value);
  if (def.source.kind === 'flow') return flowNode(def, (x) => passes(x as number, test), COMBINE[op]);
  return done(new RowTestNode(def.source.extract, def.source.arity, mask, test, COMBINE[op]));
}

/** Two fields of one type compared (field-compare.ts); tshark's words when the types differ. */
function compareFields(left: FieldDef, op: CompareOp, right: FieldDef, span: { start: number; end: number }): Built {
  if (left.type !== right.type) return fail(`${left.name} and ${right.name} are not of compatible types`, span);
  const refused = notComparable(left, span) ?? notComparable(right, span);
  if (refused) return refused;
  if (left.type === 'ipv6') return fail(`comparing two IPv6 address fields (${left.name}, ${right.name}) is not supported; compare each with an address`, span);
  return done(new FieldCompareNode(left, op, right));
}

function flowNode(def: FieldDef, valuePasses: (v: number | Uint8Array) => boolean, combine: Combine): Built {
  if (def.source.kind !== 'flow') throw new Error(`${def.name} is not a flow field`);
  const endpoint = def.source.endpoint;
  return done(new FlowTestNode(def.source, (f, end) => valuePasses(endpoint(f, end)), combine));
}

/** Compares the first `prefix` bits (==) or the bytes in order (ordering operators). */
function ipv6Test(op: CompareOp, v: Ipv6Value): (x: number | Uint8Array) => boolean {
  return (x) => {
    const b = x as Uint8Array;
    if (op === '==' || op === '!=' || op === '~=' || op === '===') return prefixEqual(b, v.bytes, v.prefix);
    let c = 0;
    for (let i = 0; i < 16 && c === 0; i++) c = b[i] - v.bytes[i];
    return op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '<' ? c < 0 : c <= 0;
  };
}

function prefixEqual(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  const whole = bits >> 3;
  for (let i = 0; i < whole; i++) if (a[i] !== b[i]) return false;
  const rest = bits & 7;
  if (rest === 0) return true;
  const m = (0xff << (8 - rest)) & 0xff;
  return (a[whole] & m) === (b[whole] & m);
}

function membership(def: FieldDef, members: SetMember[], span: { start: number; end: number }): Built {
  const refused = notComparable(def, span);
  if (refused) return refused;
  if (def.type === 'ipv6') {
    const values: Ipv6Value[] = [];
    for (const m of members) {
      if (m.hi) return fail('ranges (a..b) work on numbers and IPv4 addresses, not IPv6', m.lo);
      const v = toIpv6(m.lo);
      if (!v.ok) return v;
      values.push(v.value);
    }
    return flowNode(def, (x) => values.some((v) => prefixEqual(x as Uint8Array, v.bytes, v.prefix)), 'any');
  }
  const bounds: number[] = [];
  for (const m of members) {
    const lo = toInterval(def, m.lo);
    if (!lo.ok) return lo;
    const hi = m.hi ? toInterval(def, m.hi) : lo;
    if (!hi.ok) return hi;
    bounds.push(lo.value.lo, hi.value.hi);
  }
  const test: ValueTest = { kind: 'set', bounds: Float64Array.from(bounds) };
  if (def.source.kind === 'flow') return flowNode(def, (x) => passes(x as number, test), 'any');
  return done(new RowTestNode(def.source.extract, def.source.arity, null, test, 'any'));
}

const BYTES_FIELDS: Record<string, { field: BytesField; onRow: (c: FilterColumns, i: number) => boolean }> = {
  frame: { field: 'frame', onRow: () => true },
  // `tcp contains` searches the TCP payload here; tshark also looks in the TCP header bytes.
  tcp: { field: 'tcp.payload', onRow: hasTcpPayload },
  'tcp.payload': { field: 'tcp.payload', onRow: hasTcpPayload },
};

function bytesTest(def: FieldDef, kind: 'contains' | 'matches', lit: Literal, span: { start: number; end: number }, tests: ByteTest[]): Built {
  const target = BYTES_FIELDS[def.name];
  if (!target) return fail(`${kind} works on frame, tcp and tcp.payload, not on ${def.name}`, span);
  const test = kind === 'contains' ? containsTest(lit) : matchesTest(lit);
  if (!test.ok) return test;
  tests.push({ field: target.field, test: test.value });
  return done(new BytesNode(target.field, target.onRow, test.value, tests.length - 1));
}

function containsTest(lit: Literal): Converted<ByteTest['test']> {
  const needle = toBytes(lit);
  return needle.ok ? { ok: true, value: (b) => indexOfBytes(b, needle.value) >= 0 } : needle;
}

/** Wireshark's PCRE over the bytes (byte-regex.ts): caseless for ASCII unless the pattern starts with (?-i). */
function matchesTest(lit: Literal): Converted<ByteTest['test']> {
  let r: ReturnType<typeof byteRegex>;
  try {
    r = byteRegex(lit.bytes ?? utf8ByteString(lit.text));
  } catch (e) {
    return { ok: false, error: filterError(`column ${lit.start + 1}: "${lit.text}" is not a valid regular expression (${(e as Error).message})`, lit) };
  }
  const { re, caseless } = r;
  return { ok: true, value: (b) => re.test(byteSubject(b, caseless)) };
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return 0;
  const last = hay.length - needle.length;
  outer: for (let i = 0; i <= last; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

