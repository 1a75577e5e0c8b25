/**
 * The user's own coloring rules (and Wireshark's defaults edited) run as display filters: on every frame of every corpus
 * capture and the seed, the rule SynAck picks must be the one `tshark -2 --color` picks with the same colorfilters file
 * in its configuration directory (WIRESHARK_CONFIG_DIR). The list mixes rules on analysis flags, lengths, streams (as
 * Colorize Conversation makes them), completeness, ACK RTT, payload bytes, a disabled rule, a rule neither can compile
 * (both skip it) and unchanged default rules (SynAck's own tests) after them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ColoringRules, defaultColoringRules, formatColorFilters, parseColorFilters, type ColoringRule } from '../../../shared/coloring/coloring-rules';
import { conversationRule } from '../../../shared/coloring/conversation-colors';
import { CORPUS_DIR, REPO_ROOT, SEED_PCAP, TEST_OUTPUT_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { captureColumns, loadPipeline } from '../filter/filter-pipeline';

const hasTshark = requireTool('tshark');
const FILES = [SEED_PCAP, ...readdirSync(CORPUS_DIR).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort().map((f) => join(CORPUS_DIR, f))];

const rule = (name: string, filter: string, background = '#ff0000', disabled = false): ColoringRule =>
  ({ name, filter, background, foreground: '#000000', ...(disabled ? { disabled: true } : {}) });

const DEFAULTS = defaultColoringRules();
const USER_RULES: ColoringRule[] = [
  rule('Not a field here', 'hsrp.statex != 8'),
  conversationRule(2, 3),
  rule('Disabled SYN', 'tcp.flags.syn == 1', '#0000ff', true),
  rule('Retransmissions', 'tcp.analysis.retransmission || tcp.analysis.fast_retransmission || tcp.analysis.spurious_retransmission'),
  rule('Dup ACK 2+', 'tcp.analysis.duplicate_ack_num >= 2'),
  rule('Big', 'tcp.len >= 1000 && !(tcp.srcport in {80, 443, 8080})'),
  rule('Whole conversation FIN', 'tcp.completeness == 31 && tcp.flags.fin == 1'),
  rule('Slow ACK', 'tcp.analysis.ack_rtt > 0.005'),
  rule('GET', 'tcp.payload contains "GET "'),
  rule('Scaled small window', 'tcp.window_size < 2000 && tcp.window_size_scalefactor > 1'),
  rule('Late in stream', 'tcp.time_relative > 1 && tcp.stream < 5'),
  rule('DNS', 'udp.port == 53'),
  ...DEFAULTS,
];

/** A Wireshark configuration directory whose colorfilters file holds `rules`. */
function configDir(rules: readonly ColoringRule[]): string {
  const dir = join(TEST_OUTPUT_DIR, 'coloring-config');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'colorfilters'), formatColorFilters(rules));
  return dir;
}

/** tshark's rule name per frame number with `rules` as its colorfilters file. */
function tsharkRuleNames(path: string, rules: readonly ColoringRule[]): Map<number, string> {
  const dir = configDir(rules);
  let out: string;
  try {
    out = execFileSync('tshark', ['-2', '-r', path, '--color', '-T', 'fields', '-e', 'frame.number', '-e', 'frame.coloring_rule.name'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28, env: { ...process.env, WIRESHARK_CONFIG_DIR: dir } });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? '';   // a file ending in a cut record: what came before it
  }
  return new Map(out.split('\n').filter((l) => l.length > 0).map((l) => { const [f, name] = l.split('\t'); return [Number(f), name ?? '']; }));
}

