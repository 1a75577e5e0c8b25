/**
 * A comparison of two fields (`frame.cap_len < frame.len`, `tcp.srcport > tcp.dstport`, `ip.src == ip.dst`), as
 * tshark 4.0 evaluates one: every value of the left field against every value of the right one (an address or port
 * field has one per IP layer, ip.addr two), `==` and the orderings when some pair passes, `!=` when both are present
 * and no pair is equal (all_ne), `~=` when some pair differs, `===` when both are present and every pair is equal.
 * An absent field fails. Values are numbers: row fields, ports and IPv4 addresses (IPv6 addresses are refused at
 * compile time).
 */
import type { CompareOp } from './lexer';
import { CHUNK, FLOW_GATE, ROW_GATE_CODE, gateOnRow, type EvalNode } from './eval-nodes';
import type { FieldDef, FlowSource, RowSource } from './fields';
import type { FilterColumns, FilterContext } from './filter-context';
import { ROW_BITS } from '../ipc/batch-layout';

/** Most values a field has on one row: two per layer (ip.addr) on a row with an outer IP layer. */
const MAX_VALUES = 4;

/** The values of one field on each row of a chunk: vals[j * MAX_VALUES + k] for k < counts[j]. */
interface FieldValues { read(cols: FilterColumns, ctx: FilterContext, from: number, n: number, vals: Float64Array, counts: Uint8Array): void }

class RowValues implements FieldValues {
  private readonly a = new Float64Array(CHUNK);
  private readonly b = new Float64Array(CHUNK);
  constructor(private readonly source: RowSource) {}
  read(cols: FilterColumns, ctx: FilterContext, from: number, n: number, vals: Float64Array, counts: Uint8Array): void {
    const { a, b } = this, two = this.source.arity === 2;
    this.source.extract(cols, ctx, from, n, a, b);
    for (let j = 0; j < n; j++) {
      let c = 0;
      if (a[j] === a[j]) vals[j * MAX_VALUES + c++] = a[j];
      if (two && b[j] === b[j]) vals[j * MAX_VALUES + c++] = b[j];
      counts[j] = c;
    }
  }
}

class FlowValues implements FieldValues {
  private readonly gate: number;
  constructor(private readonly source: FlowSource) { this.gate = ROW_GATE_CODE[source.gate]; }
  read(cols: FilterColumns, ctx: FilterContext, from: number, n: number, vals: Float64Array, counts: Uint8Array): void {
    for (let j = 0; j < n; j++) {
      const i = from + j;
      let c = 0;
      if (gateOnRow(this.gate, cols, i)) c = this.layer(ctx, cols.flow[i], cols.dir[i] as 0 | 1, vals, j * MAX_VALUES, c);
      const o = cols.outerFlow?.[i];
      if (o !== undefined && o >= 0) c = this.layer(ctx, o, cols.rowBits[i] & ROW_BITS.OUTER_DIR ? 1 : 0, vals, j * MAX_VALUES, c);
      counts[j] = c;
    }
  }

  /** Appends one IP layer's values (its flow seen from the sender `dir`) at vals[at + c …]; returns the new count. */
  private layer(ctx: FilterContext, flowId: number, dir: 0 | 1, vals: Float64Array, at: number, c: number): number {
    const f = flowId >= 0 ? ctx.flows.at(flowId) : undefined;
    if (!f || !FLOW_GATE[this.source.gate](f)) return c;
    const { role, endpoint } = this.source;
    if (role !== 'dst') vals[at + c++] = endpoint(f, dir) as number;
    if (role !== 'src') vals[at + c++] = endpoint(f, (1 - dir) as 0 | 1) as number;
    return c;
  }
}

const valuesOf = (def: FieldDef): FieldValues => (def.source.kind === 'row' ? new RowValues(def.source) : new FlowValues(def.source));

const PASSES: Record<CompareOp, (a: number, b: number) => boolean> = {
  '==': (a, b) => a === b, '!=': (a, b) => a === b, '~=': (a, b) => a !== b, '===': (a, b) => a === b,
  '>': (a, b) => a > b, '<': (a, b) => a < b, '>=': (a, b) => a >= b, '<=': (a, b) => a <= b,
};

export class FieldCompareNode implements EvalNode {
  private readonly left: FieldValues;
  private readonly right: FieldValues;
  private readonly lv = new Float64Array(CHUNK * MAX_VALUES);
  private readonly rv = new Float64Array(CHUNK * MAX_VALUES);
  private readonly lc = new Uint8Array(CHUNK);
  private readonly rc = new Uint8Array(CHUNK);
  private readonly pass: (a: number, b: number) => boolean;

  constructor(left: FieldDef, private readonly op: CompareOp, right: FieldDef) {
    this.left = valuesOf(left);
    this.right = valuesOf(right);
    this.pass = PASSES[op];
  }

  run(cols: FilterColumns, ctx: FilterContext, from: number, n: number, out: Uint8Array): void {
    const { lv, rv, lc, rc, pass, op } = this;
    this.left.read(cols, ctx, from, n, lv, lc);
    this.right.read(cols, ctx, from, n, rv, rc);
    for (let j = 0; j < n; j++) {
      const nl = lc[j], nr = rc[j], at = j * MAX_VALUES;
      let some = false, all = nl > 0 && nr > 0;
      for (let x = 0; x < nl; x++) {
        for (let y = 0; y < nr; y++) {
          if (pass(lv[at + x], rv[at + y])) some = true; else all = false;
        }
      }
      // != (all_ne): both present and no pair equal; === (all_eq): both present and every pair equal; the rest: one pair.
      out[j] = (op === '!=' ? nl > 0 && nr > 0 && !some : op === '===' ? all : some) ? 1 : 0;
    }
  }
}
