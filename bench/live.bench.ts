/**
 * Live capture under a bounded loopback flood: 200,000 UDP datagrams from a local socket to a local sink
 * (127.0.0.1 only), captured at the same time by SynAck (a child process doing what the worker does: libpcap
 * through the patched `cap`, every packet into the session pcapng) and by `tcpdump -w`. Prints packets seen by
 * each and the drops each libpcap reports. Needs root and tcpdump; prints why when it cannot run.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKETS = 200_000;
const SIZE = 200;
const IN_FLIGHT = 2_000;
const REPO = fileURLToPath(new URL('..', import.meta.url));

export default async function liveBench(): Promise<void> {
  if (process.getuid?.() !== 0) { console.log('live: skipped (needs root)'); return; }
  try { execFileSync('tcpdump', ['--version'], { stdio: 'ignore' }); } catch { console.log('live: skipped (no tcpdump)'); return; }
  const dir = mkdtempSync(join(tmpdir(), 'synack-live-bench-'));
  const rx = createSocket('udp4');
  await new Promise<void>((r) => rx.bind(0, '127.0.0.1', r));
  rx.on('message', () => undefined);
  const filter = `udp dst port ${rx.address().port}`;
  const td = spawn('tcpdump', ['-i', 'lo', '-n', '-w', join(dir, 'tcpdump.pcap'), filter], { stdio: ['ignore', 'ignore', 'pipe'] });
  const ours = spawn(process.execPath, [join(REPO, 'bin', 'run-ts.mjs'), join(REPO, 'bench', 'live-capture-child.ts'), filter,
    join(dir, 'synack.pcapng')], { stdio: ['ignore', 'pipe', 'inherit'] });
  await Promise.all([waitOutput(td, 'stderr', 'listening on'), waitOutput(ours, 'stdout', 'ready')]);
  const t0 = performance.now();
  await flood(rx.address().port);
  const sendMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 1000));
  td.kill('SIGINT');
  ours.kill('SIGINT');
  const [tdErr, ourStats] = await Promise.all([collect(td, 'stderr'), collect(ours, 'stdout')]);
  rx.close();
  const stats = JSON.parse(ourStats.trim().split('\n').pop()!) as { written: number; kernelDropped: number; ifDropped: number };
  const tdCaptured = Number(tdErr.match(/(\d+) packets captured/)?.[1] ?? NaN);
  const tdDropped = Number(tdErr.match(/(\d+) packets dropped by kernel/)?.[1] ?? NaN);
  console.log(`live: ${PACKETS} UDP datagrams of ${SIZE} bytes on lo sent in ${sendMs.toFixed(0)} ms (${Math.round(PACKETS / sendMs * 1000)} packets/s)`);
  console.log(`  synack  : ${stats.written} captured, ${stats.kernelDropped} dropped by kernel, ${stats.ifDropped} by interface`);
  console.log(`  tcpdump : ${tdCaptured} captured, ${tdDropped} dropped by kernel`);
  rmSync(dir, { recursive: true, force: true });
}

/** Sends PACKETS datagrams keeping at most IN_FLIGHT queued, so memory stays bounded. */
async function flood(port: number): Promise<void> {
  const tx = createSocket('udp4');
  await new Promise<void>((r) => tx.bind(0, '127.0.0.1', r));
  const payload = Buffer.alloc(SIZE, 0x61);
  let sent = 0, done = 0;
  await new Promise<void>((resolve) => {
    const pump = (): void => {
      while (sent < PACKETS && sent - done < IN_FLIGHT) {
        sent++;
        tx.send(payload, port, '127.0.0.1', () => { done++; if (done === PACKETS) resolve(); else if (sent - done < IN_FLIGHT / 2) pump(); });
      }
    };
    pump();
  });
  tx.close();
}

function waitOutput(p: ChildProcess, stream: 'stdout' | 'stderr', text: string): Promise<void> {
  return new Promise((resolve) => {
    let seen = '';
    p[stream]!.on('data', (b: Buffer) => { seen += b.toString(); if (seen.includes(text)) resolve(); });
  });
}

function collect(p: ChildProcess, stream: 'stdout' | 'stderr'): Promise<string> {
  return new Promise((resolve) => {
    let all = '';
    p[stream]!.on('data', (b: Buffer) => { all += b.toString(); });
    p.on('close', () => resolve(all));
  });
}
