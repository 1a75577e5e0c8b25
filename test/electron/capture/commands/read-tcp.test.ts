import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, REPO_ROOT, SEED_PCAP } from '../../../support/paths';
import { requireTool } from '../../../support/require-tool';
import { writeIcmpErrorCapture } from '../../../fixtures/icmp-error-capture';
import { analyzeFile } from '../../../../electron/capture/pipeline';
import { storyOfRows } from '../../../../renderer/format/conversation-story';

const CLI = join(REPO_ROOT, 'bin', 'synack-capture.mjs');
const run = (args: string[]): string => execFileSync(process.execPath, [CLI, 'read', ...args], { encoding: 'utf8' });
const FIELDS = ['frame.number', 'frame.time_epoch', 'frame.len', 'tcp.stream', 'tcp.flags', 'tcp.seq', 'tcp.seq_raw', 'tcp.ack',
  'tcp.ack_raw', 'tcp.len', 'tcp.window_size_value', 'tcp.window_size', 'tcp.completeness', 'tcp.analysis.retransmission',
  'tcp.analysis.duplicate_ack', 'tcp.analysis.window_update', 'tcp.analysis.lost_segment', 'tcp.analysis.ack_rtt',
  'ip.src', 'ipv6.dst', 'tcp.flags.str', 'tcp.nxtseq', 'tcp.window_size_scalefactor', 'tcp.analysis.initial_rtt', 'tcp.time_relative',
  'tcp.time_delta', 'tcp.checksum.status', 'tcp.options.sack_perm', 'tcp.options.timestamp.tsecr'];
const hasTshark = requireTool('tshark');

describe.skipIf(!hasTshark)('read -T fields prints what tshark prints', () => {
  it.each([
    [SEED_PCAP, false], [SEED_PCAP, true], [join(CORPUS_DIR, 'zeek__tcp__retransmit-fast009.pcap'), true],
    [join(CORPUS_DIR, 'scapy__http_tcp_psh.pcap'), false],
  ])('%s (-2: %s)', (file, twoPass) => {
    const args = [...(twoPass ? ['-2'] : []), '-T', 'fields', '-E', 'header=y', ...FIELDS.flatMap((f) => ['-e', f])];
    // The same command line for both: tshark's default -E occurrence=a prints a dup ACK's flag as "1,1".
    const tshark = execFileSync('tshark', ['-r', file, '-Y', 'tcp', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(run(['-r', file, '-Y', 'tcp', ...args])).toBe(tshark);
  });
});

describe('read --explain and --conversations', () => {
  it('explains every seed packet: step, both states, notes and why a flag was set', () => {
    const out = run([SEED_PCAP, '--explain']);
    expect(out).toContain('[stream 0 frame 1] Handshake 1/3 SYN; client SYN-SENT, server LISTEN');
    expect(out).toContain('its initial sequence number is 84347051 (shown as relative 0)');
    expect(out).toContain('[stream 0 frame 4] Handshake (extra)');
    expect(out).toContain('why tcp.analysis.window_update');
    expect(out).toContain('[stream 0 frame 7] Close (extra); client FIN-WAIT-2, server CLOSE-WAIT');
    expect(out).toContain('Duplicate ACK #1 of frame 3');
    expect(out).toContain('[stream 0 frame 9] Close 4/4 last ACK; client TIME-WAIT, server CLOSED');
    expect(out).toContain('TIME-WAIT ends at');
    expect(out).toMatch(/options .*MSS 16344, wscale 5, SACK yes, TS yes/);
    // Every seed packet has an offloaded (unfilled) TCP checksum, as tcpdump's "incorrect ->" shows.
    expect(out).toContain('The TCP checksum 0xfe34 looks wrong (it should be 0x3271)');
    expect(out).toContain('The TCP checksum 0xfe28 looks wrong (it should be 0xd8f3)');
    expect(out.match(/checksum offload\) — normal on loopback/g)).toHaveLength(9);
  });

  it('explains an ICMP error under the connection whose header it quotes, and sums that connection up as unreachable', () => {
    const out = run([writeIcmpErrorCapture(), '--explain']);
    expect(out).toContain('    [stream 47 frame 96] ICMP error; client SYN-SENT, server LISTEN\n'
      + '    The server\'s host (10.0.0.2) turns away the client\'s SYN for TCP port 80 with ICMP instead of a TCP RST');
    expect(out).toContain('    [stream 48 frame 103] ICMP error; client ESTABLISHED, server ESTABLISHED\n'
      + '    10.0.0.254 could not forward a segment of the client\'s (seq 2001): it is bigger than the next link carries (MTU 1400 bytes)');
    // An 8-byte quote has no tcp.stream (as tshark), but its flow names the stream.
    expect(out).toContain('    [stream 0 frame 2] ICMP error; client SYN-SENT, server LISTEN\n    10.0.0.254 cannot deliver a segment of the client\'s to the server');
    expect(out).toMatch(/^stream 47: unreachable, /m);
    expect(out).toMatch(/^stream 48: open, /m);
    expect(out.match(/ICMP error;/g)?.length).toBe(50);
    // The smaller resend after "fragmentation needed" is path MTU discovery at work, and its "why" says so.
    expect(out).toContain('why tcp.analysis.retransmission: Seq 1 is below the next expected 1461: these bytes were sent before (frame 102). '
      + 'In between, frame 103 (ICMP "fragmentation needed" from 10.0.0.254, MTU 1400) said the segment did not fit the path: '
      + 'this is path MTU discovery resending the data in segments that fit (1360 bytes here), not a loss.');
    expect(out.match(/path MTU discovery resending/g)).toHaveLength(1);
  });

  it('tells what happened in each conversation, as the window does, also for the streams -Y shows', async () => {
    for (const path of [SEED_PCAP, join(CORPUS_DIR, 'zeek__tcp__retransmit-fast009.pcap'), writeIcmpErrorCapture(), join(CORPUS_DIR, 'zeek__tcp__rst-inject-rae.pcap')]) {
      const told = new Map([...run([path, '--explain']).matchAll(/^stream (\d+): .*\n(?: {2}.*\n)*? {2}what happened: (.*)$/gm)].map((m) => [Number(m[1]), m[2]]));
      const a = await analyzeFile(path);
      expect(told.size, path).toBe(a.conversations.length);
      for (const c of a.conversations) {
        const rows = [...a.columns.stream.keys()].filter((r) => r < a.columns.rows && a.columns.stream[r] === c.stream);
        expect(told.get(c.stream), `${path} stream ${c.stream}`).toBe(storyOfRows(c, a.columns, rows).join(' '));
      }
    }
    expect(run([SEED_PCAP, '--explain', '-Y', 'frame.number == 7'])).toContain('  what happened: The client 127.0.0.1:57273 asked to connect to 127.0.0.1:8080 (SYN in frame 1)');
  });

  it('says nothing about checksums that are right', () => {
    const out = run([join(CORPUS_DIR, 'tcpdump__dns_tcp.pcap'), '--explain']);
    expect(out).toContain('[stream 0 frame 1]');
    expect(out).not.toContain('looks wrong');
  });

  it('rejects -e without -T fields and unknown fields', () => {
    expect(() => execFileSync(process.execPath, [CLI, 'read', SEED_PCAP, '-e', 'tcp.seq'], { stdio: 'ignore' })).toThrow();
    expect(() => execFileSync(process.execPath, [CLI, 'read', SEED_PCAP, '-T', 'fields', '-e', 'tcp.nope'], { stdio: 'ignore' })).toThrow();
  });
});
