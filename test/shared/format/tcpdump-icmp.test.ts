/**
 * ICMP and ICMPv6 in tcpdump-style text (shared/format/tcpdump-icmp*.ts) against the installed tcpdump 4.99.3,
 * run as the other tcpdump tests run it: `tcpdump -nn -tt -vv -r FILE`. Every ICMP record must equal tcpdump's
 * text exactly, continuation lines included (the quoted datagram, RFC 4884 extensions, ND options), except what
 * a payload dissector adds after a quoted TCP segment's "length N" (": HTTP", ": SMTP …"), which we do not
 * reproduce for TCP either. Other packets follow tcpdump-compare's rule. Without -v tcpdump prints the same
 * first ICMP line (minus the checksum complaint), which the last test checks.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICMP4_ERRORS, ICMP6_ERRORS, icmpErrorFrames, writeIcmpErrorCapture } from '../../fixtures/icmp-error-capture';
import {
  icmpTcpdumpFrames, writeIcmpMutationCapture, writeIcmpPrefixCapture, writeIcmpTcpdumpCapture,
} from '../../fixtures/icmp-tcpdump-capture';
import { CORPUS_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { agrees, formatCapture, splitTcpdumpOutput, type TcpdumpMismatch } from './tcpdump-compare';

const haveTcpdump = requireTool('tcpdump');

/** tcpdump's text of FILE, one string per packet. */
function tcpdump(path: string, flags: string[], filter: string[] = []): string[] {
  const r = spawnSync('tcpdump', [...flags, '-r', path, ...filter], { encoding: 'latin1', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`tcpdump failed on ${path}: ${r.stderr}`);
  return splitTcpdumpOutput(r.stdout);
}

/** Whether our text stands for tcpdump's: equal, once a quoted TCP payload's dissection is left out (see the file comment). */
function same(ours: string, theirs: string): boolean {
  return /ICMP/.test(theirs) ? ours === withoutPayload(theirs) : agrees(ours, theirs);
}

/** tcpdump's text without what a payload dissector wrote after a quoted segment's "length N" (": HTTP", ": SMTP …"). */
function withoutPayload(theirs: string): string {
  return theirs.replace(/(: Flags \[[^\n]*?, length \d+): [\s\S]*?(?=\n\tICMP Multi-Part| \[\|icmp\]$|$)/, '$1');
}

/** The packets of FILE (filtered by `filter`) where we differ from `tcpdump -nn -tt -vv`. */
function mismatches(path: string, filter: string[] = []): TcpdumpMismatch[] {
  const ours = formatCapture(path, filter, { time: 'epoch' });
  const theirs = tcpdump(path, ['-nn', '-tt', '-vv'], filter);
  const out: TcpdumpMismatch[] = [];
  for (let i = 0; i < Math.max(ours.length, theirs.length); i++) {
    const o = ours[i] ?? '<none>', t = theirs[i] ?? '<none>';
    if (!same(o, t)) out.push({ file: path, index: i + 1, ours: o, theirs: t });
  }
  return out;
}

/**
 * Decoders tcpdump has and we do not, which changed bytes can reach: ICMPv6 router renumbering, node information
 * and RPL; a quoted protocol we print as " ip-proto-N" (IGMP, IPComp …); a UDP port with a dissector.
 */
function notReproduced(ours: string, theirs: string): boolean {
  return /ICMP6, (router renumbering|who-are-you|RPL)/.test(theirs)
    || (/ ip-proto-\d+ \d+/.test(ours) && !/ ip-proto-\d+ \d+/.test(theirs))
    || (/UDP, (bad )?length/.test(ours) && !/UDP, (bad )?length/.test(theirs));
}

describe.skipIf(!haveTcpdump)('ICMP and ICMPv6 text against tcpdump -nn -vv', () => {
  it('prints every ICMP and ICMPv6 error about a TCP SYN, the port unreachables, fragmentation needed and echo', () => {
    const path = writeIcmpErrorCapture();
    const icmpCount = ICMP4_ERRORS.length + ICMP6_ERRORS.length + 7;
    expect(tcpdump(path, ['-nn']).filter((t) => /ICMP/.test(t)).length).toBe(icmpCount);
    expect(mismatches(path)).toEqual([]);
  });

  it('prints other quotes, the informational types, RFC 4884 extensions, MLD and neighbor discovery', () => {
    expect(mismatches(writeIcmpTcpdumpCapture())).toEqual([]);
  });

  it('stops where tcpdump stops when a frame is cut at any length', () => {
    const path = writeIcmpPrefixCapture('icmp-prefixes', [...icmpErrorFrames(), ...icmpTcpdumpFrames()]);
    expect(mismatches(path).slice(0, 3)).toEqual([]);
  });

  it('agrees on ICMP and ICMPv6 messages with changed bytes', () => {
    const path = writeIcmpMutationCapture('icmp-mutations', [...icmpErrorFrames(), ...icmpTcpdumpFrames()], 4884, 20);
    const records = tcpdump(path, ['-nn']).length;
    const differ = mismatches(path);
    const unexplained = differ.filter((m) => !notReproduced(m.ours, m.theirs));
    expect(unexplained.slice(0, 3)).toEqual([]);
    expect(differ.length).toBeLessThan(records / 50);
  });

  it('agrees on the ICMP packets of the corpus (echo on ARCnet, fragmentation needed quoting SMTP data)', () => {
    for (const file of ['tcpdump__arcnet-rfc1201-arp-icmp-http.pcap', 'zeek__smtp.pcap']) {
      const path = join(CORPUS_DIR, file);
      expect(tcpdump(path, ['-nn'], ['icmp']).length, file).toBe(4);
      expect(mismatches(path, ['icmp']), file).toEqual([]);
    }
  });

  it('writes the first ICMP line as tcpdump -nn does without -v', () => {
    const path = writeIcmpTcpdumpCapture();
    const errors = writeIcmpErrorCapture();
    const lines = (file: string): [string[], string[]] => [
      formatCapture(file, ['icmp'], { time: 'epoch' }).map((o) => o.split('\n')[1].trim().replace(/ \(wrong icmp cksum \w+ \(->\w+\)!\)/, '')),
      tcpdump(file, ['-nn', '-tt'], ['icmp']).map((t) => t.slice(t.indexOf(' IP ') + 4)),
    ];
    for (const file of [errors, path]) {
      const [ours, theirs] = lines(file);
      expect(ours.length, file).toBeGreaterThan(20);
      expect(ours, file).toEqual(theirs);
    }
  });
});
