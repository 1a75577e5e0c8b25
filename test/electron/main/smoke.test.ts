import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { parseProbe, runSmoke, SMOKE_PROBE_SCRIPT, smokeState } from '../../../electron/main/smoke';

/** Runs the probe script in a real DOM (happy-dom), as executeJavaScript runs it in the page. */
function probeIn(html: string, attrs: Record<string, string> = {}): unknown {
  const window = new Window();
  window.document.body.innerHTML = html;
  for (const [k, v] of Object.entries(attrs)) window.document.documentElement.setAttribute(k, v);
  const run = new Function('document', `return ${SMOKE_PROBE_SCRIPT};`) as (d: unknown) => unknown;
  return run(window.document);
}

describe('smoke probe', () => {
  it('reads the data attributes the renderer sets on <html>', () => {
    const raw = probeIn('<div></div>', { 'data-synack-packets': '9', 'data-synack-conversations': '1' });
    expect(parseProbe(raw)).toEqual({ packets: 9, conversations: 1, error: null });
  });

  it('falls back to the status bar text', () => {
    const raw = probeIn('<footer role="status"><span>Packets: 1,234</span> <span>Conversations: 3</span></footer>');
    expect(parseProbe(raw)).toEqual({ packets: 1234, conversations: 3, error: null });
  });

  it('reports a renderer error', () => {
    const raw = probeIn('', { 'data-synack-error': 'Cannot reach the capture worker' });
    expect(parseProbe(raw)).toEqual({ packets: 0, conversations: 0, error: 'Cannot reach the capture worker' });
  });

  it('sees nothing in an empty page', () => {
    expect(parseProbe(probeIn(''))).toBeNull();
    expect(parseProbe('garbage')).toBeNull();
  });

  it('passes only on exactly 9 packets and 1 conversation, fails on an error', () => {
    expect(smokeState({ packets: 9, conversations: 1, error: null })).toBe('passed');
    expect(smokeState({ packets: 8, conversations: 1, error: null })).toBe('waiting');
    expect(smokeState({ packets: 9, conversations: 1, error: 'x' })).toBe('failed');
    expect(smokeState(null)).toBe('waiting');
  });
});

/** A virtual clock: sleep advances it, so the loop runs without waiting. */
function fakeDeps(results: unknown[]) {
  let t = 0;
  const log: string[] = [];
  let shots = 0;
  return {
    deps: {
      probe: async () => (results.length > 1 ? results.shift() : results[0]),
      screenshot: async () => { shots++; },
      now: () => t,
      sleep: async (ms: number) => { t += ms; },
      log: (l: string) => log.push(l),
    },
    log, shots: () => shots,
  };
}

describe('runSmoke', () => {
  it('exits 0 once the page shows the rows, after writing the screenshot', async () => {
    const f = fakeDeps([null, { packets: '3', conversations: '1' }, { packets: '9', conversations: '1' }]);
    expect(await runSmoke(f.deps, 10_000)).toBe(0);
    expect(f.shots()).toBe(1);
    expect(f.log).toEqual(['smoke: ok (9 packets, 1 conversations)']);
  });

  it('exits 1 on timeout, still writing the screenshot and saying what it saw', async () => {
    const f = fakeDeps([{ packets: '4', conversations: '1' }]);
    expect(await runSmoke(f.deps, 2_000)).toBe(1);
    expect(f.shots()).toBe(1);
    expect(f.log[0]).toMatch(/FAILED \(timeout after 2000 ms\); saw 4 packets, 1 conversations/);
  });

  it('exits 1 at once on a renderer error', async () => {
    const f = fakeDeps([{ error: 'worker died' }]);
    expect(await runSmoke(f.deps, 60_000)).toBe(1);
    expect(f.log[0]).toMatch(/renderer error.*worker died/);
  });

  it('survives a failing probe and a failing screenshot', async () => {
    const f = fakeDeps([{ packets: '9', conversations: '1' }]);
    f.deps.probe = async () => { throw new Error('page gone'); };
    f.deps.screenshot = async () => { throw new Error('no surface'); };
    expect(await runSmoke(f.deps, 1000)).toBe(1);
    expect(f.log[0]).toBe('smoke: screenshot failed: no surface');
  });
});
