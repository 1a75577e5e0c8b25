/**
 * The evaluator a filter compiles to: a small tree of nodes, each answering for a chunk of up to CHUNK rows
 * at once (1 = match) into a byte mask. Working a column at a time keeps every inner loop a tight,
 * monomorphic pass over one typed array — no per-row objects, no per-row function calls, and no eval or
 * `new Function` (the renderer runs under a strict CSP). Leaves read columns (`RowTestNode`), the flow
 * table (`FlowTestNode`, answers worked out once per flow, for the row's flow and its outer IP layer's) or
 * packet bytes (`BytesNode`, on request).
 */
import { ROW_BITS } from '../ipc/batch-layout';
import type { FlowInfo } from '../ipc/flow';
import type { Extract, FlowGate, FlowSource } from './fields';
import type { BytesField, FilterColumns, FilterContext } from './filter-context';

/** Rows per evaluation step: the scratch arrays of a 5-term filter stay in L2. */
export const CHUNK = 4096;

export interface EvalNode {
  /** Writes 1 (match) or 0 for rows from .. from+n-1 into out[0 .. n-1]. */
  run(cols: FilterColumns, ctx: FilterContext, from: number, n: number, out: Uint8Array): void;
}

export class AndNode implements EvalNode {
  private readonly tmp = new Uint8Array(CHUNK);
  constructor(private readonly left: EvalNode, private readonly right: EvalNode) {}
  run(cols: FilterColumns, ctx: FilterContext, from: number, n: number, out: Uint8Array): void {
    this.left.run(cols, ctx, from, n, out);
    let any = 0;
    for (let j = 0; j < n; j++) any |= out[j];
    if (any === 0) return; // nothing left to narrow: skip the right side for this chunk
    const tmp = this.tmp;
    this.right.run(cols, ctx, from, n, tmp);
    for (let j = 0; j < n; j++) out[j] &= tmp[j];
  }
}

export class OrNode implements EvalNode {
  private readonly tmp = new Uint8Array(CHUNK);
  constructor(private readonly left: EvalNode, private readonly right: EvalNode) {}
  run(cols: FilterColumns, ctx: FilterContext, from: number, n: number, out: Uint8Array): void {
    this.left.run(cols, ctx, from, n, out);
    const tmp = this.tmp;
    this.right.run(cols, ctx, from, n, tmp);
    for (let j = 0; j < n; j++) out[j] |= tmp[j];
  }
}

export class NotNode implements EvalNode {
  constructor(private readonly operand: EvalNode) {}
  run(cols: FilterColumns, ctx: FilterContext, from: number, n: number, out: Uint8Array): void {
    this.operand.run(cols, ctx, from, n, out);
    for (let j = 0; j < n; j++) out[j] ^= 1;
  }
}

/** A test on one value. `set` holds [lo0, hi0, lo1, hi1, …] closed intervals. */
export type ValueTest =
  | { kind: 'between'; lo: number; hi: number }
  | { kind: 'gt' | 'ge' | 'lt' | 'le'; k: number }
  | { kind: 'set'; bounds: Float64Array };

/**
 * How the values of a multi-valued field combine (tshark 4.0 semantics): any passes (==, >, in …), none
 * passes while the field is present (`!=`, all_ne: same as `!(a == b)`), some present value fails
 * (`~=`, any_ne), all pass (`===`, all_eq).
 */
export type Combine = 'any' | 'none' | 'anyNot' | 'all';

/** One number through a test (used per flow, not per row). */
export function passes(v: number, t: ValueTest): boolean {
  switch (t.kind) {
    case 'between': return v >= t.lo && v <= t.hi;
    case 'gt': return v > t.k;
    case 'ge': return v >= t.k;
    case 'lt': return v < t.k;
    case 'le': return v <= t.k;
    case 'set':
      for (let r = 0; r < t.bounds.length; r += 2) if (v >= t.bounds[r] && v <= t.bounds[r + 1]) return true;
      return false;
  }
}

/**
 * A comparison as 0/1 without a branch: `(a >= lo) & (a <= hi)` compiles to flag-setting instructions,
 * while `a >= lo && a <= hi ? 1 : 0` branches and mispredicts on mixed traffic (2–3× slower).
 */
export const bit = (b: boolean): number => (b as unknown as number) | 0;

/** The chunk kernel: out[j] = 1 when vals[j] passes. NaN (absent) never passes. */
function testValues(vals: Float64Array, n: number, t: ValueTest, out: Uint8Array): void {
  switch (t.kind) {
    case 'between': { const lo = t.lo, hi = t.hi; for (let j = 0; j < n; j++) out[j] = bit(vals[j] >= lo) & bit(vals[j] <= hi); return; }
    case 'gt': { const k = t.k; for (let j = 0; j < n; j++) out[j] = bit(vals[j] > k); return; }
    case 'ge': { const k = t.k; for (let j = 0; j < n; j++) out[j] = bit(vals[j] >= k); return; }
    case 'lt': { const k = t.k; for (let j = 0; j < n; j++) out[j] = bit(vals[j] < k); return; }
    case 'le': { const k = t.k; for (let j = 0; j < n; j++) out[j] = bit(vals[j] <= k); return; }
    case 'set': testSet(vals, n, t.bounds, out);
  }
}

