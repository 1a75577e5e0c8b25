/**
 * Who may talk to the web host. It listens on 127.0.0.1 only, and a page on another site must not reach it
 * through the browser either, so every request passes three checks:
 * - Host must name a loopback host (127.0.0.1, localhost, [::1]; any port, so an SSH tunnel's local port
 *   works) — this defeats DNS rebinding, where a hostile name resolves to 127.0.0.1;
 * - the token: in the page URL (`?token=`), then in an HttpOnly SameSite=Strict cookie for the page's own
 *   assets; the WebSocket needs it in its URL;
 * - a WebSocket upgrade's Origin must be this host's own origin (browsers always send Origin there).
 * Tokens are compared in constant time.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const COOKIE_NAME = 'synack_token';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type Verdict = { ok: true; viaQuery: boolean } | { ok: false; status: number; reason: string };

/** Host header → hostname when it is a loopback name with an optional port, else null. */
export function loopbackHostname(host: string | undefined): string | null {
  if (!host) return null;
  const m = /^(\[::1\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(host);
  if (!m) return null;
  const name = m[1].toLowerCase();
  return LOOPBACK_HOSTS.has(name) ? name : null;
}

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(headers: IncomingHttpHeaders): string | null {
  for (const part of (headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE_NAME) return v.join('=');
  }
  return null;
}

/** Checks an HTTP request for a page or asset. */
export function checkHttp(url: URL, headers: IncomingHttpHeaders, token: string): Verdict {
  if (!loopbackHostname(headers.host)) return { ok: false, status: 421, reason: 'Host must be a loopback address' };
  const q = url.searchParams.get('token');
  if (q !== null) return tokensEqual(q, token) ? { ok: true, viaQuery: true } : { ok: false, status: 403, reason: 'wrong token' };
  const c = cookieToken(headers);
  if (c !== null && tokensEqual(c, token)) return { ok: true, viaQuery: false };
  return { ok: false, status: 403, reason: 'a token is required (open the URL the web host printed)' };
}

/** Checks a WebSocket upgrade: loopback Host, Origin of the same host, token in the URL. */
export function checkUpgrade(url: URL, headers: IncomingHttpHeaders, token: string): Verdict {
  if (!loopbackHostname(headers.host)) return { ok: false, status: 421, reason: 'Host must be a loopback address' };
  const origin = headers.origin;
  if (origin !== undefined && origin !== `http://${headers.host}`) {
    return { ok: false, status: 403, reason: `Origin ${origin} is not this host` };
  }
  const q = url.searchParams.get('token');
  if (q === null || !tokensEqual(q, token)) return { ok: false, status: 403, reason: 'wrong or missing token' };
  return { ok: true, viaQuery: true };
}