describe('coloring rules that are display filters, against tshark -2 --color', () => {
  it('writes and reads a colorfilters file: disabled rules keep their `!`, colours their 8 bits', () => {
    const again = parseColorFilters(formatColorFilters(USER_RULES));
    expect(again).toEqual(USER_RULES);
    expect(formatColorFilters([rule('A', 'tcp', '#12ab00', true)])).toContain('!@A@tcp@[4626,43947,0][0,0,0]');
  });

  it('says why a rule it cannot compile never matches, and evaluates the others', () => {
    const rules = new ColoringRules(USER_RULES);
    expect(rules.problem(0)).toMatch(/hsrp\.statex/);
    expect(rules.supported(0)).toBe(false);
    expect(rules.supported(2)).toBe(false);      // disabled
    expect(rules.problem(2)).toBeNull();
    expect(rules.supported(3)).toBe(true);
    expect(rules.fields.map((f) => f.name)).toContain('tcp.analysis.ack_rtt');
  });

  it.skipIf(!hasTshark)('picks tshark\'s rule on every frame of the corpus and the seed', async () => {
    const { pipeline, missing } = await loadPipeline();
    expect(missing).toEqual([]);
    const rules = new ColoringRules(USER_RULES);
    const byRule = new Map<string, number>();
    let frames = 0;
    for (const path of FILES) {
      const theirs = tsharkRuleNames(path, USER_RULES);
      const { cols, ctx } = captureColumns(pipeline!, path);
      for (let i = 0; i < cols.rows; i++) {
        const k = rules.match(cols, i, ctx), ours = k < 0 ? '' : USER_RULES[k].name;
        const t = theirs.get(cols.frame[i]);
        if (t === undefined) continue;
        // The default rules' own differences (heuristic dissectors) are coloring-rules.test.ts's: only user rules here.
        if (DEFAULTS.some((d) => d.name === t) && DEFAULTS.some((d) => d.name === ours)) continue;
        expect(ours, `${path} frame ${cols.frame[i]}`).toBe(t);
        byRule.set(ours, (byRule.get(ours) ?? 0) + 1);
        frames++;
      }
    }
    // Every user rule that can match did on some frame: the comparison reached each of them.
    for (const r of USER_RULES.slice(1, 12)) if (!r.disabled) expect(byRule.get(r.name) ?? 0, r.name).toBeGreaterThan(0);
    expect(frames).toBeGreaterThan(1000);
  }, 600_000);

  it.skipIf(!hasTshark)('read --color applies the colorfilters file tshark --color reads (WIRESHARK_CONFIG_DIR), with -Y or without', () => {
    const env = { ...process.env, WIRESHARK_CONFIG_DIR: configDir(USER_RULES) };
    const run = (cmd: string, a: string[]): string => execFileSync(cmd, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env, maxBuffer: 1 << 28 });
    const ours = (a: string[]): string => run(process.execPath, [join(REPO_ROOT, 'bin', 'synack-capture.mjs'), 'read', ...a]);
    const fields = ['-T', 'fields', '-e', 'frame.number', '-e', 'frame.coloring_rule.name', '-e', 'frame.coloring_rule.string'];
    let userRuleLines = 0;
    for (const path of [SEED_PCAP, ...['tcpdump__tcp-handshake-nano.pcap', 'zeek__smtp.pcap', 'gopacket__cip.pcap'].map((f) => join(CORPUS_DIR, f))]) {
      for (const twoPass of [['-2'], []]) {
        const theirs = run('tshark', [...twoPass, '-r', path, '--color', '-Y', 'tcp', ...fields]);
        expect(ours([path, ...twoPass, '--color', ...fields]), `${path} ${twoPass}`).toBe(theirs);
        const filtered = run('tshark', [...twoPass, '-r', path, '--color', '-Y', 'tcp.len > 0 || udp', ...fields]);
        expect(ours([path, ...twoPass, '--color', '-Y', 'tcp.len > 0 || udp', ...fields]), `${path} ${twoPass} -Y`).toBe(filtered);
        userRuleLines += theirs.split('\n').filter((l) => USER_RULES.slice(0, 12).some((r) => l.includes(`\t${r.name}\t`))).length;
      }
    }
    expect(userRuleLines).toBeGreaterThan(10);
  }, 120_000);
});
