/**
 * Display-filter throughput: 10M synthetic rows (columns filled from a seeded PRNG, 2,000 flows) through
 * a 5-term expression, one core, best of 5 runs. Target (DESIGN.md quality bars): ≥ 20M packets/s.
 */
import { allocateColumns } from '../shared/ipc/batch-layout';
import type { FlowInfo } from '../shared/ipc/flow';
import { compileFilter } from '../shared/filter/compile';
import type { FilterContext } from '../shared/filter/filter-context';
import { mulberry32 } from '../test/support/seeded-random';

const ROWS = 10_000_000;
const FLOWS = 2000;
const EXPRESSIONS = [
  'tcp.port == 443 && tcp.flags.syn == 1 && !tcp.analysis.retransmission && tcp.len > 100 && ip.addr == 10.0.0.0/8',
  'tcp.stream in {1, 5, 100..400} || tcp.analysis.flags || tcp.window_size < 1000 || synack.state == TIME-WAIT || frame.len >= 1400',
  'tcp.len > 0',
];


function flows(rand: () => number): FlowInfo[] {
  return Array.from({ length: FLOWS }, (_, id) => {
    const a = Uint8Array.of(rand() < 0.5 ? 10 : 192, 0, (id >> 8) & 255, id & 255);
    const b = Uint8Array.of(93, 184, 216, (id * 7) & 255);
    return { id, l3: 4, proto: 6, addrA: a.join('.'), addrB: b.join('.'), addrBytesA: a, addrBytesB: b,
      portA: 1024 + Math.floor(rand() * 60000), portB: rand() < 0.3 ? 443 : 80, stream: id };
  });
}

function fill(rand: () => number) {
  const c = allocateColumns(ROWS);
  c.rows = ROWS;
  for (let i = 0; i < ROWS; i++) {
    const f = Math.floor(rand() * FLOWS);
    c.frame[i] = i + 1; c.tsSec[i] = 1_700_000_000 + (i >> 14); c.tsNsec[i] = (i * 61_035) % 1e9;
    c.origLen[i] = 54 + Math.floor(rand() * 1460); c.flow[i] = f; c.stream[i] = f; c.dir[i] = rand() < 0.5 ? 0 : 1;
    c.l3[i] = 4; c.proto[i] = 6; c.tcpFlags[i] = rand() < 0.02 ? 0x002 : 0x018; c.payloadLen[i] = Math.floor(rand() * 1460);
    c.window[i] = Math.floor(rand() * 65536); c.windowScaled[i] = c.window[i] * 32;
    c.analysis[i] = rand() < 0.03 ? 1 << Math.floor(rand() * 15) : 0; c.stateA[i] = 5; c.stateB[i] = rand() < 0.01 ? 11 : 5;
  }
  return c;
}

export default async function filterBench(): Promise<void> {
  const rand = mulberry32(0x5eed);
  const t0 = performance.now();
  const ctx: FilterContext = { flows: flows(rand) };
  const cols = fill(rand);
  console.log(`filled ${ROWS / 1e6}M rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const out = new Uint32Array(ROWS);
  for (const text of EXPRESSIONS) {
    const r = compileFilter(text);
    if (!r.ok) throw new Error(r.error.message);
    let best = Infinity, matched = 0;
    for (let run = 0; run < 5; run++) {
      const s = performance.now();
      matched = r.filter.select(cols, ctx, 0, ROWS, out);
      best = Math.min(best, performance.now() - s);
    }
    const rate = ROWS / (best / 1000);
    console.log(`${(rate / 1e6).toFixed(1)}M packets/s (${best.toFixed(0)} ms, ${matched} matched, target ≥ 20M/s): ${text}`);
  }
}
