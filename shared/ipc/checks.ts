/**
 * Tiny composable runtime checks for JSON payloads: each `Check` returns null when the value fits, or a
 * sentence naming the path of the first field that does not ("payload.flows[2].portA: expected an
 * integer 0..65535"). Objects are closed: an unknown key is an error, so a peer speaking another
 * version of the contract is noticed instead of half-understood.
 */
export type Check = (value: unknown, path: string) => string | null;

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : v instanceof Uint8Array ? 'bytes' : typeof v;

export const num: Check = (v, p) =>
  typeof v === 'number' && Number.isFinite(v) ? null : `${p}: expected a finite number, got ${describe(v)}`;

export function int(min: number, max: number): Check {
  return (v, p) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : `${p}: expected an integer ${min}..${max}, got ${typeof v === 'number' ? v : describe(v)}`;
}

export const uint = int(0, Number.MAX_SAFE_INTEGER);
export const u32 = int(0, 0xffffffff);
export const i32 = int(-0x80000000, 0x7fffffff);

export function str(maxLength = 4096): Check {
  return (v, p) =>
    typeof v !== 'string' ? `${p}: expected a string, got ${describe(v)}`
      : v.length > maxLength ? `${p}: string longer than ${maxLength}` : null;
}

export const bool: Check = (v, p) => (typeof v === 'boolean' ? null : `${p}: expected a boolean, got ${describe(v)}`);

export function literal(...allowed: readonly (string | number | boolean)[]): Check {
  return (v, p) => (allowed.includes(v as never) ? null : `${p}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(v) ?? describe(v)}`);
}

export function nullable(check: Check): Check {
  return (v, p) => (v === null ? null : check(v, p));
}

export function bytes(maxLength: number, lengths?: readonly number[]): Check {
  return (v, p) => {
    if (!(v instanceof Uint8Array)) return `${p}: expected bytes, got ${describe(v)}`;
    if (v.length > maxLength) return `${p}: more than ${maxLength} bytes`;
    if (lengths && !lengths.includes(v.length)) return `${p}: expected ${lengths.join(' or ')} bytes, got ${v.length}`;
    return null;
  };
}

export function arrayOf(item: Check, maxItems: number): Check {
  return (v, p) => {
    if (!Array.isArray(v)) return `${p}: expected an array, got ${describe(v)}`;
    if (v.length > maxItems) return `${p}: more than ${maxItems} items`;
    for (let i = 0; i < v.length; i++) {
      const bad = item(v[i], `${p}[${i}]`);
      if (bad) return bad;
    }
    return null;
  };
}

/** A closed object: `required` keys must be present, `optional` ones may be, nothing else. */
export function obj(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (v, p) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array) {
      return `${p}: expected an object, got ${describe(v)}`;
    }
    const rec = v as Record<string, unknown>;
    for (const key of Object.keys(rec)) {
      if (!(key in required) && !(key in optional)) return `${p}: unknown field "${key}"`;
    }
    for (const [key, check] of Object.entries(required)) {
      if (!(key in rec)) return `${p}: missing field "${key}"`;
      const bad = check(rec[key], `${p}.${key}`);
      if (bad) return bad;
    }
    for (const [key, check] of Object.entries(optional)) {
      if (key in rec && rec[key] !== undefined) {
        const bad = check(rec[key], `${p}.${key}`);
        if (bad) return bad;
      }
    }
    return null;
  };
}

/** A check for recursive shapes (the detail tree), with a depth limit so hostile nesting cannot recurse far. */
export function recursive(build: (self: Check) => Check, maxDepth: number): Check {
  let depth = 0;
  const self: Check = (v, p) => {
    if (depth >= maxDepth) return `${p}: nested deeper than ${maxDepth}`;
    depth++;
    try {
      return inner(v, p);
    } finally {
      depth--;
    }
  };
  const inner = build(self);
  return self;
}
