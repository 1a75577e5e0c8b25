/**
 * TcpTracker memory (issue 4: ≤ 64 bytes per packet + 512 bytes per conversation), measured as a heap delta
 * (JS heap + ArrayBuffers after a full GC) in a child process over a generated capture
 * (../shared/tools/gen-pcap.mjs --seed 7; SYNACK_BENCH_PACKETS, default 1,000,000). Prints numbers only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export default async function trackerMemoryBench(): Promise<void> {
  const packets = Number(process.env.SYNACK_BENCH_PACKETS ?? 1_000_000);
  const dir = join(root, 'bench', 'data');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `gen-${packets}-s7.pcap`);
  if (!existsSync(file)) {
    execFileSync(process.execPath, [join(root, '..', 'shared', 'tools', 'gen-pcap.mjs'), '--out', file, '--packets',
      String(packets), '--seed', '7'], { stdio: 'ignore' });
  }
  const out = execFileSync(process.execPath, ['--expose-gc', join(root, 'bin', 'run-ts.mjs'),
    join(root, 'bench', 'tracker-memory-child.ts'), file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const r = JSON.parse(out.trim().split('\n').pop()!);
  console.log(`capture: ${file} (${r.packets} packets, ${r.conversations} conversations, ${r.flows} flows)`);
  console.log(`tracker heap delta: ${(r.totalBytes / 2 ** 20).toFixed(1)} MiB = ${r.bytesPerConversation.toFixed(0)} B/conversation`
    + ` (incl. flow table) + unacked-segment pool ${r.poolBytesPerPacket.toFixed(2)} B/packet (${r.liveSegments} live); `
    + 'target ≤ 512 B/conversation + ≤ 64 B/packet');
}
