/**
 * Wireshark's default coloring rules (shared/coloring): the rule each packet gets must be the one `tshark --color`
 * names (frame.coloring_rule.name) on every frame of the corpus, and of hand-built frames for the rules the
 * corpus never reaches (routing protocols, the TTL rule's multicast side, ICMP types, broadcasts). The only
 * differences allowed are the ones SynAck's port-based dissector choice makes, each recognised from tshark's own
 * frame.protocols: a heuristic dissector (HTTP on port 2375, DCE/RPC on 502 …) or TLS-decrypted HTTP that
 * SynAck does not run, and an HTTP segment Wireshark holds back for reassembly (no `http` on it, so plain TCP).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../../electron/capture/pipeline';
import { parseColorFilters } from '../../../shared/coloring/coloring-rules';
import { DEFAULT_COLORING_RULES } from '../../../shared/coloring/default-coloring-rules';
import { WIRESHARK_COLORFILTERS } from '../../../shared/coloring/wireshark-colorfilters';
import { COLOR_FACTS } from '../../../shared/wire/decoded-packet';
import { concat, fields, ipv4Packet, ipv4Tcp, udp } from '../../support/capture-bytes';
import { CORPUS_DIR, REPO_ROOT, SEED_PCAP } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { writePcap } from '../../support/write-pcap';

const hasTshark = requireTool('tshark');
const FILES = readdirSync(CORPUS_DIR).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort();

/** Per frame number: tshark's rule name and frame.protocols. */
function tsharkRules(path: string): Map<number, { rule: string; protocols: string }> {
  const run = (): string => {
    try {
      return execFileSync('tshark', ['-r', path, '--color', '-T', 'fields', '-e', 'frame.number', '-e', 'frame.coloring_rule.name', '-e', 'frame.protocols'],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
    } catch (e) {
      return (e as { stdout?: string }).stdout ?? '';   // a file ending in a cut record: what came before it
    }
  };
  const out = run();
  return new Map(out.split('\n').filter((l) => l.length > 0).map((l) => {
    const [frame, rule, protocols] = l.split('\t');
    return [Number(frame), { rule, protocols: protocols ?? '' }];
  }));
}

/** Per frame number: SynAck's rule name and the row's facts. */
async function ourRules(path: string): Promise<Map<number, { rule: string; facts: number }>> {
  const { columns } = await analyzeFile(path, { decodeThread: 'off' });
  const out = new Map<number, { rule: string; facts: number }>();
  for (let i = 0; i < columns.rows; i++) {
    const k = DEFAULT_COLORING_RULES.match(columns, i);
    out.set(columns.frame[i], { rule: k < 0 ? '' : DEFAULT_COLORING_RULES.rules[k].name, facts: columns.colorFacts[i] });
  }
  return out;
}

const hasProtocol = (protocols: string, name: string): boolean => protocols.split(':').includes(name);

/** Why SynAck may differ on a frame, or null when it must not. */
function explained(theirs: { rule: string; protocols: string }, ours: { rule: string; facts: number }): string | null {
  if ((theirs.rule === 'HTTP' || theirs.rule === 'DCERPC') && ours.rule === 'TCP' && hasProtocol(theirs.protocols, theirs.rule.toLowerCase())) {
    return 'a dissector Wireshark found by heuristics (or in decrypted TLS)';
  }
  if (theirs.rule === 'TCP' && ours.rule === 'HTTP' && !hasProtocol(theirs.protocols, 'http')
    && (ours.facts & (COLOR_FACTS.PAYLOAD_MASK | COLOR_FACTS.TCP_PORT_80)) === COLOR_FACTS.PAYLOAD_HTTP) {
    return 'an HTTP segment Wireshark holds for reassembly';
  }
  return null;
}

async function compare(path: string): Promise<{ frames: number; explainedDifferences: number }> {
  const theirs = tsharkRules(path), ours = await ourRules(path);
  let explainedDifferences = 0;
  for (const [frame, t] of theirs) {
    const o = ours.get(frame);
    // A pcapng record that is no packet (a Custom Block) has a frame number in tshark and no row here: no rule either.
    if (o === undefined) { expect(t.rule, `${path} frame ${frame}: no row`).toBe(''); continue; }
    if (o.rule === t.rule) continue;
    expect(explained(t, o), `${path} frame ${frame}: tshark "${t.rule}" (${t.protocols}), SynAck "${o.rule}"`).not.toBeNull();
    explainedDifferences++;
  }
  return { frames: theirs.size, explainedDifferences };
}

describe('Wireshark\'s default coloring rules', () => {
  it('are read from Wireshark\'s colorfilters text: 20 rules, in order, background then foreground', () => {
    const rules = DEFAULT_COLORING_RULES.rules;
    expect(rules.map((r) => r.name)).toEqual(parseColorFilters(WIRESHARK_COLORFILTERS).map((r) => r.name));
    expect(rules).toHaveLength(20);
    expect(rules[0]).toEqual({ name: 'Bad TCP', filter: 'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack',
      background: '#12272e', foreground: '#f78787' });
    expect(rules.filter((_, k) => !DEFAULT_COLORING_RULES.supported(k)).map((r) => r.name))
      .toEqual(['HSRP State Change', 'Spanning Tree Topology  Change', 'SCTP ABORT', 'Checksum Errors', 'DCERPC', 'System Event']);
    // A `!@` line is a rule listed but not applied (Wireshark keeps it on import): it never matches.
    expect(parseColorFilters('# comment\n!@Off@tcp@[1,2,3][4,5,6]\n@On@udp@[65535,0,256][0,0,0]\n')).toEqual([
      { name: 'Off', filter: 'tcp', background: '#000000', foreground: '#000000', disabled: true },
      { name: 'On', filter: 'udp', background: '#ff0001', foreground: '#000000' }]);
  });

  it.skipIf(!hasTshark || !existsSync('/usr/share/wireshark/colorfilters'))('are the ones tshark installs', () => {
    expect(WIRESHARK_COLORFILTERS).toBe(readFileSync('/usr/share/wireshark/colorfilters', 'utf8'));
  });

  it.skipIf(!hasTshark)('give every corpus frame the rule tshark --color names, but for explained dissector differences', async () => {
    let frames = 0, differences = 0;
    for (const f of FILES) {
      const r = await compare(join(CORPUS_DIR, f));
      frames += r.frames; differences += r.explainedDifferences;
    }
    expect(frames).toBeGreaterThan(30_000);
    expect(differences).toBeLessThan(frames / 1000);
  }, 300_000);

  it.skipIf(!hasTshark)('are printed by read --color -T fields as tshark --color prints them, and empty without --color', () => {
    for (const path of [SEED_PCAP, join(CORPUS_DIR, 'zeek__smtp.pcap')]) {
      const args = ['-r', path, '-Y', 'tcp', '-T', 'fields', '-e', 'frame.number', '-e', 'frame.coloring_rule.name', '-e', 'frame.coloring_rule.string'];
      const run = (cmd: string, a: string[]): string => execFileSync(cmd, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      const ours = (extra: string[]): string => run(process.execPath, [join(REPO_ROOT, 'bin', 'synack-capture.mjs'), 'read', ...args.slice(1), ...extra]);
      expect(ours(['--color'])).toBe(run('tshark', [...args, '--color']));
      expect(ours([])).toBe(run('tshark', args));
      expect(ours(['--color'])).toContain('\tTCP SYN/FIN\ttcp.flags & 0x02 || tcp.flags.fin == 1\n');
    }
  });

  it.skipIf(!hasTshark)('match tshark on frames for the rules the corpus does not reach', async () => {
    const lan: [number, number, number, number] = [10, 0, 0, 1], peer: [number, number, number, number] = [10, 0, 0, 2];
    const eth = (dst: number[], type: number, body: Uint8Array): Uint8Array => concat(Uint8Array.from(dst), Uint8Array.of(0, 0x66, 0x77, 0x88, 0x99, 0xaa), fields(false, [type, 2]), body);
    const unicast = [0, 0x11, 0x22, 0x33, 0x44, 0x55], group = [0x01, 0x80, 0xc2, 0, 0, 0x0e];
    const withTtl = (ip: Uint8Array, ttl: number): Uint8Array => { const c = ip.slice(); c[8] = ttl; c[10] = 0; c[11] = 0; return c; };
    const ip = (proto: number, dst: number[], payload: Uint8Array, ttl = 64): Uint8Array => eth(unicast, 0x0800, withTtl(ipv4Packet(proto, lan, dst, payload), ttl));
    const ospf = (type: number): Uint8Array => concat(Uint8Array.of(2, type), fields(false, [44, 2]), Uint8Array.from(lan), new Uint8Array(36));
    const icmp = (type: number): Uint8Array => concat(Uint8Array.of(type, 0, 0, 0, 0, 0, 0, 0), new Uint8Array(28));
    const frames = [
      ip(89, [224, 0, 0, 5], ospf(1), 1),                 // OSPF hello: Routing
      ip(89, [224, 0, 0, 5], ospf(4), 1),                 // OSPF LS update: OSPF State Change
      ip(2, [224, 0, 0, 22], Uint8Array.of(0x22, 0, 0, 0, 0, 0, 0, 0), 1),   // IGMPv3 report: Routing
      ip(112, [224, 0, 0, 18], new Uint8Array(20), 255),  // VRRP: Routing
      ip(17, [224, 0, 0, 100], udp(5000, 5000, new Uint8Array(4)), 2),   // local multicast, TTL 2: TTL low or unexpected
      ip(17, [224, 0, 0, 251], udp(5353, 5353, new Uint8Array(12)), 255),   // mDNS: UDP
      ip(17, peer, udp(40000, 9999, new Uint8Array(4)), 3),   // unicast TTL 3: TTL low or unexpected
      ip(17, peer, udp(137, 137, new Uint8Array(50))),    // NetBIOS name service: SMB
      ip(17, peer, udp(40001, 138, new Uint8Array(0))),   // NetBIOS datagram port, no data: UDP
      ip(1, peer, icmp(8)),                               // echo request: ICMP
      ip(1, peer, icmp(3)),                               // destination unreachable: ICMP errors
      ip(1, peer, icmp(12)),                              // parameter problem: ICMP (not in the errors rule)
      eth(unicast, 0x0800, ipv4Tcp({ src: lan, dst: peer, sport: 443, dport: 3128, seq: 1, ack: 1, flags: 0x18, payload: new Uint8Array(10) })),   // TLS, not HTTP
      eth(unicast, 0x0800, ipv4Tcp({ src: lan, dst: peer, sport: 40002, dport: 8080, seq: 1, ack: 1, flags: 0x18, payload: new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n') })),
      eth(unicast, 0x0800, ipv4Tcp({ src: lan, dst: peer, sport: 40003, dport: 445, seq: 1, ack: 1, flags: 0x18, payload: Uint8Array.of(0, 0, 0, 4, 0xff, 0x53, 0x4d, 0x42) })),
      eth(unicast, 0x0800, ipv4Tcp({ src: lan, dst: peer, sport: 40004, dport: 179, seq: 1, ack: 1, flags: 0x18, payload: concat(new Uint8Array(16).fill(0xff), Uint8Array.of(0, 19, 4)) })),
      eth(group, 0x88cc, new Uint8Array(40)),            // LLDP to a group address: Broadcast
      eth(unicast, 0x88cc, new Uint8Array(40)),          // the same, unicast: no rule
    ];
    const path = writePcap('coloring-rules', 'rules', frames);
    const theirs = tsharkRules(path), ours = await ourRules(path);
    expect([...ours.values()].map((o) => o.rule)).toEqual([...theirs.values()].map((t) => t.rule));
    expect([...theirs.values()].map((t) => t.rule)).toEqual([
      'Routing', 'OSPF State Change', 'Routing', 'Routing', 'TTL low or unexpected', 'UDP', 'TTL low or unexpected', 'SMB', 'UDP',
      'ICMP', 'ICMP errors', 'ICMP', 'TCP', 'HTTP', 'SMB', 'Routing', 'Broadcast', '']);
  });
});