function testSet(vals: Float64Array, n: number, bounds: Float64Array, out: Uint8Array): void {
  out.fill(0, 0, n);
  for (let r = 0; r < bounds.length; r += 2) {
    const lo = bounds[r], hi = bounds[r + 1];
    for (let j = 0; j < n; j++) out[j] |= bit(vals[j] >= lo) & bit(vals[j] <= hi);
  }
}

/** `field & mask`: keeps NaN (absent) as NaN. */
function applyMask(vals: Float64Array, n: number, mask: number): void {
  for (let j = 0; j < n; j++) { const v = vals[j]; vals[j] = v === v ? (v & mask) >>> 0 : NaN; }
}

/** Compares a column-derived field (one or two values per row) with a value test. */
export class RowTestNode implements EvalNode {
  private readonly vals = new Float64Array(CHUNK);
  private readonly vals2 = new Float64Array(CHUNK);
  private readonly hits2 = new Uint8Array(CHUNK);
  constructor(
    private readonly extract: Extract, private readonly arity: 1 | 2, private readonly mask: number | null,
    private readonly test: ValueTest, private readonly combine: Combine,
  ) {}

  run(cols: FilterColumns, ctx: FilterContext, from: number, n: number, out: Uint8Array): void {
    const { vals, vals2, hits2 } = this;
    this.extract(cols, ctx, from, n, vals, vals2);
    if (this.mask !== null) applyMask(vals, n, this.mask);
    testValues(vals, n, this.test, out);
    if (this.arity === 1) {
      if (this.combine === 'none' || this.combine === 'anyNot') {
        for (let j = 0; j < n; j++) out[j] = bit(vals[j] === vals[j]) & (out[j] ^ 1);
      }
      return;
    }
    if (this.mask !== null) applyMask(vals2, n, this.mask);
    testValues(vals2, n, this.test, hits2);
    combineTwo(this.combine, vals, vals2, out, hits2, n);
  }
}

function combineTwo(c: Combine, v1: Float64Array, v2: Float64Array, out: Uint8Array, h2: Uint8Array, n: number): void {
  switch (c) {
    case 'any': for (let j = 0; j < n; j++) out[j] |= h2[j]; return;
    case 'all': for (let j = 0; j < n; j++) out[j] &= h2[j]; return;
    case 'none':
      for (let j = 0; j < n; j++) out[j] = (bit(v1[j] === v1[j]) | bit(v2[j] === v2[j])) & ((out[j] | h2[j]) ^ 1);
      return;
    case 'anyNot':
      for (let j = 0; j < n; j++) out[j] = (bit(v1[j] === v1[j]) & (out[j] ^ 1)) | (bit(v2[j] === v2[j]) & (h2[j] ^ 1));
  }
}

/** A field alone: present on the row. */
export class RowExistsNode implements EvalNode {
  private readonly vals = new Float64Array(CHUNK);
  private readonly vals2 = new Float64Array(CHUNK);
  constructor(private readonly extract: Extract) {}
  run(cols: FilterColumns, ctx: FilterContext, from: number, n: number, out: Uint8Array): void {
    const vals = this.vals;
    this.extract(cols, ctx, from, n, vals, this.vals2);
    for (let j = 0; j < n; j++) out[j] = bit(vals[j] === vals[j]);
  }
}

export const FLOW_GATE: Record<FlowGate, (f: FlowInfo) => boolean> = {
  ip: (f) => f.l3 === 4, ipv6: (f) => f.l3 === 6, tcp: (f) => f.proto === 6, udp: (f) => f.proto === 17,
};
export const ROW_GATE_CODE: Record<FlowGate, number> = { tcp: 0, udp: 1, ip: 2, ipv6: 3 };

/** Whether row i's own (innermost) layer carries the gate's header (ROW_GATE_CODE), as the decoder saw it. */
export function gateOnRow(gate: number, cols: FilterColumns, i: number): boolean {
  return gate === 0 ? cols.stream[i] >= 0 || (cols.rowBits[i] & ROW_BITS.TCP_PORTS_ONLY) !== 0
    : gate === 1 ? cols.proto[i] === 17 && (cols.rowBits[i] & ROW_BITS.UDP_SEEN) !== 0 : cols.l3[i] === (gate === 2 ? 4 : 6);
}

/** What one layer (a flow, seen from one sender) says about a field: present, some value passes, some fails. */
const PRESENT = 1, SOME_PASS = 2, SOME_FAIL = 4;

