/**
 * `npm run build` (electron-vite build: main, preload, renderer) keeps working without the Electron binary,
 * produces the entries the app and the packages rely on, and the result passes @doyensec/electronegativity
 * (run offline through its programmatic runner) except for findings reviewed in
 * test/electron/electronegativity-allowlist.json.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileIdentity } from '../../electron/capture/file-source';
import { REPO_ROOT, SEED_PCAP } from '../support/paths';

interface Finding { id: string; file: string; location?: { line: number }; description?: string }
interface AllowEntry { id: string; file: string; reason: string }

const out = mkdtempSync(join(tmpdir(), 'synack-build-'));
const read = (p: string): string => readFileSync(join(out, p), 'utf8');

/** Module specifiers a built ES module imports statically or dynamically. */
function importsOf(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:^|\n)\s*import\s[^;]*?from\s*"([^"]+)"|import\("([^"]+)"\)|require\("([^"]+)"\)/g)) found.add(m[1] ?? m[2] ?? m[3]);
  return [...found];
}

beforeAll(() => {
  // No Electron binary is needed (or present here): electron-vite reads Electron's version from its package.json.
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', out, '--logLevel', 'warn'], {
    cwd: REPO_ROOT, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
}, 300_000);

describe('electron-vite build', () => {
  it('emits main, the capture worker entry, the CommonJS preload and the renderer', () => {
    for (const f of ['main/index.js', 'main/capture-worker.js', 'preload/index.cjs', 'renderer/index.html']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
  });

  it('puts the worker where the Linux polkit launcher runs it', () => {
    const launcher = readFileSync(join(REPO_ROOT, 'build/linux/synack-capture-launcher'), 'utf8');
    expect(launcher).toContain('resources/app.asar/out/main/capture-worker.js');
    expect(read('main/index.js')).toContain('capture-worker.js');
    expect(read('main/index.js')).toContain('../preload/index.cjs');
  });

  it('emits the decode thread beside the capture worker, and it decodes a file as its own entry', async () => {
    expect(read('main/capture-worker.js')).toContain('decode-thread');
    const worker = new Worker(join(out, 'main/decode-thread.js'), { workerData: { path: SEED_PCAP, identity: await fileIdentity(SEED_PCAP) } });
    const messages: { type: string; block?: { count: number } }[] = [];
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (m: { type: string }) => { messages.push(m); if (m.type !== 'block') resolve(); });
      worker.on('error', reject);
    });
    await worker.terminate();
    expect(messages.map((m) => m.type)).toEqual(['block', 'end']);
    expect(messages[0].block?.count).toBe(9);
  });

  it('emits the byte-search thread beside the capture worker, and it searches a file as its own entry', async () => {
    expect(read('main/capture-worker.js')).toContain('byte-match-thread');
    const worker = new Worker(join(out, 'main/byte-match-thread.js'), { workerData: { path: SEED_PCAP, req: { filter: 'frame contains 7f:00:00:01', fromFrame: 1, throughFrame: 9 } } });
    const done = await new Promise<{ type: string; frames: number; matches: Uint8Array[] }>((resolve, reject) => {
      worker.on('message', (m: { type: string; frames: number; matches: Uint8Array[] }) => { if (m.type !== 'progress') resolve(m); });
      worker.on('error', reject);
    });
    await worker.terminate();
    expect(done).toMatchObject({ type: 'done', frames: 9 });
    expect([...done.matches[0]]).toEqual([0xff, 0x01]);                        // every frame of the seed: 127.0.0.1
  });

  it('bundles the sandboxed preload into one CommonJS file that requires only electron', () => {
    const code = read('preload/index.cjs');
    expect(importsOf(code)).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s/m);
  });

  it('keeps main and the worker free of renderer code, with cap and electron external', () => {
    for (const f of ['main/index.js', 'main/capture-worker.js', 'main/decode-thread.js', 'main/byte-match-thread.js']) {
      const deps = importsOf(read(f)).filter((d) => !d.startsWith('node:') && !d.startsWith('./'));
      expect(deps.every((d) => ['electron', 'cap'].includes(d)), `${f}: ${deps.join(', ')}`).toBe(true);
      expect(read(f)).not.toMatch(/createApp\(|defineStore\(/);
    }
    expect(importsOf(read('main/capture-worker.js'))).not.toContain('electron');
  });

  it('builds the renderer with relative asset paths and its CSP meta tag', () => {
    const html = read('renderer/index.html');
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js">/);
    expect(html).toMatch(/http-equiv="Content-Security-Policy"/);
  });
});

describe('electronegativity', () => {
  it('finds nothing that is not explained in the reviewed allow-list', async () => {
    const allow = JSON.parse(readFileSync(join(REPO_ROOT, 'test/electron/electronegativity-allowlist.json'), 'utf8')) as { entries: AllowEntry[] };
    for (const e of allow.entries) expect(e.reason.length, `${e.id} ${e.file} needs a reason`).toBeGreaterThan(40);
    const require = createRequire(import.meta.url);
    const run = require('@doyensec/electronegativity/dist/runner.js') as (o: object) => Promise<{ issues: Finding[]; errors: unknown[] }>;
    // Offline: its translation and release look-ups fail fast and it falls back to the bundled data.
    const quiet = console.log;
    console.log = () => undefined;
    let result: { issues: Finding[]; errors: unknown[] };
    try {
      result = await run({ input: out, isRelative: true, electronVersionOverride: require('electron/package.json').version });
    } finally {
      console.log = quiet;
    }
    const key = (x: { id: string; file: string }): string => `${x.id} ${x.file}`;
    const allowed = new Set(allow.entries.map(key));
    const unexplained = result.issues.filter((i) => !allowed.has(key(i))).map((i) => `${key(i)}:${i.location?.line} ${i.description}`);
    expect(unexplained).toEqual([]);
    const stale = allow.entries.filter((e) => !result.issues.some((i) => key(i) === key(e))).map(key);
    expect(stale, 'allow-list entries that match nothing any more').toEqual([]);
    expect(result.errors).toEqual([]);
  }, 300_000);
});
