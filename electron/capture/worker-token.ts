/**
 * The one-time token an elevated worker presents when it connects back (worker-socket.ts), handed over as a
 * file next to the socket: `<private dir>/worker.token`, written by the app, read and deleted by the worker.
 *
 * Why a file: the environment does not survive elevation (pkexec and sudo start the program with a cleaned
 * environment, so the token never arrived that way), and argv is readable by every user (ps). stdin would
 * survive pkexec and sudo, but not Windows' UAC (ShellExecute "runas" cannot hand over pipes) nor macOS's
 * `do shell script … with administrator privileges` (no stdin). The app already owns a private 0700
 * directory for the socket, which root (or an elevated admin) can read on every platform; so the token goes
 * there, and the worker finds it from the `--connect` path it already gets — no new argument.
 *
 * The worker may read it as root from a directory its caller named, so it trusts nothing: the directory must
 * be a real directory only its owner can enter, the file a regular, small, single-link file of the same owner,
 * opened without following a symlink; and it is unlinked as soon as it is read, so a token serves one worker.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endpointDirectory } from './worker-endpoint';

export const TOKEN_FILE = 'worker.token';
const TOKEN = /^[0-9a-f]{32,128}$/;
const MAX_BYTES = 256;
/** Windows has neither O_NOFOLLOW nor POSIX modes; there the admin reads the user's own temp directory. */
const POSIX = process.platform !== 'win32';

/** App side: writes `token` to `dir`/worker.token, readable by its owner only; fails if the file exists. */
export function writeTokenFile(dir: string, token: string): string {
  const path = join(dir, TOKEN_FILE);
  writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return path;
}

/** Worker side: the token next to `socketPath`, checked, then deleted. Throws an Error saying what is wrong. */
export function takeTokenFile(socketPath: string): string {
  const dir = endpointDirectory(socketPath, tmpdir());
  const path = join(dir, TOKEN_FILE);
  const d = lstatSync(dir);
  if (!d.isDirectory()) throw new Error(`${dir} is not a directory`);
  if (POSIX && (d.mode & 0o077) !== 0) throw new Error(`${dir} is open to other users (mode ${(d.mode & 0o777).toString(8)})`);
  // O_NONBLOCK: a FIFO planted under that name cannot hang the worker; fstat refuses it below.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  let text: string;
  try {
    const f = fstatSync(fd);
    if (!f.isFile() || f.nlink !== 1 || f.size > MAX_BYTES) throw new Error(`${path} is not a plain token file`);
    if (POSIX && f.uid !== d.uid) throw new Error(`${path} does not belong to the owner of ${dir}`);
    const buf = Buffer.alloc(MAX_BYTES);
    text = buf.subarray(0, readSync(fd, buf, 0, MAX_BYTES, 0)).toString('latin1');
  } finally {
    closeSync(fd);
  }
  unlinkSync(path);
  const token = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (!TOKEN.test(token)) throw new Error(`${path} does not hold a token`);
  return token;
}
