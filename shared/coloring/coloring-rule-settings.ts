/**
 * The user's coloring rules as settings.json keeps them and the page sends them to main: checked wherever they come in,
 * so a hand-edited or hostile value never reaches the list (bounded count and lengths, colours as #rrggbb). A filter
 * SynAck cannot compile is kept (Wireshark's own rules name protocols SynAck does not decode): it never matches.
 */
import type { ColoringRule } from './coloring-rules';

export const MAX_COLORING_RULES = 256;
const MAX_NAME = 128;
const MAX_FILTER = 4096;
const COLOR = /^#[0-9a-f]{6}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether `v` is one well-formed rule (no other keys). */
export function isColoringRule(v: unknown): v is ColoringRule {
  if (!isObject(v)) return false;
  const { name, filter, background, foreground, disabled } = v;
  const keys = Object.keys(v).length;
  return keys === (disabled === undefined ? 4 : 5) && (disabled === undefined || typeof disabled === 'boolean')
    && typeof name === 'string' && name.length <= MAX_NAME && !/[@\n\r]/.test(name)
    && typeof filter === 'string' && filter.length <= MAX_FILTER && !/[\n\r]/.test(filter)
    && typeof background === 'string' && COLOR.test(background) && typeof foreground === 'string' && COLOR.test(foreground);
}

/** `raw` as a rule list when it is a valid one (null: Wireshark's defaults; anything malformed counts as that). */
export function coloringRuleSettings(raw: unknown): ColoringRule[] | null {
  return isColoringRuleList(raw) ? raw.map(copyRule) : null;
}

/** Whether `raw` is null (the defaults) or an array of at most MAX_COLORING_RULES valid rules (a request checks this). */
export function isColoringRuleList(raw: unknown): raw is ColoringRule[] {
  return Array.isArray(raw) && raw.length <= MAX_COLORING_RULES && raw.every(isColoringRule);
}

export function copyRule(r: ColoringRule): ColoringRule {
  const c: ColoringRule = { name: r.name, filter: r.filter, background: r.background, foreground: r.foreground };
  if (r.disabled) c.disabled = true;
  return c;
}
