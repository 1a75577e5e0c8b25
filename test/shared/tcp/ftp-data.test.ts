import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allocateColumns } from '../../../shared/ipc/batch-layout';
import { TcpTracker } from '../../../shared/tcp/tcp-tracker';
import type { DecodedPacket } from '../../../shared/wire/decoded-packet';
import { FtpData, readFtpDataLine } from '../../../shared/wire/ftp-data-line';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { writeFtpCapture } from '../../fixtures/tcp/ftp-capture';
import { expectSameAsTshark } from '../../support/corpus-variant';
import { TEST_OUTPUT_DIR } from '../../support/paths';
import { forEachRecord } from '../../support/read-capture';
import { requireTool } from '../../support/require-tool';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

function parse(line: string, request: boolean): Pick<DecodedPacket, 'ftpData' | 'ftpDataPort' | 'ftpDataIpv4'> {
  const bytes = text(line);
  const out = { ftpData: 0, ftpDataPort: 0, ftpDataIpv4: 0 } as DecodedPacket;
  readFtpDataLine(new DataView(bytes.buffer), 0, bytes.length, request, out);
  return { ftpData: out.ftpData, ftpDataPort: out.ftpData ? out.ftpDataPort : 0, ftpDataIpv4: out.ftpData ? out.ftpDataIpv4 : 0 };
}

describe('FTP control lines that announce a data connection (packet-ftp.c)', () => {
  it('227 and PORT: the first run of six comma-separated numbers, blanks allowed after a comma', () => {
    expect(parse('227 Entering Passive Mode (199,233,217,249,221,90)\r\n', false))
      .toEqual({ ftpData: FtpData.passive, ftpDataPort: 221 * 256 + 90, ftpDataIpv4: 0xc7e9d9f9 });
    expect(parse('227 =1,2,3,4, 5,6', false)).toEqual({ ftpData: FtpData.passive, ftpDataPort: 0x506, ftpDataIpv4: 0x01020304 });
    expect(parse('PORT 10,0,0,1,156,80\r\n', true)).toEqual({ ftpData: FtpData.active, ftpDataPort: 20, ftpDataIpv4: 0x0a000001 });
  });

  it('the command token is compared over its own length: POR is PORT, PORTS and port are not', () => {
    expect(parse('POR 10,0,0,1,156,80', true).ftpData).toBe(FtpData.active);
    expect(parse('PORTS 10,0,0,1,156,80', true).ftpData).toBe(0);
    expect(parse('port 10,0,0,1,156,80', true).ftpData).toBe(0);
  });

  it('229: the port after up to three delimiters and before a closing parenthesis', () => {
    expect(parse('229 Entering Extended Passive Mode (|||51300|)\r\n', false)).toEqual({ ftpData: FtpData.extendedPassive, ftpDataPort: 51300, ftpDataIpv4: 0 });
    expect(parse('229 Extended (!!!6446!)', false).ftpDataPort).toBe(6446);
    expect(parse('229 Entering Extended Passive Mode (|||51300|', false).ftpData).toBe(0);
  });

  it('other lines, and the lines sent the other way, announce nothing', () => {
    expect(parse('227 Entering Passive Mode', false).ftpData).toBe(0);
    expect(parse('230 Login successful (1,2,3,4,5,6)', false).ftpData).toBe(0);
    expect(parse('227 Entering Passive Mode (1,2,3,4,5,6)', true).ftpData).toBe(0);
    expect(parse('PORT 1,2,3,4,5,6', false).ftpData).toBe(0);
  });
});

/** Final tcp.completeness of each stream, by the client port of its first packet. */
function finalCompleteness(path: string): Map<number, number> {
  const t = new TcpTracker(), d = new PacketDecoder(), cols = allocateColumns(1);
  forEachRecord(path, (r) => { cols.rows = 1; t.track(r, d.decode(r.view, r.at, r.capLen, r.origLen, r.linkType), cols, 0); });
  const out = new Map<number, number>();
  for (let s = 0; s < t.conversationCount; s++) {
    const c = t.conversation(s);
    out.set(t.flows.port(c.flow, 0) === 21 || t.flows.port(c.flow, 0) === 20 ? t.flows.port(c.flow, 1) : t.flows.port(c.flow, 0), c.completeness);
  }
  return out;
}

describe('data connections announced on FTP control connections', () => {
  it('are not new conversations: the SYN of an announced one is not counted (22, not 23), others are', () => {
    const c = finalCompleteness(writeFtpCapture(join(TEST_OUTPUT_DIR, 'ftp-data')));
    expect([40001, 40002, 40003, 40016, 40017, 40018, 40004, 40005, 40006, 40007].map((p) => c.get(p))).toEqual([22, 23, 22, 22, 23, 22, 23, 22, 23, 22]);
  });

  it.skipIf(!requireTool('tshark'))('agree with tshark -2 on every -T fields field and -z conv,tcp', () => {
    expectSameAsTshark(writeFtpCapture(join(TEST_OUTPUT_DIR, 'ftp-data')), 'FTP control and data connections');
  });
});
