import { describe, it, expect, afterEach } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BUFFER_BYTES, startLiveCapture, type LiveCapture } from '../../../electron/capture/live-source';
import { LiveCaptureError } from '../../../electron/capture/live-error';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { TCP_ACK, TCP_FIN, TCP_SYN } from '../../../shared/wire/tcp-flag-bits';
import { requireRoot, requireTool } from '../../support/require-tool';
import { echoServer, pingPong, sleep, udpBurst, udpSink, waitFor } from './live-test-traffic';

const root = requireRoot();
const tools = root && requireTool('tshark') && requireTool('tcpdump');
const dir = mkdtempSync(join(tmpdir(), 'synack-live-'));
let cap: LiveCapture | null = null;
afterEach(async () => { await cap?.stop(); cap = null; });

interface Seen { sport: number; dport: number; flags: number; payload: number; v: 4 | 6 }

/** Captures on lo with `filter` and decodes every packet into Seen rows. */
function capture(filter: string, output: string): Seen[] {
  const seen: Seen[] = [];
  const dec = new PacketDecoder();
  cap = startLiveCapture({
    iface: 'lo', filter, output,
    onPacket: (r) => {
      const d = dec.decode(r.view, r.at, r.capLen, r.origLen, r.linkType);
      if (d.tcp) seen.push({ sport: d.srcPort, dport: d.dstPort, flags: d.tcpFlags, payload: d.payloadLen, v: d.addrLen === 4 ? 4 : 6 });
    },
  });
  return seen;
}

/** Every step of one connection from client port `c` to server port `s`. */
function steps(seen: Seen[], c: number, s: number): string[] {
  const out: string[] = [];
  const has = (from: number, to: number, pred: (x: Seen) => boolean): boolean => seen.some((x) => x.sport === from && x.dport === to && pred(x));
  if (has(c, s, (x) => (x.flags & (TCP_SYN | TCP_ACK)) === TCP_SYN)) out.push('SYN');
  if (has(s, c, (x) => (x.flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK))) out.push('SYN-ACK');
  if (has(c, s, (x) => x.flags === TCP_ACK && x.payload === 0)) out.push('ACK');
  if (has(c, s, (x) => x.payload === 4)) out.push('ping');
  if (has(s, c, (x) => x.payload === 4)) out.push('pong');
  if (has(c, s, (x) => (x.flags & TCP_FIN) !== 0)) out.push('FIN>');
  if (has(s, c, (x) => (x.flags & TCP_FIN) !== 0)) out.push('<FIN');
  return out;
}