/**
 * The verdict for each OR of layer bits, per combine: a field on several layers (a tunnel's outer and inner
 * IP header) is one multi-valued field, so == is "any occurrence passes", != "present and none passes",
 * ~= "some occurrence fails", === "present and none fails" (tshark 4.0).
 */
const VERDICT: Record<Combine, Uint8Array> = {
  any: Uint8Array.from({ length: 8 }, (_, b) => (b & SOME_PASS ? 1 : 0)),
  none: Uint8Array.from({ length: 8 }, (_, b) => (b & PRESENT && !(b & SOME_PASS) ? 1 : 0)),
  anyNot: Uint8Array.from({ length: 8 }, (_, b) => (b & SOME_FAIL ? 1 : 0)),
  all: Uint8Array.from({ length: 8 }, (_, b) => (b & PRESENT && !(b & SOME_FAIL) ? 1 : 0)),
};

/**
 * A test on an address or port. Flows never change, so what a flow says when "A sent it" and "B sent it"
 * is worked out once per flow (3 bits each in `table[flow]`) and each row costs one lookup by `dir` — two
 * on the rare row with an outer IP layer (`outerFlow`), whose bits are ORed in before the verdict.
 */
export class FlowTestNode implements EvalNode {
  private table = new Uint8Array(256);
  private known = 0;
  private flows: FilterContext['flows'] | null = null;
  private readonly verdict: Uint8Array;

  constructor(
    private readonly source: FlowSource,
    /** Whether the value at one end passes. */
    private readonly endTest: (f: FlowInfo, end: 0 | 1) => boolean,
    combine: Combine,
  ) {
    this.verdict = VERDICT[combine];
  }

  private layerBits(f: FlowInfo | undefined, senderEnd: 0 | 1): number {
    if (!f || !FLOW_GATE[this.source.gate](f)) return 0;
    const { role } = this.source;
    if (role !== 'any') return PRESENT | (this.endTest(f, (role === 'src' ? senderEnd : 1 - senderEnd) as 0 | 1) ? SOME_PASS : SOME_FAIL);
    const a = this.endTest(f, 0), b = this.endTest(f, 1);
    return PRESENT | (a || b ? SOME_PASS : 0) | (a && b ? 0 : SOME_FAIL);
  }

  /** Answers for flows added since the last run (or all of them for a new flow table). */
  private refresh(flows: FilterContext['flows']): void {
    if (flows !== this.flows) { this.flows = flows; this.known = 0; }
    if (flows.length > this.table.length) {
      const grown = new Uint8Array(Math.max(flows.length, this.table.length * 2));
      grown.set(this.table.subarray(0, this.known));
      this.table = grown;
    }
    for (let id = this.known; id < flows.length; id++) {
      const f = flows.at(id);
      this.table[id] = this.layerBits(f, 0) | (this.layerBits(f, 1) << 3);
    }
    this.known = flows.length;
  }

  run(cols: FilterColumns, ctx: FilterContext, from: number, n: number, out: Uint8Array): void {
    this.refresh(ctx.flows);
    const table = this.table, known = this.known, verdict = this.verdict, flow = cols.flow, dir = cols.dir;
    const outer = cols.outerFlow, bits = cols.rowBits;
    const gate = ROW_GATE_CODE[this.source.gate];
    for (let j = 0; j < n; j++) {
      const i = from + j, f = flow[i], o = outer?.[i];
      const onRow = gateOnRow(gate, cols, i);
      // f < known also rejects -1 compared as unsigned
      let layers = (f >>> 0) < known && onRow ? (table[f] >> (3 * dir[i])) & 7 : 0;
      if (o !== undefined && (o >>> 0) < known) layers |= (table[o] >> (bits[i] & ROW_BITS.OUTER_DIR ? 3 : 0)) & 7;
      out[j] = verdict[layers];
    }
  }
}

/**
 * `contains`/`matches`: needs the row's bytes from the context (`bytes`), or the results of the filter's byte test
 * number `index` by frame (`byteMatch`, worked out where the bytes are); without either nothing matches.
 */
export class BytesNode implements EvalNode {
  constructor(
    private readonly field: BytesField,
    private readonly onRow: (cols: FilterColumns, row: number) => boolean,
    private readonly test: (bytes: Uint8Array) => boolean,
    private readonly index: number,
  ) {}
  run(cols: FilterColumns, ctx: FilterContext, from: number, n: number, out: Uint8Array): void {
    const byteMatch = ctx.byteMatch;
    if (byteMatch) {
      const frame = cols.frame;
      for (let j = 0; j < n; j++) out[j] = this.onRow(cols, from + j) && byteMatch(this.index, frame[from + j]) ? 1 : 0;
      return;
    }
    const bytesOf = ctx.bytes;
    for (let j = 0; j < n; j++) {
      const row = from + j;
      const bytes = bytesOf && this.onRow(cols, row) ? bytesOf(row, this.field) : null;
      out[j] = bytes !== null && this.test(bytes) ? 1 : 0;
    }
  }
}
