/**
 * `synack-capture read FILE -z follow,tcp,MODE,STREAM`: the payload of one TCP stream, put back in order as
 * `tshark -q -z follow,tcp,MODE,STREAM` prints it (ui/cli/tap-follow.c in tshark 4.0), MODE one of:
 * - raw: each record as one line of hex, the server's indented by a tab;
 * - ascii: each record's length, then its bytes with anything but printable ASCII, CR and LF as '.';
 * - hex: a hex dump per record, offsets counting each side's bytes;
 * - yaml: peers, then each record's frame, peer, capture time and base64 bytes (what scripts read).
 */
import type { CaptureProblem } from '../../../shared/capture-file/capture-problem';
import type { FollowRecord } from '../../../shared/tcp/tcp-follow';
import { followAscii, followHexLines, followRawHex } from '../../../shared/format/follow-text';
import { toBase64 } from '../../../shared/ipc/wire-json';
import { followStream, type FollowEndpoint, type FollowedStream } from '../follow-stream';
import { OutputBuffer } from './output-buffer';
import { printfFixed } from '../../../shared/format/printf-fixed';

export const FOLLOW_MODES = ['raw', 'ascii', 'hex', 'yaml'] as const;
export type FollowMode = typeof FOLLOW_MODES[number];

const SEPARATOR = '='.repeat(67);

export async function printFollow(file: string, mode: FollowMode, stream: number): Promise<CaptureProblem | null> {
  const followed = await followStream(file, stream);
  const out = new OutputBuffer(process.stdout);
  out.write(followText(followed, mode));
  await out.flush();
  return followed.problem;
}

/** The whole output of one `-z follow,tcp,MODE,N`. */
export function followText(f: FollowedStream, mode: FollowMode): string {
  if (mode === 'yaml') return yamlText(f);
  const node = (n: 0 | 1): string => endpointText(f.nodes?.[n] ?? null);
  let text = `\n${SEPARATOR}\nFollow: tcp,${mode}\nFilter: tcp.stream eq ${f.stream}\nNode 0: ${node(0)}\nNode 1: ${node(1)}\n`;
  const offsets = [0, 0];
  for (const r of f.records) {
    const tab = r.server ? '\t' : '';
    const side = r.server ? 1 : 0;
    if (mode === 'raw') text += `${tab}${followRawHex(r.data)}\n`;
    else if (mode === 'ascii') text += `${tab}${r.data.length}\n${followAscii(r.data)}\n`;
    else { for (const line of followHexLines(r.data, offsets[side])) text += `${tab}${line}\n`; offsets[side] += r.data.length; }
  }
  return `${text}${SEPARATOR}\n`;
}

function endpointText(e: FollowEndpoint | null): string {
  if (!e) return ':0';
  return e.l3 === 6 ? `[${e.addr}]:${e.port}` : `${e.addr}:${e.port}`;
}

function yamlText(f: FollowedStream): string {
  let text = 'peers:\n';
  for (const n of [0, 1] as const) {
    const e = f.nodes?.[n];
    text += `  - peer: ${n}\n    host: ${e?.addr ?? ''}\n    port: ${e?.port ?? 0}\n`;
  }
  text += 'packets:\n';
  for (const r of f.records) text += yamlRecord(r);
  return text;
}

function yamlRecord(r: FollowRecord): string {
  const b64 = toBase64(r.data);
  let lines = '';
  for (let i = 0; i < b64.length; i += 76) lines += `      ${b64.slice(i, i + 76)}\n`;
  return `  - packet: ${r.frame}\n    peer: ${r.server ? 1 : 0}\n    timestamp: ${printfSeconds(r.tsSec + r.tsNsec / 1e9)}\n`
    + `    data: !!binary |\n${lines}`;
}

/**
 * tap-follow.c prints nstime_to_sec() with "%.9f": a double, so 1357492952.275121 s shows as 1357492952.275120974
 * (ties rounded to even, as glibc does).
 */
export function printfSeconds(x: number): string {
  return printfFixed(x, 9);
}
