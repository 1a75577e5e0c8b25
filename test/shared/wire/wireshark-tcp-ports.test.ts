/** The TCP port table is Wireshark's own: every "tcp.port" row of `tshark -G decodes`, and nothing else. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { WIRESHARK_TCP_PORTS } from '../../../shared/wire/wireshark-tcp-ports';
import { requireTool } from '../../support/require-tool';

describe.skipIf(!requireTool('tshark'))('WIRESHARK_TCP_PORTS', () => {
  it('is the set of ports tshark registers TCP dissectors on', () => {
    const rows = execFileSync('tshark', ['-G', 'decodes'], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n').map((l) => l.split('\t')).filter((f) => f[0] === 'tcp.port');
    const ports = [...new Set(rows.map((f) => Number(f[1])))].sort((a, b) => a - b);
    expect(ports.length).toBeGreaterThan(100);
    expect([...WIRESHARK_TCP_PORTS]).toEqual(ports);
  });
});
