import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { CORPUS_DIR, MALFORMED_DIR, REPO_ROOT, SEED_DIR, SEED_PCAP, TEST_OUTPUT_DIR } from '../../../support/paths';
import { parseReadArgs } from '../../../../electron/capture/commands/read';
import { agrees, splitTcpdumpOutput } from '../../../shared/format/tcpdump-compare';
import { writePcap } from '../../../support/write-pcap';
import { concat, epb, ethernet, handshake, idb, shb } from '../../../support/capture-bytes';

const BIN = join(REPO_ROOT, 'bin', 'synack-capture.mjs');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'read', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('synack-capture read', () => {
  it('prints the seed exactly as `tcpdump -nn -vv -r` with TZ=UTC', () => {
    const r = cli(SEED_PCAP);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(SEED_DIR, 'seed-lo0.tcpdump-vv.txt'), 'utf8'));
  });

  it('reads a gzip-compressed capture the same way', () => {
    mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
    const gz = join(TEST_OUTPUT_DIR, 'seed-lo0.pcap.gz');
    writeFileSync(gz, gzipSync(readFileSync(SEED_PCAP)));
    expect(cli(gz).stdout).toBe(readFileSync(join(SEED_DIR, 'seed-lo0.tcpdump-vv.txt'), 'utf8'));
  });

  it('prints absolute sequence numbers with -S', () => {
    expect(cli('-S', SEED_PCAP).stdout).toBe(readFileSync(join(SEED_DIR, 'seed-lo0.tcpdump-S-vv.txt'), 'utf8'));
  });

  it('with -tt and the filter "tcp" agrees with `tcpdump -nn -tt -vv -r FILE tcp` on a corpus file', () => {
    const file = 'tcpdump__mptcp-v1.pcap';
    const ours = splitTcpdumpOutput(cli('-tt', join(CORPUS_DIR, file), 'tcp').stdout);
    const theirs = splitTcpdumpOutput(readFileSync(join(CORPUS_DIR, `${file}.tcpdump.txt`), 'utf8'));
    expect(ours.length).toBe(theirs.length);
    expect(ours.filter((o, i) => !agrees(o, theirs[i]))).toEqual([]);
  });

  it('writes one JSON object per packet with the documented fields', () => {
    const r = cli('--format', 'json', '-c', '3', SEED_PCAP);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatchObject({
      frame: 2, time: '1627864550.265585000', ip: 4, src: '127.0.0.1', dst: '127.0.0.1', proto: 6,
      srcPort: 8080, dstPort: 57273, problem: null,
      tcp: { flags: 'S.', seq: 2958367133, ack: 84347052, win: 65535, mss: 16344, windowScale: 5, sackPermitted: true },
    });
    expect(lines[1].text).toContain('Flags [S.], cksum 0xfe34 (incorrect -> 0xa903)');
    const help = cli('--help').stdout;
    for (const field of ['frame', 'time', 'capLen', 'origLen', 'linkType', 'srcPort', 'tcp', 'problem', 'text']) {
      expect(help).toContain(field);
    }
  });

  it('keeps the packets before a truncated record and exits 1 naming the problem', () => {
    const r = cli('-tt', join(MALFORMED_DIR, 'dpkt__truncated_dns_2.pcap'));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^\d+\.\d{6} IP /);
    expect(r.stderr).toMatch(/dpkt__truncated_dns_2\.pcap: .*offset \d+/);
    const bad = cli(join(REPO_ROOT, 'package.json'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/neither pcap nor pcapng/);
  });

  it('refuses a capture filter on a link type libpcap cannot filter, as tcpdump does, and says what to use instead', () => {
    const nflog = writePcap('read-cli', 'nflog', [new Uint8Array(64)], { linkType: 239 });
    const r = cli(nflog, 'tcp');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/filter "tcp": link-layer type 239 filtering not implemented.*tcpdump prints no packet.*-Y FILTER/);
    expect(cli(nflog).status).toBe(0);   // without a filter the file reads as ever
  });

  it('stops where tcpdump stops, at a pcapng interface unlike the first, keeping the packets before it', () => {
    const [syn, synAck] = handshake().map(ethernet);
    const path = join(TEST_OUTPUT_DIR, 'read-cli', 'two-link-types.pcapng');
    mkdirSync(join(TEST_OUTPUT_DIR, 'read-cli'), { recursive: true });
    writeFileSync(path, concat(shb(true), idb(true, 1, 262144), epb(true, 0, 1_000_000n, syn), idb(true, 113, 262144), epb(true, 0, 2_000_000n, synAck)));
    const r = cli('-tt', path);
    expect(r.status).toBe(1);
    expect(splitTcpdumpOutput(r.stdout).length).toBe(1);
    expect(r.stderr).toMatch(/an interface has a type 113 different from the type of the first interface\. tcpdump \(libpcap 1\.10\) stops/);
    expect(splitTcpdumpOutput(cli('-tt', '-Y', 'tcp', path).stdout).length).toBe(2);   // -Y reads on, as tshark does
  });

  it('rejects bad arguments with exit status 2', () => {
    expect(cli().status).toBe(2);
    expect(cli(SEED_PCAP, 'frobnicate').status).toBe(2);
    expect(cli('--format', 'xml', SEED_PCAP).status).toBe(2);
  });

  it('parses options in any order and joins the filter words', () => {
    const a = parseReadArgs(['-tt', 'f.pcap', 'tcp', 'and', 'port', '80', '-S']);
    expect(a).toMatchObject({ file: 'f.pcap', epoch: true, absoluteSeq: true, json: false });
    expect(typeof a === 'object' && a.filter?.text).toBe('tcp and port 80');
    expect(parseReadArgs(['--format=json', 'f'])).toMatchObject({ json: true });
    expect(parseReadArgs(['-c', '0', 'f'])).toMatch(/positive/);
  });
});
