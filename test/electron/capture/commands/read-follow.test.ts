import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, REPO_ROOT, SEED_PCAP } from '../../../support/paths';
import { requireTool } from '../../../support/require-tool';

const CLI = join(REPO_ROOT, 'bin', 'synack-capture.mjs');
const read = (args: string[]) => spawnSync(process.execPath, [CLI, 'read', ...args], { encoding: 'latin1' });

describe('synack-capture read -z follow,tcp', () => {
  it.skipIf(!requireTool('tshark'))('takes tshark\'s own command line and prints what it prints (-r, -q, -z)', () => {
    const file = join(CORPUS_DIR, 'zeek__smtp.pcap');
    for (const mode of ['raw', 'ascii', 'hex', 'yaml']) {
      const args = ['-r', file, '-q', '-z', `follow,tcp,${mode},5`];
      const ours = read(args);
      expect(ours.status).toBe(0);
      expect(ours.stdout).toBe(execFileSync('tshark', args, { encoding: 'latin1', stdio: ['ignore', 'pipe', 'ignore'] }));
    }
  });

  it.each([
    [['-z', 'follow,tcp,base64,0'], 'unknown mode "base64"'],
    [['-z', 'follow,tcp,raw'], 'use follow,tcp,MODE,STREAM'],
    [['-z', 'follow,udp,raw,0'], '-z supports only'],
    [['-z', 'follow,tcp,raw,0', '-z', 'follow,tcp,raw,1'], 'only one -z follow,tcp at a time'],
    [['-z', 'follow,tcp,raw,0', '-Y', 'tcp'], 'takes no -Y'],
  ])('refuses %j with exit status 2: %s', (args, message) => {
    const r = read([SEED_PCAP, ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('-z conv,tcp is --conversations', () => {
    expect(read([SEED_PCAP, '-q', '-z', 'conv,tcp']).stdout).toBe(read([SEED_PCAP, '--conversations']).stdout);
  });
});