describe.skipIf(!root)('live capture on lo', () => {
  it('sees the handshake, data and close of every connection on 127.0.0.1 and ::1, and only the filtered ports', async () => {
    const v4 = await echoServer('127.0.0.1');
    const v6 = await echoServer('::1');
    const other = await echoServer('127.0.0.1');
    const seen = capture(`tcp port ${v4.port} or tcp port ${v6.port}`, join(dir, 'tcp.pcapng'));
    for (let i = 0; i < 3; i++) {
      await pingPong('127.0.0.1', v4.port);
      await pingPong('::1', v6.port);
      await pingPong('127.0.0.1', other.port);
    }
    await sleep(300);
    await cap!.stop();
    await Promise.all([v4.close(), v6.close(), other.close()]);

    const servers = new Set([v4.port, v6.port]);
    expect(seen.every((x) => servers.has(x.sport) || servers.has(x.dport))).toBe(true);
    for (const srv of [v4, v6]) {
      const clients = new Set(seen.filter((x) => x.dport === srv.port).map((x) => x.sport));
      expect(clients.size).toBe(3);
      for (const c of clients) expect(steps(seen, c, srv.port)).toEqual(['SYN', 'SYN-ACK', 'ACK', 'ping', 'pong', 'FIN>', '<FIN']);
    }
    expect(seen.filter((x) => x.v === 6).length).toBeGreaterThan(0);
    expect(cap!.stats().written).toBe(seen.length);
  });

  it.skipIf(!tools)('writes a session pcapng that tshark reads back packet for packet', async () => {
    const srv = await echoServer('127.0.0.1');
    const file = join(dir, 'roundtrip.pcapng');
    const seen = capture(`tcp port ${srv.port}`, file);
    for (let i = 0; i < 2; i++) await pingPong('127.0.0.1', srv.port);
    await sleep(200);
    await cap!.stop();
    await srv.close();
    const rows = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.number', '-e', 'tcp.srcport', '-e', 'tcp.len',
      '-e', 'frame.cap_len'], { encoding: 'utf8', stderr: 'ignore' } as never).trim().split('\n');
    expect(rows.length).toBe(seen.length);
    rows.forEach((row, i) => {
      const [frame, sport, len] = row.split('\t').map(Number);
      expect([frame, sport, len]).toEqual([i + 1, seen[i].sport, seen[i].payload]);
    });
  });

  it.skipIf(!tools)('captures a 10,000-packet loopback burst whole, as tcpdump -w does at the same time', async () => {
    const sink = await udpSink();
    const pcap = join(dir, 'tcpdump.pcap');
    const filter = `udp dst port ${sink.port}`;
    // tcpdump gets the same kernel buffer as ours: with its default 2 MiB it lost up to 9% of the burst itself
    // when the machine was busy (other test files running), and the oracle must not be the weaker capture.
    const td = spawn('tcpdump', ['-i', 'lo', '-n', '-B', String(DEFAULT_BUFFER_BYTES / 1024), '-w', pcap, filter], { stdio: ['ignore', 'ignore', 'pipe'] });
    let tdErr = '';
    td.stderr.on('data', (b: Buffer) => { tdErr += b.toString(); });
    await waitFor(() => tdErr.includes('listening on'), 10_000);
    let n = 0;
    cap = startLiveCapture({ iface: 'lo', filter, output: join(dir, 'burst.pcapng'), onPacket: () => { n++; } });
    await udpBurst(10_000, 1000, sink.port);
    await waitFor(() => n >= 10_000, 10_000);
    await sleep(300);
    await cap.stop();
    // tcpdump hands packets over per ring block with a 1 s timeout and does not drain its ring on SIGINT:
    // give the last block time to arrive, or its file misses the burst's tail.
    await sleep(1500);
    td.kill('SIGINT');
    await new Promise((r) => td.on('close', r));
    sink.close();
    const tcpdumpCount = Number(execFileSync('tcpdump', ['-r', pcap, '-n', '--count'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .match(/(\d+) packets?/)![1]);
    expect(tcpdumpCount).toBe(10_000);
    // Seen once in a loaded CI run (9,982): the counters say whether libpcap dropped packets or they never came.
    const stats = cap.stats();
    expect(n, `libpcap counters ${JSON.stringify(stats)}`).toBe(10_000);
    expect(stats.dropped).toBe(0);
  });

  it('honours the snaplen: packets are cut and the original length is kept', async () => {
    const sink = await udpSink();
    const lens: number[][] = [];
    cap = startLiveCapture({ iface: 'lo', filter: `udp dst port ${sink.port}`, snaplen: 60, output: join(dir, 'snap.pcapng'),
      onPacket: (r) => { lens.push([r.capLen, r.origLen]); } });
    await udpBurst(3, 500, sink.port);
    await waitFor(() => lens.length >= 3, 5000);
    await cap.stop();
    sink.close();
    expect(lens).toEqual([[60, 542], [60, 542], [60, 542]]);
  });

  it('reports a bad filter with libpcap\'s text and an unknown interface, each with its own code', () => {
    const err = (f: () => unknown): LiveCaptureError => { try { f(); } catch (e) { return e as LiveCaptureError; } throw new Error('no error'); };
    const bad = err(() => startLiveCapture({ iface: 'lo', filter: 'tcp port', output: join(dir, 'x1.pcapng') }));
    expect([bad.code, bad.contractCode]).toEqual(['bad-filter', 'capture.filter']);
    expect(bad.message).toMatch(/syntax error/);
    const none = err(() => startLiveCapture({ iface: 'nosuch0', output: join(dir, 'x2.pcapng') }));
    expect([none.code, none.contractCode]).toEqual(['no-such-interface', 'capture.interface']);
  });
});

process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
