/**
 * JSON as it travels inside control frames: ASCII only (every non-ASCII character is written as a \uXXXX
 * escape, so no UTF-8 codec is needed and shared/ stays ES2022-only), and byte arrays (`Uint8Array`, e.g.
 * packet bytes and raw addresses) as `{"$b64": "…"}` objects, turned back into Uint8Array on parse.
 * Parsing never throws: a byte ≥ 0x80 or malformed JSON gives `{ ok: false, message }`.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** RFC 4648 base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out[o++] = B64.charCodeAt((n >> 18) & 63);
    out[o++] = B64.charCodeAt((n >> 12) & 63);
    out[o++] = i + 1 < bytes.length ? B64.charCodeAt((n >> 6) & 63) : 61;
    out[o++] = i + 2 < bytes.length ? B64.charCodeAt(n & 63) : 61;
  }
  return asciiText(out);
}

/** ASCII bytes → string, in slices so String.fromCharCode never gets too many arguments. */
function asciiText(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]));
  }
  return parts.join('');
}

/** Decodes padded base64; null when the text is not valid base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const c = text.charCodeAt(i + k);
      const isPad = c === 61 && i + k >= text.length - pad;
      const v = isPad ? 0 : c < 128 ? B64_INDEX[c] : -1;
      if (v < 0) return null;
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

function replacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? { $b64: toBase64(value) } : value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const b64 = (value as { $b64?: unknown }).$b64;
    if (keys.length === 1 && typeof b64 === 'string') {
      const bytes = fromBase64(b64);
      if (!bytes) throw new SyntaxError('invalid base64 in $b64');
      return bytes;
    }
  }
  return value;
}

/** JSON text → ASCII bytes. */
export function encodeWireJson(value: unknown): Uint8Array {
  const text = JSON.stringify(value, replacer) ?? 'null';
  const out = new Uint8Array(text.length * 6); // worst case: every char escaped as \uXXXX
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) { out[o++] = c; continue; }
    const hex = c.toString(16).padStart(4, '0');
    out[o++] = 92; out[o++] = 117; // \u
    for (let k = 0; k < 4; k++) out[o++] = hex.charCodeAt(k);
  }
  return out.slice(0, o);
}

export type WireJsonResult = { ok: true; value: unknown } | { ok: false; message: string };

/** ASCII bytes → value. Non-ASCII bytes, bad JSON or bad base64 are reported, never thrown. */
export function decodeWireJson(bytes: Uint8Array): WireJsonResult {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] >= 0x80) return { ok: false, message: `non-ASCII byte 0x${bytes[i].toString(16)} at ${i}` };
  }
  try {
    return { ok: true, value: JSON.parse(asciiText(bytes), reviver) };
  } catch (e) {
    return { ok: false, message: `invalid JSON: ${(e as Error).message}` };
  }
}
