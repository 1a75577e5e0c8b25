/** The TCP and UDP port tables are Wireshark's own: every "tcp.port" / "udp.port" row of `tshark -G decodes`, and nothing else. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { WIRESHARK_TCP_PORTS } from '../../../shared/wire/wireshark-tcp-ports';
import { WIRESHARK_UDP_PORTS } from '../../../shared/wire/wireshark-udp-ports';
import { requireTool } from '../../support/require-tool';

describe.skipIf(!requireTool('tshark'))('WIRESHARK_TCP_PORTS and WIRESHARK_UDP_PORTS', () => {
  const decodes = (): string[][] => execFileSync('tshark', ['-G', 'decodes'], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n').map((l) => l.split('\t'));

  it.each([['tcp.port', WIRESHARK_TCP_PORTS], ['udp.port', WIRESHARK_UDP_PORTS]] as const)('%s: the ports tshark registers dissectors on', (table, ports) => {
    const registered = [...new Set(decodes().filter((f) => f[0] === table).map((f) => Number(f[1])))].sort((a, b) => a - b);
    expect(registered.length).toBeGreaterThan(100);
    expect([...ports]).toEqual(registered);
  });
});
