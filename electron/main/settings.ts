/**
 * Settings persisted in the user data dir (settings.json): theme, zoom, hidden list columns, custom columns, row colours, time format, recent files,
 * window bounds. The file is read with a schema that keeps every valid field and drops the rest, so a
 * hand-edited or older file never stops the app from starting; writes go to a temp file renamed over the
 * old one, so a crash mid-write leaves the previous settings intact. No `electron` import: main passes
 * app.getPath('userData').
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { customColumnSettings, type CustomColumnSetting } from '../../shared/filter/custom-column-setting';
import { coloringRuleSettings } from '../../shared/coloring/coloring-rule-settings';
import type { ColoringRule } from '../../shared/coloring/coloring-rules';

export type Theme = 'system' | 'light' | 'dark';
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

/** Column ids of the renderer's packet list (renderer/stores/view-settings.ts LIST_COLUMNS). */
export const LIST_COLUMN_IDS = ['frame', 'time', 'source', 'destination', 'flags', 'seq', 'ack', 'win', 'len', 'stream', 'info'] as const;
export type ListColumnId = (typeof LIST_COLUMN_IDS)[number];

/** What the packet list's row backgrounds show (renderer/stores/view-settings.ts RowColors). */
export const ROW_COLORS = ['phases', 'wireshark', 'none'] as const;
export type RowColors = (typeof ROW_COLORS)[number];

/**
 * The packet list's time display formats (renderer/format/packet-time.ts TIME_FORMATS ids, Wireshark's View ▸ Time
 * Display Format order): a clock format with its zone, or a zone-less one.
 */
export const TIME_FORMAT_IDS = [
  'datetime-local', 'doy-local', 'absolute-local', 'epoch', 'relative', 'delta', 'deltaDisplayed', 'datetime-utc', 'doy-utc', 'absolute-utc',
  'conversation',
] as const;
export type TimeFormatId = (typeof TIME_FORMAT_IDS)[number];

export interface WindowBounds { x: number; y: number; width: number; height: number; maximized: boolean }

export interface Settings {
  theme: Theme;
  /** Chromium zoom level (0 = 100 %, each step ≈ 20 %), clamped to ZOOM_MIN..ZOOM_MAX. */
  zoomLevel: number;
  hiddenColumns: ListColumnId[];
  /** Columns of display-filter fields (Apply as Column), in list order after the built-in ones. */
  customColumns: CustomColumnSetting[];
  rowColors: RowColors;
  timeFormat: TimeFormatId;
  /** View ▸ Coloring Rules, in order; null: Wireshark's defaults. */
  coloringRules: ColoringRule[] | null;
  /** Most recent first, absolute paths, at most MAX_RECENT. */
  recentFiles: string[];
  window: WindowBounds | null;
}

export const ZOOM_MIN = -3;
export const ZOOM_MAX = 5;
export const MAX_RECENT = 10;
const MAX_PATH = 4096;

export function defaultSettings(): Settings {
  return { theme: 'system', zoomLevel: 0, hiddenColumns: [], customColumns: [], rowColors: 'phases', timeFormat: 'relative', coloringRules: null, recentFiles: [], window: null };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e6;

/** A usable path string: non-empty, bounded, no NUL. */
export function isPlausiblePath(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_PATH && !v.includes('\0');
}

function parseBounds(v: unknown): WindowBounds | null {
  if (!isObject(v)) return null;
  const { x, y, width, height, maximized } = v;
  if (!isFiniteInt(x) || !isFiniteInt(y) || !isFiniteInt(width) || !isFiniteInt(height)) return null;
  if (width < 200 || height < 150) return null;
  return { x, y, width, height, maximized: maximized === true };
}

/** Keeps each valid field of `raw`, takes the default for the others. Never throws. */
export function parseSettings(raw: unknown): Settings {
  const s = defaultSettings();
  if (!isObject(raw)) return s;
  if (THEMES.includes(raw.theme as Theme)) s.theme = raw.theme as Theme;
  if (typeof raw.zoomLevel === 'number' && Number.isFinite(raw.zoomLevel)) {
    s.zoomLevel = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, Math.round(raw.zoomLevel)));
  }
  if (Array.isArray(raw.hiddenColumns)) {
    s.hiddenColumns = LIST_COLUMN_IDS.filter((c) => (raw.hiddenColumns as unknown[]).includes(c));
  }
  s.customColumns = customColumnSettings(raw.customColumns);
  if (ROW_COLORS.includes(raw.rowColors as RowColors)) s.rowColors = raw.rowColors as RowColors;
  if (TIME_FORMAT_IDS.includes(raw.timeFormat as TimeFormatId)) s.timeFormat = raw.timeFormat as TimeFormatId;
  s.coloringRules = coloringRuleSettings(raw.coloringRules);
  if (Array.isArray(raw.recentFiles)) {
    s.recentFiles = [...new Set(raw.recentFiles.filter(isPlausiblePath))].slice(0, MAX_RECENT);
  }
  s.window = parseBounds(raw.window);
  return s;
}

/** Reads and writes one settings.json. */
export class SettingsFile {
  readonly path: string;

  constructor(userDataDir: string) {
    this.path = join(userDataDir, 'settings.json');
  }

  /** The stored settings; defaults when the file is missing, unreadable or not JSON. */
  load(): Settings {
    try {
      return parseSettings(JSON.parse(readFileSync(this.path, 'utf8')));
    } catch {
      return defaultSettings();
    }
  }

  /** Writes atomically (temp file + rename); the caller passes a parsed Settings value. */
  save(settings: Settings): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.path);
  }

  /** Applies `change` to the stored settings, saves and returns the result. */
  update(change: (s: Settings) => Settings): Settings {
    const next = parseSettings(change(this.load()));
    this.save(next);
    return next;
  }
}
