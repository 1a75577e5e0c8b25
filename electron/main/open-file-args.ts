/**
 * What the app was asked to open: from its own argv at start, from a second launch's argv (forwarded by
 * the single-instance lock) or from the OS (macOS `open-file`). Chromium adds its own switches to argv
 * (and to a second instance's argv on Linux), so every `-…` argument other than ours is ignored; the
 * first remaining argument is the file, resolved against the launching process's working directory.
 *
 *   synack [FILE] [--smoke [FILE]] [--smoke-screenshot PNG] [--smoke-timeout SECONDS]
 */
import { isAbsolute, join, resolve } from 'node:path';
import { isPlausiblePath } from './settings';

/** Extensions the OS file association and drag & drop accept (the worker sniffs the format by magic). */
export const CAPTURE_EXTENSIONS = ['.pcap', '.pcapng', '.cap'] as const;

export interface SmokeArgs {
  /** Where to write the screenshot (PNG). */
  screenshot: string;
  timeoutMs: number;
}

export interface AppArgs {
  file: string | null;
  /** Set with --smoke: open, wait for the expected rows, screenshot, exit 0 (1 on timeout). */
  smoke: SmokeArgs | null;
}

export interface ArgvContext {
  /** process.defaultApp: true when run as `electron .` (argv[1] is the app path), false when packaged. */
  defaultApp: boolean;
  /** Working directory of the process whose argv this is. */
  cwd: string;
}

const DEFAULT_SMOKE_TIMEOUT_MS = 60_000;

/** The positional arguments, after the executable (and the app path in development). */
function userArgs(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1);
}

export function parseAppArgs(argv: readonly string[], ctx: ArgvContext): AppArgs {
  const args = userArgs(argv, ctx.defaultApp);
  let file: string | null = null;
  let smoke = false;
  let screenshot = join(ctx.cwd, 'synack-smoke.png');
  let timeoutMs = DEFAULT_SMOKE_TIMEOUT_MS;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--smoke') { smoke = true; continue; }
    if (a === '--smoke-screenshot' && isPlausiblePath(args[i + 1])) { screenshot = resolve(ctx.cwd, args[++i]); continue; }
    if (a === '--smoke-timeout' && /^\d{1,4}$/.test(args[i + 1] ?? '')) { timeoutMs = Number(args[++i]) * 1000; continue; }
    if (a === '--') continue;
    if (a.startsWith('-')) continue; // Chromium / Electron switches
    if (file === null && isPlausiblePath(a)) file = isAbsolute(a) ? a : resolve(ctx.cwd, a);
  }
  return { file, smoke: smoke ? { screenshot, timeoutMs } : null };
}

/** The file a second launch asked for (second-instance event: its argv and working directory). */
export function fileFromSecondInstance(argv: readonly string[], cwd: string, defaultApp: boolean): string | null {
  return parseAppArgs(argv, { defaultApp, cwd }).file;
}

/** Whether a dropped or associated file looks like a capture by its name. */
export function hasCaptureExtension(path: string): boolean {
  const lower = path.toLowerCase();
  return CAPTURE_EXTENSIONS.some((ext) => lower.endsWith(ext) || lower.endsWith(`${ext}.gz`));
}

export interface AppLocation {
  isPackaged: boolean;
  /** process.resourcesPath (packaged: where extraResources land). */
  resourcesPath: string;
  /** app.getAppPath() (development: the repository root). */
  appPath: string;
}

/** The bundled seed capture (resources/seed-lo0.pcap), opened when no file is given and by Help › Learn TCP. */
export function seedCapturePath(loc: AppLocation): string {
  return loc.isPackaged ? join(loc.resourcesPath, 'seed-lo0.pcap') : join(loc.appPath, 'resources', 'seed-lo0.pcap');
}

/**
 * Collects files the OS asks to open before the window can take them (macOS sends `open-file` before
 * `ready`); the latest wins, as when a user double-clicks several files in a row.
 */
export class PendingOpen {
  private path: string | null = null;
  private deliver: ((path: string) => void) | null = null;

  /** A file to open: delivered now when a receiver is attached, else kept. */
  push(path: string): void {
    if (!isPlausiblePath(path)) return;
    if (this.deliver) this.deliver(path);
    else this.path = path;
  }

  /** Attaches the receiver; returns the file kept so far (or null) and delivers later ones directly. */
  attach(deliver: (path: string) => void): string | null {
    this.deliver = deliver;
    const p = this.path;
    this.path = null;
    return p;
  }

  /** Takes the kept file without attaching (the renderer asks for its initial file once). */
  take(): string | null {
    const p = this.path;
    this.path = null;
    return p;
  }
}
