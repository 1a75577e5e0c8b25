/**
 * The coloring rules `synack-capture read --color` applies, found where tshark finds them: the personal colorfilters
 * file of Wireshark's default profile ($WIRESHARK_CONFIG_DIR, else $XDG_CONFIG_HOME/wireshark or ~/.config/wireshark,
 * or the legacy ~/.wireshark when only that exists; %APPDATA%\Wireshark on Windows), else Wireshark's defaults (the
 * global file tshark falls back on: shared/coloring/wireshark-colorfilters.ts). A rule the display filter cannot compile
 * never matches, as tshark skips it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ColoringRules, parseColorFilters } from '../../../shared/coloring/coloring-rules';
import { DEFAULT_COLORING_RULES } from '../../../shared/coloring/default-coloring-rules';

/** Where Wireshark's default profile keeps its personal colorfilters file. */
export function personalColorFiltersPath(env: NodeJS.ProcessEnv = process.env, home = homedir(), platform = process.platform): string {
  if (env.WIRESHARK_CONFIG_DIR) return join(env.WIRESHARK_CONFIG_DIR, 'colorfilters');
  if (platform === 'win32') return join(env.APPDATA ?? home, 'Wireshark', 'colorfilters');
  const xdg = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'wireshark'), legacy = join(home, '.wireshark');
  return join(!existsSync(xdg) && existsSync(legacy) ? legacy : xdg, 'colorfilters');
}

/** The rules tshark --color would apply, and the file they came from (null: Wireshark's defaults). */
export function loadColoringRules(env: NodeJS.ProcessEnv = process.env, home = homedir()): { rules: ColoringRules; path: string | null } {
  const path = personalColorFiltersPath(env, home);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { rules: DEFAULT_COLORING_RULES, path: null };   // no personal file (or unreadable): the global defaults
  }
  return { rules: new ColoringRules(parseColorFilters(text)), path };
}

/** Whether some rule of `rules` is a display filter (it reads the tracked row's view, not only the decoder's facts). */
export function needsRowView(rules: ColoringRules): boolean {
  return rules.rules.some((_, k) => rules.supported(k) && !rules.ownTestOf(k));
}
