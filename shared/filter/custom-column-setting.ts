/**
 * A custom packet-list column as the user set it up (Apply as Column, or the list header's menu) and as settings.json
 * keeps it: Wireshark's column preference (title, fields, occurrence, shown or not). Checked wherever one comes in —
 * the settings file, the page's request to main — so a hand-edited or hostile value never reaches the list.
 */
import { parseFieldColumn } from './field-column';

export interface CustomColumnSetting {
  /** Stable id (the list's column id is `custom-<id>`), so sort keys and hidden state survive other columns' removal. */
  id: number;
  title: string;
  /** One field or several joined by `||` (field-column.ts). */
  fields: string;
  /** 0: every occurrence; n > 0 the n-th; n < 0 the n-th from the last. */
  occurrence: number;
  hidden: boolean;
}

export const MAX_CUSTOM_COLUMNS = 32;
const MAX_TITLE = 80;
const MAX_FIELDS = 200;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether `v` is one well-formed setting whose fields SynAck knows. */
export function isCustomColumnSetting(v: unknown): v is CustomColumnSetting {
  if (!isObject(v) || Object.keys(v).length !== 5) return false;
  const { id, title, fields, occurrence, hidden } = v;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < 1e6
    && typeof title === 'string' && title.trim().length > 0 && title.length <= MAX_TITLE
    && typeof fields === 'string' && fields.length <= MAX_FIELDS && typeof occurrence === 'number' && typeof hidden === 'boolean'
    && parseFieldColumn(fields, occurrence).ok;
}

/** The valid settings of `raw` (an array), ids unique, at most MAX_CUSTOM_COLUMNS; anything else is dropped. */
export function customColumnSettings(raw: unknown): CustomColumnSetting[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<number>();
  const out: CustomColumnSetting[] = [];
  for (const v of raw) {
    if (out.length === MAX_CUSTOM_COLUMNS || !isCustomColumnSetting(v) || seen.has(v.id)) continue;
    seen.add(v.id);
    out.push({ id: v.id, title: v.title, fields: v.fields, occurrence: v.occurrence, hidden: v.hidden });
  }
  return out;
}

/** Whether `raw` is an array of valid settings that customColumnSettings keeps whole (a request checks this). */
export function isCustomColumnList(raw: unknown): raw is CustomColumnSetting[] {
  return Array.isArray(raw) && raw.length <= MAX_CUSTOM_COLUMNS && customColumnSettings(raw).length === raw.length;
}
