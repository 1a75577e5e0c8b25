/**
 * The token file next to an elevated worker's socket (electron/capture/worker-token.ts), on real files: the
 * worker may read it as root from a directory its caller named, so everything that is not the app's own
 * private, plain file must be refused without being read.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, linkSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { takeTokenFile, TOKEN_FILE, writeTokenFile } from '../../../electron/capture/worker-token';
import { requireRoot } from '../../support/require-tool';

const TOKEN = '0123456789abcdef'.repeat(2);
const dirs: string[] = [];

afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A fresh private directory (0700, as worker-socket.ts makes it) and its socket path. */
function privateDir(): { dir: string; sock: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'synack-token-'));
  dirs.push(dir);
  return { dir, sock: join(dir, 'worker.sock'), file: join(dir, TOKEN_FILE) };
}

describe('worker token file', () => {
  it('is written for its owner only, read once and deleted', () => {
    const { dir, sock, file } = privateDir();
    expect(writeTokenFile(dir, TOKEN)).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(() => writeTokenFile(dir, TOKEN)).toThrow(/EEXIST/);
    expect(takeTokenFile(sock)).toBe(TOKEN);
    expect(existsSync(file)).toBe(false);
    expect(() => takeTokenFile(sock)).toThrow(/ENOENT/);
  });

  it('refuses a symlink, a hard link, a FIFO or an oversized file in its place, leaving them unread', () => {
    const elsewhere = privateDir();
    writeFileSync(join(elsewhere.dir, 'secret'), `${TOKEN}\n`);
    const cases: [string, (file: string) => void, RegExp][] = [
      ['symlink', (f) => symlinkSync(join(elsewhere.dir, 'secret'), f), /ELOOP/],
      ['hard link', (f) => linkSync(join(elsewhere.dir, 'secret'), f), /not a plain token file/],
      ['fifo', (f) => execFileSync('mkfifo', [f]), /not a plain token file/],
      ['big', (f) => writeFileSync(f, `${TOKEN}\n`.repeat(20)), /not a plain token file/],
    ];
    for (const [name, plant, why] of cases) {
      const { sock, file } = privateDir();
      plant(file);
      expect(() => takeTokenFile(sock), name).toThrow(why);
      expect(existsSync(file), name).toBe(true);
    }
    expect(readFileSync(join(elsewhere.dir, 'secret'), 'utf8')).toBe(`${TOKEN}\n`);
  });

  it('refuses a directory others may enter, or a symlink to a private directory', () => {
    const open = privateDir();
    writeTokenFile(open.dir, TOKEN);
    chmodSync(open.dir, 0o755);
    expect(() => takeTokenFile(open.sock)).toThrow(/open to other users/);
    expect(existsSync(open.file)).toBe(true);

    const real = privateDir();
    writeTokenFile(real.dir, TOKEN);
    const link = join(privateDir().dir, 'link');
    symlinkSync(real.dir, link);
    expect(() => takeTokenFile(join(link, 'worker.sock'))).toThrow(/not a directory/);
    expect(existsSync(real.file)).toBe(true);
  });

  it('refuses content that is not a token', () => {
    for (const bad of ['', 'short', `${TOKEN.toUpperCase()}\n`, `${TOKEN}\n\n`, `${TOKEN} `]) {
      const { sock, file } = privateDir();
      writeFileSync(file, bad, { mode: 0o600 });
      expect(() => takeTokenFile(sock), JSON.stringify(bad)).toThrow(/does not hold a token/);
    }
  });

  it.skipIf(!requireRoot())('refuses, as root, a file its directory\'s owner does not own', () => {
    const { dir, sock, file } = privateDir();
    writeTokenFile(dir, TOKEN);
    chownSync(file, 65534, 65534);
    expect(() => takeTokenFile(sock)).toThrow(/does not belong to the owner/);
    expect(existsSync(file)).toBe(true);
  });
});
