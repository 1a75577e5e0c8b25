/**
 * Read and decode speed against tshark and tcpdump on the same generated captures (DESIGN.md quality bars:
 * read + decode ≥ 20× `tshark -q -z conv,tcp`, RSS ≤ 1/8 of tshark's). Every measurement runs in its own
 * process (bench/decode-child.ts, or the tool itself) so peak RSS is that run's alone.
 *
 * Sizes: 1M and 5M packets from ../shared/tools/gen-pcap.mjs (seed 7), cached in bench/data/ (git-ignored),
 * plus 100k for the RSS-versus-size line. SYNACK_BENCH_PACKETS=200000 (or "200000,1000000") picks others for
 * a quick run. tshark/tcpdump lines are skipped when the tool is missing.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const DATA_DIR = join(BENCH_DIR, 'data');
const GEN = join(BENCH_DIR, '..', '..', 'shared', 'tools', 'gen-pcap.mjs');
const CHILD = join(BENCH_DIR, 'decode-child.ts');
const SMALL = 100_000;

interface Run { seconds: number; maxRssKiB: number; packets?: number; bytes?: number }

function sizes(): number[] {
  const env = process.env.SYNACK_BENCH_PACKETS;
  const list = env ? env.split(',').map((s) => Number(s.trim())) : [1_000_000, 5_000_000];
  if (list.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`bad SYNACK_BENCH_PACKETS "${env}"`);
  return list;
}

function label(n: number): string {
  return n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

/** The cached capture of `n` packets, generated on first use. */
function capture(n: number): string {
  mkdirSync(DATA_DIR, { recursive: true });
  const file = join(DATA_DIR, `gen-${label(n)}.pcap`);
  if (!existsSync(file)) {
    process.stdout.write(`generating ${file} …\n`);
    execFileSync(process.execPath, [GEN, '--out', file, '--packets', String(n), '--seed', '7'], { stdio: 'ignore' });
  }
  return file;
}

function ours(mode: string, file: string): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`decode-child ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Run;
}

function haveTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Runs a tool with output discarded; peak RSS from the kernel's VmHWM, polled until it exits. */
function tool(cmd: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: 'ignore' });
    let peak = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]));
      } catch { /* exited between polls */ }
    }, 20);
    child.on('error', reject);
    child.on('exit', () => {
      clearInterval(poll);
      resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, maxRssKiB: peak });
    });
  });
}

const mib = (kib: number): string => `${(kib / 1024).toFixed(0)} MiB`;

function line(name: string, r: Run, packets: number, bytes: number): void {
  const pps = packets / r.seconds, mbs = bytes / r.seconds / 1e6;
  console.log(`  ${name.padEnd(34)} ${r.seconds.toFixed(2).padStart(7)} s  ${(pps / 1e6).toFixed(2).padStart(6)} Mpkt/s`
    + `  ${mbs.toFixed(0).padStart(5)} MB/s  peak RSS ${mib(r.maxRssKiB).padStart(9)}`);
}

async function benchSize(n: number): Promise<Run> {
  const file = capture(n);
  const bytes = statSync(file).size;
  console.log(`\n${label(n)} packets: ${file} (${(bytes / 1e6).toFixed(0)} MB)`);
  const read = ours('read', file), decode = ours('decode', file), text = ours('text', file);
  line('read (pcap reader only)', read, n, bytes);
  line('read + decode', decode, n, bytes);
  line('read + decode + tcpdump -vv text', text, n, bytes);
  if (haveTool('tshark')) {
    const t = await tool('tshark', ['-r', file, '-q', '-z', 'conv,tcp']);
    line('tshark -q -z conv,tcp', t, n, bytes);
    console.log(`  → read + decode is ${(t.seconds / decode.seconds).toFixed(1)}× tshark's speed`
      + ` with ${(decode.maxRssKiB / t.maxRssKiB * 100).toFixed(1)}% of its RSS (bars: ≥ 20×, ≤ 12.5%)`);
  }
  if (haveTool('tcpdump')) {
    // stdio 'ignore' sends tcpdump's text to /dev/null, as `> /dev/null` does.
    const p = await tool('tcpdump', ['-nn', '-r', file]);
    line('tcpdump -nn -r F > /dev/null', p, n, bytes);
    console.log(`  → read + decode is ${(p.seconds / decode.seconds).toFixed(1)}× tcpdump -nn's speed;`
      + ` our -vv text is ${(p.seconds / text.seconds).toFixed(1)}× it`);
  }
  return decode;
}

export default async function decodeBench(): Promise<void> {
  const list = sizes();
  console.log(`sizes: ${list.map(label).join(', ')} packets (gen-pcap seed 7; SYNACK_BENCH_PACKETS overrides)`);
  let last: Run | null = null;
  for (const n of list) last = await benchSize(n);
  const small = ours('decode', capture(SMALL));
  const biggest = Math.max(...list);
  if (last && biggest !== SMALL) {
    console.log(`\nRSS of read + decode: ${mib(small.maxRssKiB)} at ${label(SMALL)} packets vs`
      + ` ${mib(last.maxRssKiB)} at ${label(biggest)} packets (flat = streaming)`);
  }
}
