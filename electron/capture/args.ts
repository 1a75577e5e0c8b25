/**
 * Strict validation of `synack-capture capture` arguments. This process may run as root, so every value is
 * checked against a whitelist or a range before it reaches libpcap or the file system, nothing is ever passed
 * to a shell, and unknown options are errors. The output path is checked here for shape (a plain file in an
 * existing directory, not a symlink or device); whether the user may write there is decided by the kernel,
 * because the file is created only after the privilege drop, as that user.
 */
import { lstatSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LiveCaptureError } from './live-error';

export const MAX_FILTER_LENGTH = 4096;
export const SNAPLEN_RANGE = [1, 262144] as const;
export const COUNT_RANGE = [1, 1_000_000_000] as const;
/** Seconds: up to one week. */
export const DURATION_RANGE = [0.001, 604_800] as const;
/** Kernel ring, KiB (tcpdump -B): 1 MiB … 1 GiB. */
export const BUFFER_KIB_RANGE = [1024, 1024 * 1024] as const;

export interface CaptureArgs {
  iface: string;
  filter: string;
  snaplen: number | undefined;
  promisc: boolean;
  count: number | undefined;
  durationMs: number | undefined;
  output: string | undefined;
  user: string | undefined;
  bufferKiB: number | undefined;
  format: 'text' | 'json';
  epoch: boolean;
}

/**
 * Parses `args`; returns 'help', an error sentence (usage error), or the arguments. `interfaces` is the real
 * device list; a name not in it throws LiveCaptureError('no-such-interface').
 */
export function parseCaptureArgs(args: readonly string[], interfaces: readonly string[]): CaptureArgs | string | 'help' {
  const out: CaptureArgs = {
    iface: '', filter: '', snaplen: undefined, promisc: true, count: undefined, durationMs: undefined,
    output: undefined, user: undefined, bufferKiB: undefined, format: 'text', epoch: false,
  };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = splitInline(args[i]);
    if (flag === '-h' || flag === '--help') return 'help';
    if (flag === '--no-promisc' || flag === '-p') { out.promisc = false; continue; }
    if (flag === '-tt') { out.epoch = true; continue; }
    if (!TAKES_VALUE.has(flag)) return `unknown option "${args[i]}"`;
    const value = inline ?? args[++i];
    if (value === undefined) return `${flag} needs a value`;
    const problem = applyOption(out, flag, value, interfaces);
    if (problem) return problem;
  }
  if (!out.iface) return 'missing -i IFACE (see "synack-capture interfaces")';
  return out;
}

const TAKES_VALUE = new Set(['-i', '--interface', '-f', '--filter', '-s', '--snaplen', '-c', '--count', '--duration',
  '-w', '--write', '--user', '-Z', '-B', '--buffer-size', '--format']);

function splitInline(a: string): [string, string | undefined] {
  const eq = a.startsWith('--') ? a.indexOf('=') : -1;
  return eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
}

function applyOption(out: CaptureArgs, flag: string, v: string, interfaces: readonly string[]): string | null {
  switch (flag) {
    case '-i': case '--interface':
      if (!interfaces.includes(v)) {
        throw new LiveCaptureError('no-such-interface', `unknown interface "${clip(v)}"; available: ${interfaces.join(', ') || 'none'}`);
      }
      out.iface = v;
      return null;
    case '-f': case '--filter':
      if (v.length > MAX_FILTER_LENGTH) return `capture filter longer than ${MAX_FILTER_LENGTH} characters`;
      if (/[\p{Cc}]/u.test(v.replace(/[\t\n]/g, ' '))) return 'capture filter contains control characters';
      out.filter = v;
      return null;
    case '-s': case '--snaplen':
      return setInt(v, SNAPLEN_RANGE, '-s SNAPLEN', (n) => { out.snaplen = n; });
    case '-c': case '--count':
      return setInt(v, COUNT_RANGE, '-c COUNT', (n) => { out.count = n; });
    case '-B': case '--buffer-size':
      return setInt(v, BUFFER_KIB_RANGE, '-B KIB', (n) => { out.bufferKiB = n; });
    case '--duration': {
      if (!/^\d{1,7}(\.\d{1,6})?$/.test(v)) return `--duration needs seconds, got "${clip(v)}"`;
      const s = Number(v);
      if (s < DURATION_RANGE[0] || s > DURATION_RANGE[1]) return `--duration must be ${DURATION_RANGE[0]}..${DURATION_RANGE[1]} s`;
      out.durationMs = Math.round(s * 1000);
      return null;
    }
    case '-w': case '--write':
      return checkOutputPath(v, (p) => { out.output = p; });
    case '--user': case '-Z':
      if (!/^(\d{1,10}|[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?)$/.test(v)) return `invalid --user "${clip(v)}"`;
      out.user = v;
      return null;
    case '--format':
      if (v !== 'text' && v !== 'json') return `--format must be "text" or "json", got "${clip(v)}"`;
      out.format = v;
      return null;
    default:
      return `unknown option "${flag}"`;
  }
}

function setInt(v: string, [lo, hi]: readonly [number, number], what: string, set: (n: number) => void): string | null {
  if (!/^\d{1,10}$/.test(v) || Number(v) < lo || Number(v) > hi) return `${what} must be an integer in ${lo}..${hi}, got "${clip(v)}"`;
  set(Number(v));
  return null;
}

/** A plain file path: no NUL, an existing directory as parent, and not an existing non-regular file or symlink. */
export function checkOutputPath(v: string, set: (absolute: string) => void): string | null {
  if (v === '' || v.length > 4096 || v.includes('\0')) return '-w needs a file path';
  const p = resolve(v);
  if (p.endsWith('/')) return `-w ${clip(v)}: not a file name`;
  try {
    if (!statSync(dirname(p)).isDirectory()) return `-w ${clip(v)}: parent is not a directory`;
  } catch {
    return `-w ${clip(v)}: directory ${dirname(p)} does not exist`;
  }
  try {
    const st = lstatSync(p);
    if (!st.isFile()) return `-w ${clip(v)}: exists and is not a regular file (symlinks, devices and directories are refused)`;
  } catch {
    // Does not exist yet: created after the privilege drop.
  }
  set(p);
  return null;
}

/** Echoes user input back in messages without flooding the terminal. */
function clip(v: string): string {
  return v.length > 64 ? `${v.slice(0, 64)}…` : v;
}
