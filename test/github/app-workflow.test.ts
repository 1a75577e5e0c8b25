/**
 * .github/workflows/app.yml builds and smoke-runs the packaged app on the three desktop OSes; this keeps the
 * workflow in step with the scripts, the builder config and the app's --smoke flag.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/paths';

interface Step { name?: string; run?: string; uses?: string; if?: string; with?: Record<string, unknown> }
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const wf = parse(readFileSync(join(REPO_ROOT, '.github/workflows/app.yml'), 'utf8')) as any;
const job = wf.jobs.package;
const steps = job.steps as Step[];
const runs = steps.map((s) => s.run ?? '').join('\n');
const builder = parse(readFileSync(join(REPO_ROOT, 'build/electron-builder.yml'), 'utf8')) as { productName: string; executableName: string };

describe('app workflow', () => {
  it('runs on Linux, macOS and Windows without stopping the others on a failure', () => {
    const os: string[] = job.strategy.matrix.os;
    expect(os.some((o) => o.startsWith('ubuntu'))).toBe(true);
    expect(os.some((o) => o.startsWith('macos'))).toBe(true);
    expect(os.some((o) => o.startsWith('windows'))).toBe(true);
    expect(job.strategy['fail-fast']).toBe(false);
  });

  it('installs with npm ci, builds, then packages without publishing', () => {
    const order = ['npm ci', 'npm run build', 'electron-builder --config build/electron-builder.yml --publish never', '--smoke'];
    const at = order.map((s) => runs.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('uses a Node that electron-builder 26 supports', () => {
    const setup = steps.find((s) => s.uses?.startsWith('actions/setup-node'));
    expect(Number(setup?.with?.['node-version'])).toBeGreaterThanOrEqual(22);
  });

  it('smoke-runs the packaged binary of each OS on the seed, under Xvfb on Linux, and checks the screenshot', () => {
    expect(runs).toContain(`xvfb-run -a --server-args='-screen 0 1440x900x24' dist/linux-unpacked/${builder.executableName} --smoke resources/seed-lo0.pcap`);
    expect(runs).toContain(`ls -d dist/mac*/${builder.productName}.app`);
    expect(runs).toContain(`/Contents/MacOS/${builder.productName}" --smoke resources/seed-lo0.pcap`);
    expect(runs).toContain(`dist/win-unpacked/${builder.executableName}.exe --smoke resources/seed-lo0.pcap`);
    expect(runs).toMatch(/test -s "\$shot"/);
  });

  it('uploads the packages and, even on failure, the screenshot', () => {
    const uploads = steps.filter((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(String(uploads[0].with?.path)).toMatch(/AppImage[\s\S]*deb[\s\S]*dmg[\s\S]*exe/);
    expect(uploads[1].if).toBe('always()');
  });
});
