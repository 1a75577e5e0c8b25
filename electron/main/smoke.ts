/**
 * `--smoke FILE`: the packaged-app check CI runs on each OS. Main opens FILE, polls the page until it shows
 * the expected rows and conversations, writes a screenshot and exits 0; on timeout (or a renderer error)
 * it still writes the screenshot, prints what it saw and exits 1.
 *
 * What the renderer must expose (read with webContents.executeJavaScript in the page's main world):
 * `data-synack-packets` and `data-synack-conversations` on <html> (document.documentElement.dataset.
 * synackPackets / synackConversations), updated whenever the counts change, and `data-synack-error` with
 * the last fatal error text. Until a renderer sets them, the status bar's "Packets: N" / "Conversations: N"
 * text (role=status) is read instead.
 */
export interface SmokeCounts { packets: number; conversations: number; error: string | null }

export const SMOKE_EXPECT = { packets: 9, conversations: 1 } as const;
export const SMOKE_POLL_MS = 250;

/** Runs in the page; returns plain data (strings or null) so the structured clone back to main is trivial. */
export const SMOKE_PROBE_SCRIPT = `(() => {
  const d = document.documentElement.dataset;
  const status = document.querySelector('[role=status]');
  return { packets: d.synackPackets ?? null, conversations: d.synackConversations ?? null,
    error: d.synackError ?? null, status: status ? status.textContent : null };
})()`;

const count = (v: unknown): number | null => (typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : null);

function fromStatus(status: string, label: string): number | null {
  const m = new RegExp(`${label}:\\s*([\\d,]+)`).exec(status);
  return m ? Number(m[1].replace(/,/g, '')) : null;
}

/** Counts from the probe's result; null when the page shows neither attributes nor a status bar yet. */
export function parseProbe(raw: unknown): SmokeCounts | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const status = typeof r.status === 'string' ? r.status : '';
  const packets = count(r.packets) ?? fromStatus(status, 'Packets');
  const conversations = count(r.conversations) ?? fromStatus(status, 'Conversations');
  const error = typeof r.error === 'string' && r.error !== '' ? r.error : null;
  if (packets === null && conversations === null && error === null) return null;
  return { packets: packets ?? 0, conversations: conversations ?? 0, error };
}

export type SmokeState = 'waiting' | 'passed' | 'failed';

export function smokeState(c: SmokeCounts | null, expect: { packets: number; conversations: number } = SMOKE_EXPECT): SmokeState {
  if (!c) return 'waiting';
  if (c.error) return 'failed';
  return c.packets === expect.packets && c.conversations === expect.conversations ? 'passed' : 'waiting';
}

export interface SmokeDeps {
  probe(): Promise<unknown>;
  screenshot(): Promise<void>;
  now(): number;
  sleep(ms: number): Promise<void>;
  log(line: string): void;
}

/** Polls until passed, failed or timed out; always tries the screenshot; returns the exit code. */
export async function runSmoke(deps: SmokeDeps, timeoutMs: number): Promise<0 | 1> {
  const deadline = deps.now() + timeoutMs;
  let last: SmokeCounts | null = null;
  let state: SmokeState = 'waiting';
  while (state === 'waiting' && deps.now() < deadline) {
    last = parseProbe(await deps.probe().catch(() => null)) ?? last;
    state = smokeState(last);
    if (state === 'waiting') await deps.sleep(SMOKE_POLL_MS);
  }
  await deps.screenshot().catch((e: Error) => deps.log(`smoke: screenshot failed: ${e.message}`));
  const seen = last ? `${last.packets} packets, ${last.conversations} conversations${last.error ? `, error: ${last.error}` : ''}` : 'nothing';
  if (state === 'passed') {
    deps.log(`smoke: ok (${seen})`);
    return 0;
  }
  deps.log(`smoke: FAILED (${state === 'failed' ? 'renderer error' : `timeout after ${timeoutMs} ms`}); saw ${seen}; expected ${SMOKE_EXPECT.packets} packets, ${SMOKE_EXPECT.conversations} conversation`);
  return 1;
}
