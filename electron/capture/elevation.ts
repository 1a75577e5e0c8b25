/**
 * The argv that starts the capture worker elevated, once per session, through the platform's own prompt. The
 * elevated worker opens the device, drops to the invoking user (./privileges.ts) and connects back to the app
 * over a private socket. Its one-time token is never in argv or the environment: it lies in a file next to
 * the socket, in the app's private directory, and the worker reads and deletes it (./worker-token.ts), which
 * works the same behind every prompt below, since none of them passes the caller's environment or stdin
 * reliably.
 *
 * - Linux (tested): pkexec runs the launcher shipped in the app's resources directory (build/linux/
 *   synack-capture-launcher, finding the app from its own location). The deb's polkit action names its
 *   installed path in org.freedesktop.policykit.exec.path (build/linux/org.synack.capture.policy), so the
 *   prompt reads "SynAck wants to capture network traffic" and auth_admin_keep spares a second prompt for a
 *   few minutes; installed elsewhere, pkexec falls back to its generic "run as root" prompt. pkexec passes
 *   argv as-is (no shell), clears the environment and sets PKEXEC_UID.
 * - macOS (written, not tested: no Mac here): osascript "do shell script … with administrator privileges"
 *   runs the app's binary as Node (ELECTRON_RUN_AS_NODE=1) on the worker entry as root. That API only takes a
 *   shell command line, so every argument is single-quoted for /bin/sh (quote → '\'') and the whole line is
 *   an AppleScript string literal (\ and " escaped). It records no invoking user, so the app passes --user.
 * - Windows (written, not tested: no Windows here): PowerShell Start-Process -Verb RunAs shows the UAC
 *   prompt; arguments are quoted for CommandLineToArgvW and then as PowerShell single-quoted strings ('').
 *   UAC hands over no pipes; the app listens on a named pipe named after its private temp directory and the
 *   admin reads the token file from that directory (worker-endpoint.ts). Windows has no setuid: an elevated
 *   worker keeps its rights for the session, so the app elevates only when Npcap refuses the user (Npcap
 *   installed in admin-only mode); a default Npcap needs no elevation at all.
 */

/** The launcher's file name in the app's resources directory (electron-builder.yml: linux.extraResources). */
export const LINUX_LAUNCHER_NAME = 'synack-capture-launcher';
/** Where the deb puts it (/opt/${productName}/resources/); must equal exec.path in the polkit policy. */
export const DEB_LAUNCHER = `/opt/SynAck/resources/${LINUX_LAUNCHER_NAME}`;

export interface ElevationTarget {
  /** The app's Electron binary (process.execPath), run as Node with ELECTRON_RUN_AS_NODE=1 (macOS, Windows). */
  execPath?: string;
  /** The worker entry script (macOS, Windows; on Linux the launcher knows it). */
  workerEntry?: string;
  /** Linux: the launcher in the running app's resources directory (join(process.resourcesPath, LINUX_LAUNCHER_NAME)). */
  launcher?: string;
}

export function elevationCommand(platform: NodeJS.Platform, workerArgs: readonly string[], t: ElevationTarget = {}): string[] {
  for (const a of workerArgs) if (a.includes('\0')) throw new Error('worker argument contains NUL');
  switch (platform) {
    case 'linux':
      return ['pkexec', '--disable-internal-agent', required(t.launcher, 'launcher'), ...workerArgs];
    case 'darwin':
      return macCommand(required(t.execPath, 'execPath'), required(t.workerEntry, 'workerEntry'), workerArgs);
    case 'win32':
      return windowsCommand(required(t.execPath, 'execPath'), required(t.workerEntry, 'workerEntry'), workerArgs);
    default:
      throw new Error(`no elevation prompt for platform ${platform}`);
  }
}

function required(v: string | undefined, name: string): string {
  if (!v) throw new Error(`elevationCommand needs ${name} on this platform`);
  return v;
}

/** POSIX sh single quoting: 'it'\''s'. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function macCommand(execPath: string, entry: string, args: readonly string[]): string[] {
  const line = ['ELECTRON_RUN_AS_NODE=1', ...[execPath, entry, ...args].map(shQuote)].join(' ');
  const literal = `"${line.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const script = `do shell script ${literal} with prompt "SynAck wants to capture network traffic" with administrator privileges`;
  return ['/usr/bin/osascript', '-e', script];
}

/** CommandLineToArgvW quoting (backslashes doubled only before a quote). */
export function winQuote(s: string): string {
  if (s !== '' && !/[\s"]/.test(s)) return s;
  return `"${s.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
}

function windowsCommand(execPath: string, entry: string, args: readonly string[]): string[] {
  const ps = (s: string): string => `'${s.replace(/'/g, "''")}'`;
  const argLine = [entry, ...args].map(winQuote).join(' ');
  // ELECTRON_RUN_AS_NODE is inherited by the elevated process from this PowerShell's environment.
  const command = `$env:ELECTRON_RUN_AS_NODE='1'; Start-Process -FilePath ${ps(execPath)} -ArgumentList ${ps(argLine)} -Verb RunAs -WindowStyle Hidden`;
  return ['powershell.exe', '-NoProfile', '-NonInteractive', '-Command', command];
}
