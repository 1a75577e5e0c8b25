/**
 * The capture worker's own arguments, validated strictly (the worker may run with capture rights):
 * exactly the options below, each at most once, values checked; anything else is refused.
 *
 *   worker [--stdio] [--connect SOCKET] [--open FILE] [--no-live] [--user NAME|UID] [--export-dir DIR]
 *
 * --user: when started as root (elevated for live capture), the user to become right after the capture
 * device is open (default: the sudo/pkexec invoker); checked by privileges.resolveUser.
 *
 * --export-dir: `file.export` writes only plain file names inside DIR (the web host's export folder; see
 * export-gate.ts).
 *
 * With --connect the worker connects to a Unix socket (in a private 0700 directory created by the app)
 * and first writes `TOKEN_PREAMBLE + token + "\n"`, the token coming from a file the app left next to the
 * socket (./worker-token.ts: it survives pkexec, which clears the environment, and never appears in argv
 * or the environment), so the app knows the peer is the worker it launched.
 */
export const TOKEN_PREAMBLE = 'SYNACK-WORKER ';

export interface WorkerArgs {
  connect: string | null;
  user: string | null;
  open: string | null;
  live: boolean;
  exportDir: string | null;
}

export function parseWorkerArgs(argv: readonly string[]): WorkerArgs | { error: string } {
  const args: WorkerArgs = { connect: null, user: null, open: null, live: true, exportDir: null };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (seen.has(a)) return { error: `${a} given twice` };
    seen.add(a);
    if (a === '--stdio') continue;
    if (a === '--no-live') { args.live = false; continue; }
    if (a === '--user') {
      const v = argv[++i];
      if (v === undefined || !/^[a-z_][a-z0-9_.-]{0,31}$|^\d{1,10}$/i.test(v)) return { error: '--user needs a user name or uid' };
      args.user = v;
      continue;
    }
    if (a === '--connect' || a === '--open' || a === '--export-dir') {
      const v = argv[++i];
      if (v === undefined || v.length === 0 || v.startsWith('--') || v.length > 4096 || v.includes('\0')) {
        return { error: `${a} needs a path` };
      }
      if (a === '--connect') args.connect = v; else if (a === '--open') args.open = v; else args.exportDir = v;
      continue;
    }
    return { error: `unknown argument ${JSON.stringify(a)}` };
  }
  return args;
}
