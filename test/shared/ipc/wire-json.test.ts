import { describe, expect, it } from 'vitest';
import { decodeWireJson, encodeWireJson, fromBase64, toBase64 } from '../../../shared/ipc/wire-json';

describe('wire JSON', () => {
  it('base64 matches RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['foobar', 'Zm9vYmFy']];
    for (const [plain, b64] of vectors) {
      const bytes = Uint8Array.from(plain, (c) => c.charCodeAt(0));
      expect(toBase64(bytes)).toBe(b64);
      expect(fromBase64(b64)).toEqual(bytes);
    }
  });

  it('base64 round-trips every byte value and long inputs', () => {
    const bytes = Uint8Array.from({ length: 70_001 }, (_, i) => (i * 7) & 255);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });

  it('rejects invalid base64', () => {
    for (const bad of ['Zg=', 'Z===', 'Zm9v!A==', 'Zg==Zg==', 'Zé==']) expect(fromBase64(bad)).toBeNull();
  });

  it('encodes only ASCII bytes and restores non-ASCII text and byte arrays', () => {
    const value = { label: 'SYN → SYN-ACK 😀', bytes: new Uint8Array([127, 0, 0, 1]), nested: [{ b: new Uint8Array(0) }] };
    const wire = encodeWireJson(value);
    expect(wire.every((b) => b < 0x80)).toBe(true);
    const back = decodeWireJson(wire);
    expect(back).toEqual({ ok: true, value });
  });

  it('reports non-ASCII bytes, bad JSON and bad $b64 as values', () => {
    expect(decodeWireJson(new Uint8Array([0x22, 0xc3, 0xa9, 0x22]))).toMatchObject({ ok: false, message: /non-ASCII/ });
    expect(decodeWireJson(Uint8Array.from('{"a":', (c) => c.charCodeAt(0)))).toMatchObject({ ok: false, message: /invalid JSON/ });
    expect(decodeWireJson(Uint8Array.from('{"$b64":"%%%%"}', (c) => c.charCodeAt(0)))).toMatchObject({ ok: false });
  });
});
