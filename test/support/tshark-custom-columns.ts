/**
 * tshark 4.0's custom columns as the oracle for SynAck's (Apply as Column): `tshark -2 -o gui.column.format:…` with one
 * "%Cus:SPEC" column per spec ("tcp.seq", "ip.addr:2", "tcp.srcport || udp.srcport"), run in time zone `zone` (frame.time
 * is local), each frame's cells by frame number. A file ending in a cut record gives what came before it.
 */
import { execFileSync } from 'node:child_process';

export function tsharkCustomColumns(path: string, specs: readonly string[], zone: string): Map<number, string[]> {
  const format = specs.map((spec, k) => `"c${k}","%Cus:${spec}"`).join(',');
  const args = ['-2', '-r', path, '-o', `gui.column.format:"No.","%m",${format}`, '-T', 'fields', '-e', '_ws.col.No.',
    ...specs.flatMap((_, k) => ['-e', `_ws.col.c${k}`])];
  let out: string;
  try {
    out = execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, TZ: zone }, maxBuffer: 1 << 28 });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? '';
  }
  // Lines keep their trailing empty cells: only whole empty lines are dropped.
  return new Map(out.split('\n').filter((l) => l !== '').map((l) => l.split('\t')).map((c) => [Number(c[0]), c.slice(1)]));
}
