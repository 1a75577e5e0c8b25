/**
 * The capture worker's own arguments, validated strictly (the worker may run with capture rights):
 * exactly the options below, each at most once, values checked; anything else is refused.
 *
 *   worker [--stdio] [--connect SOCKET] [--open FILE] [--no-live] [--user NAME|UID]
 *
 * --user: when started as root (elevated for live capture), the user to become right after the capture
 * device is open (default: the sudo/pkexec invoker); checked by privileges.resolveUser.
 *
 * With --connect the worker connects to a Unix socket (in a private 0700 directory created by the app)
 * and first writes `TOKEN_PREAMBLE + token + "\n"`, the token coming from the environment variable
 * SYNACK_WORKER_TOKEN (never argv, which other users can read in ps), so the app knows the peer is the
 * worker it launched.
 */
export const TOKEN_ENV = 'SYNACK_WORKER_TOKEN';
export const TOKEN_PREAMBLE = 'SYNACK-WORKER ';

export interface WorkerArgs {
  connect: string | null;
  user: string | null;
  open: string | null;
  live: boolean;
}

export function parseWorkerArgs(argv: readonly string[]): WorkerArgs | { error: string } {
  const args: WorkerArgs = { connect: null, user: null, open: null, live: true };
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
    if (a === '--connect' || a === '--open') {
      const v = argv[++i];
      if (v === undefined || v.length === 0 || v.startsWith('--') || v.length > 4096 || v.includes('\0')) {
        return { error: `${a} needs a path` };
      }
      if (a === '--connect') args.connect = v; else args.open = v;
      continue;
    }
    return { error: `unknown argument ${JSON.stringify(a)}` };
  }
  return args;
}

/** A one-time token: 32 hex characters from the environment, or null when missing or malformed. */
export function tokenFromEnv(env: NodeJS.ProcessEnv): string | null {
  const t = env[TOKEN_ENV];
  return typeof t === 'string' && /^[0-9a-f]{32,128}$/.test(t) ? t : null;
}
