import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CORPUS_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { parseTcpdumpFilter } from '../../../shared/format/tcpdump-filter';
import { formatCapture, splitTcpdumpOutput } from './tcpdump-compare';

const haveTcpdump = requireTool('tcpdump');

describe('tcpdump filter subset', () => {
  it('parses primitives joined by "and" with "not"', () => {
    const f = parseTcpdumpFilter(['tcp and', 'not', 'port', '22']);
    expect(typeof f === 'object' && f.text).toBe('tcp and not port 22');
  });

  it('names what it cannot parse', () => {
    expect(parseTcpdumpFilter(['tcp', 'or', 'udp'])).toMatch(/expected "and"/);
    expect(parseTcpdumpFilter(['port', 'http'])).toMatch(/bad port/);
    expect(parseTcpdumpFilter(['host', '10.0.0'])).toMatch(/bad host/);
    expect(parseTcpdumpFilter(['vlan'])).toMatch(/unsupported filter word "vlan"/);
    expect(parseTcpdumpFilter(['tcp', 'and'])).toMatch(/ends after "and"/);
  });

  const cases: [string, string[]][] = [
    ['zeek__vlan-qinqinq.pcap', ['tcp']], // tagged frames: BPF "tcp" looks at the untagged EtherType only
    ['zeek__mixed-vlan-mpls.pcap', ['tcp']],
    ['tcpdump__arcnet-rfc1201-arp-icmp-http.pcap', ['arp']],
    ['tcpdump__arcnet-rfc1201-arp-icmp-http.pcap', ['icmp']],
    ['libpcap__http_PPI.pcap', ['udp']],
    ['gopacket__pcap__test_loopback.pcap', ['ip6', 'and', 'port', '8080']],
    ['zeek__smtp.pcap', ['tcp', 'and', 'not', 'port', '25']],
    ['zeek__smtp.pcap', ['host', '10.10.1.4']],
    ['tcpdump__gso-ipv6-geneve-ipv4.pcap', ['udp']],
  ];
  for (const [file, words] of cases) {
    it.skipIf(!haveTcpdump)(`selects the packets tcpdump selects: ${file} "${words.join(' ')}"`, () => {
      const path = join(CORPUS_DIR, file);
      const r = spawnSync('tcpdump', ['-nn', '-tt', '-r', path, ...words], { encoding: 'latin1' });
      const times = splitTcpdumpOutput(r.stdout).map((l) => l.split(' ')[0]);
      expect(formatCapture(path, words, { time: 'epoch' }).map((l) => l.split(' ')[0])).toEqual(times);
    });
  }
});
