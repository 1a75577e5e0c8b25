/**
 * The oracle for the filter differential test: which frames tshark 4.0 matches for each of many display
 * filters, in ONE two-pass tshark run per file. A generated Lua script registers one tap `Listener` per
 * expression (a tap's filter is a display filter, evaluated on the second pass exactly like `-2 -Y`);
 * each tap records frame numbers and the script prints them at the end. Results are cached under
 * test-output/filter-oracle/ keyed by tshark version, file and expression list.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TEST_OUTPUT_DIR } from '../../support/paths';

const CACHE_DIR = join(TEST_OUTPUT_DIR, 'filter-oracle');

/** A Lua long string that cannot be closed by the text inside it. */
function luaString(s: string): string {
  let eq = '';
  while (s.includes(`]${eq}]`)) eq += '=';
  return `[${eq}[${s}]${eq}]`;
}

function luaScript(expressions: readonly string[]): string {
  return `local filters = { ${expressions.map(luaString).join(', ')} }
local hits = {}
for i, f in ipairs(filters) do
  hits[i] = {}
  local tap = Listener.new(nil, f)
  function tap.packet(pinfo) table.insert(hits[i], pinfo.number) end
end
local printed = false
local last = Listener.new(nil, nil)
function last.draw()
  if printed then return end
  printed = true
  for i = 1, #filters do io.write("SYNACK-ORACLE\\t", i, "\\t", table.concat(hits[i], " "), "\\n") end
end
`;
}

function tsharkVersion(): string {
  return execFileSync('tshark', ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0];
}

/** Frame numbers tshark -2 matches, per expression (same order). Throws if tshark rejects an expression. */
export function tsharkMatches(file: string, expressions: readonly string[], options: readonly string[] = []): number[][] {
  const key = createHash('sha256')
    .update(tsharkVersion()).update(basename(file)).update(String(statSync(file).size)).update(JSON.stringify(expressions))
    .update(JSON.stringify(options))
    .digest('hex').slice(0, 20);
  const cached = join(CACHE_DIR, `${basename(file)}.${key}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as number[][];
  mkdirSync(CACHE_DIR, { recursive: true });
  const script = join(CACHE_DIR, `oracle-${key}.lua`);
  writeFileSync(script, luaScript(expressions));
  const stdout = runTshark(['-2', '-q', '-n', ...options, '-r', file, '-X', `lua_script:${script}`]);
  const result: number[][] = expressions.map(() => []);
  let lines = 0;
  for (const line of stdout.split('\n')) {
    const [tag, index, frames] = line.split('\t');
    if (tag !== 'SYNACK-ORACLE') continue;
    lines++;
    result[Number(index) - 1] = frames ? frames.split(' ').map(Number).sort((a, b) => a - b) : [];
  }
  if (lines !== expressions.length) throw new Error(`tshark oracle printed ${lines} of ${expressions.length} results for ${file}`);
  writeFileSync(cached, JSON.stringify(result));
  return result;
}

/**
 * tshark's stdout. A file tshark stops reading part-way (cut short, an unsupported block or link type: exit
 * status 2) still gets its taps drawn for the frames read before the problem, which is what -Y shows too.
 */
function runTshark(args: string[]): string {
  try {
    return execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (e) {
    const err = e as { status?: number; stdout?: string };
    if (err.status === 2 && typeof err.stdout === 'string' && err.stdout.includes('SYNACK-ORACLE')) return err.stdout;
    throw e;
  }
}

/** The same through `tshark -2 -Y EXPR` (slow: one run per expression), to check the Lua oracle itself. */
export function tsharkMatchesOne(file: string, expression: string): number[] {
  const out = execFileSync('tshark', ['-2', '-n', '-r', file, '-Y', expression, '-T', 'fields', '-e', 'frame.number'], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out.split('\n').filter(Boolean).map(Number);
}
