/**
 * Whole pipeline — the app's file job and CapturePipeline: read and decode (on the decode thread, as the app
 * does for large files), TCP analysis, 4,096-row batches encoded as the worker sends them, flow infos and
 * conversation summaries per flush — on the generated 5M-packet capture
 * (../shared/tools/gen-pcap.mjs --packets 5000000 --seed 7, cached in bench/data/) against
 * `tshark -q -z conv,tcp` (three runs each, taking turns; medians compared) and `tshark -2 -T fields -e tcp.stream …`
 * in the same run: packets/s, ratios, peak
 * RSS (child processes), tracker bytes per conversation and per packet. Targets (issue 4): ≥ 10× conv,tcp,
 * ≥ 25× tshark -2 fields, RSS ≤ 1/8 of tshark's, ≤ 64 B/packet + 512 B/conversation.
 * SYNACK_BENCH_PACKETS=N runs on an N-packet capture instead (quicker).
 */
import { execFileSync, spawn } from 'node:child_process';
import { buildSync } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packets = Number(process.env.SYNACK_BENCH_PACKETS ?? 5_000_000);

function capture(): string {
  const dir = join(root, 'bench', 'data');
  mkdirSync(dir, { recursive: true });
  const name = packets === 5_000_000 ? 'gen-5m.pcap' : `gen-${packets}-s7.pcap`;
  const out = join(dir, name);
  if (!existsSync(out)) {
    execFileSync(process.execPath, [join(root, '..', 'shared', 'tools', 'gen-pcap.mjs'), '--out', out, '--packets',
      String(packets), '--seed', '7'], { stdio: 'ignore' });
  }
  return out;
}

/** Runs a command, returns wall seconds, stdout and the peak RSS (VmHWM polled from /proc, else 0). */
function measure(cmd: string, args: string[]): Promise<{ seconds: number; stdout: string; peakRss: number }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '', peak = 0;
    child.stdout.on('data', (d: Buffer) => { if (stdout.length < 1 << 20) stdout += d.toString(); });
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) * 1024);
      } catch { /* exited */ }
    }, 50);
    child.on('error', reject);
    child.on('close', () => {
      clearInterval(poll);
      resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, stdout, peakRss: peak });
    });
  });
}

/**
 * The child as one bundled script, as the app ships its worker (electron-vite bundles it): run through tsx's
 * loader the same code took ~10% longer. esbuild comes with tsx.
 */
function bundledChild(): string {
  const outdir = join(root, 'bench', 'data');
  buildSync({
    entryPoints: { 'pipeline-child': join(root, 'bench', 'pipeline-child.ts'), 'decode-thread': join(root, 'electron', 'capture', 'decode-thread.ts') },
    bundle: true, platform: 'node', format: 'esm', outdir, outExtension: { '.js': '.mjs' }, logLevel: 'error',
  });
  return join(outdir, 'pipeline-child.mjs');
}

/** The child's JSON line (bench/pipeline-child.ts). */
interface ChildReport {
  packets: number; seconds: number; mainCpuSeconds: number; decodeCpuSeconds: number; helperCpuSeconds: number; conversations: number; summariesSent: number;
  trackerBytesPerConversation: number; segmentPoolBytes: number; liveSegments: number; peakRssBytes: number; rowsFromThread: number;
}

const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;

type Measured = Awaited<ReturnType<typeof measure>>;

/** The run with the median of `key` (of an odd number of runs). */
function median<T>(runs: T[], key: (x: T) => number): T {
  return [...runs].sort((a, b) => key(a) - key(b))[runs.length >> 1];
}

export default async function pipelineBench(): Promise<void> {
  const file = capture();
  const size = statSync(file).size;
  const child = [bundledChild(), file];
  // This machine's timings drift by ±10% from minute to minute (a shared VM), for tshark too: ours and
  // `tshark -z conv,tcp` run three times each, taking turns, and the medians are compared.
  const runs: { ours: Measured; r: ChildReport }[] = [];
  const convRuns: Measured[] = [];
  const conv = ['-r', file, '-q', '-z', 'conv,tcp'];
  for (let k = 0; k < 3; k++) {
    const o = await measure(process.execPath, ['--expose-gc', ...child]);
    runs.push({ ours: o, r: JSON.parse(o.stdout.trim().split('\n').pop()!) as ChildReport });
    try { convRuns.push(await measure('tshark', conv)); } catch { /* reported below */ }
  }
  const { ours, r } = median(runs, (x) => x.r.seconds);
  console.log(`three runs: ${runs.map((x) => x.r.seconds.toFixed(2)).join(', ')} s in-process (median used below)`);
  if (convRuns.length > 0) console.log(`tshark -q -z conv,tcp, taking turns with them: ${convRuns.map((t) => t.seconds.toFixed(1)).join(', ')} s (median used below)`);
  const n = r.packets;
  console.log(`capture: ${file} (${n} packets, ${mib(size)}, ${r.conversations} conversations)`);
  const oursPps = n / r.seconds, oursWallPps = n / ours.seconds;
  console.log(`synack pipeline: ${(oursPps / 1e6).toFixed(2)} M packets/s (${r.seconds.toFixed(2)} s in-process, ${ours.seconds.toFixed(2)} s wall`
    + ` incl. start-up; CPU: pipeline thread ${r.mainCpuSeconds.toFixed(2)} s, decode thread ${r.decodeCpuSeconds.toFixed(2)} s, file reads and V8 helpers`
    + ` ${r.helperCpuSeconds.toFixed(2)} s; ${r.rowsFromThread} rows decoded on the decode thread),`
    + ` peak RSS ${mib(Math.max(ours.peakRss, r.peakRssBytes))}, ${r.summariesSent} conversation summaries sent`);
  console.log(`pipeline state: ${(r.trackerBytesPerConversation).toFixed(0)} B/conversation (heap delta: tracker, flow table, frame index), `
    + `${(r.segmentPoolBytes / n).toFixed(2)} B/packet (unacked-segment pool, ${r.liveSegments} live); tracker alone: npm run bench tracker-memory`);
  for (const [label, args] of [
    ['tshark -q -z conv,tcp', conv],
    ['tshark -2 -T fields -e tcp.stream', ['-2', '-r', file, '-T', 'fields', '-e', 'frame.number', '-e', 'tcp.stream',
      '-e', 'tcp.seq', '-e', 'tcp.ack', '-e', 'tcp.completeness', '-e', 'tcp.analysis.flags']],
  ] as [string, string[]][]) {
    try {
      const t = args === conv && convRuns.length > 0 ? median(convRuns, (x) => x.seconds) : await measure('tshark', args);
      const pps = n / t.seconds;
      console.log(`${label}: ${(pps / 1e3).toFixed(0)} k packets/s (${t.seconds.toFixed(1)} s wall), peak RSS ${mib(t.peakRss)}; `
        + `synack is ${(oursPps / pps).toFixed(1)}× faster in-process, ${(oursWallPps / pps).toFixed(1)}× wall to wall, `
        + `RSS ratio ${(t.peakRss / Math.max(1, ours.peakRss)).toFixed(1)}×`);
    } catch (e) {
      console.log(`${label}: not run (${(e as Error).message})`);
    }
  }
}
