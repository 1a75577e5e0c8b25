import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allocateColumns } from '../../../shared/ipc/batch-layout';
import { timeWaitEnd } from '../../../shared/tcp/conversation-summary';
import { EndpointState } from '../../../shared/tcp/endpoint-state';
import { Phase } from '../../../shared/tcp/phase';
import { TcpTracker } from '../../../shared/tcp/tcp-tracker';
import { TCP_A } from '../../../shared/tcp/analysis-flags';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { SEED_DIR, SEED_PCAP } from '../../support/paths';
import { forEachRecord } from '../../support/read-capture';
import { tcpFieldRows } from '../../support/tcp-fields';

function trackSeed(): { cols: ReturnType<typeof allocateColumns>; tracker: TcpTracker } {
  const cols = allocateColumns(16);
  const tracker = new TcpTracker();
  const decoder = new PacketDecoder();
  forEachRecord(SEED_PCAP, (r) => {
    const row = cols.rows++;
    cols.frame[row] = r.frame; cols.tsSec[row] = r.tsSec; cols.tsNsec[row] = r.tsNsec;
    tracker.track(r, decoder.decode(r.view, r.at, r.capLen, r.origLen, r.linkType), cols, row);
  });
  return { cols, tracker };
}

describe('seed-lo0.pcap', () => {
  it('agrees 100% with its one-pass tshark fields (running completeness, dup ACK, window update)', () => {
    const lines = readFileSync(`${SEED_DIR}/seed-lo0.tshark.tsv`, 'utf8').trim().split('\n');
    const head = lines[0].split('\t').slice(1);
    const ours = tcpFieldRows(SEED_PCAP, head, false);
    for (const line of lines.slice(1)) {
      const [frame, ...v] = line.split('\t');
      const o = ours.get(Number(frame))!;
      head.forEach((name, i) => {
        const t = v[i] ?? '';
        if (name.startsWith('tcp.analysis.')) expect(o[i] !== '', `#${frame} ${name}`).toBe(t !== '');
        else expect(o[i], `#${frame} ${name}`).toBe(t);
      });
    }
  });

  it('labels the handshake 1/3..3/3, the window update as extra, and the close steps 1..4 with the dup ACK as extra', () => {
    const { cols } = trackSeed();
    const ps = Array.from({ length: 9 }, (_, i) => [cols.phase[i], cols.step[i]]);
    expect(ps).toEqual([
      [Phase.Handshake, 1], [Phase.Handshake, 2], [Phase.Handshake, 3], [Phase.Handshake, 0],
      [Phase.Close, 1], [Phase.Close, 2], [Phase.Close, 0], [Phase.Close, 3], [Phase.Close, 4],
    ]);
    expect(cols.analysis[3] & TCP_A.WINDOW_UPDATE).toBeTruthy();
    expect(cols.analysis[6] & TCP_A.DUPLICATE_ACK).toBeTruthy();
    expect(cols.dupAckNum[6]).toBe(1);
    expect(cols.relatedFrame[6]).toBe(3); // the client's last ACK that changed the ack number (frame 3)
  });

  it('ends with the client in TIME-WAIT and the server CLOSED', () => {
    const { cols, tracker } = trackSeed();
    const c = tracker.conversation(0);
    const client = c.clientDir as 0 | 1;
    expect(c.d[client].state).toBe(EndpointState.TimeWait);
    expect(c.d[client ^ 1].state).toBe(EndpointState.Closed);
    const states = (i: number) => (client === 0 ? [cols.stateA[i], cols.stateB[i]] : [cols.stateB[i], cols.stateA[i]]);
    expect(states(0)).toEqual([EndpointState.SynSent, EndpointState.Listen]);
    expect(states(1)).toEqual([EndpointState.SynSent, EndpointState.SynReceived]);
    expect(states(2)).toEqual([EndpointState.Established, EndpointState.Established]);
    expect(states(4)).toEqual([EndpointState.FinWait1, EndpointState.CloseWait]);
    expect(states(5)).toEqual([EndpointState.FinWait2, EndpointState.CloseWait]);
    expect(states(7)).toEqual([EndpointState.FinWait2, EndpointState.LastAck]);
    expect(c.irtt).toBe(149_000);
    const entered = Array.from({ length: cols.rows }, (_, i) => i).find((i) => states(i)[0] === EndpointState.TimeWait)!;
    expect(timeWaitEnd(tracker, c)).toEqual({ sec: cols.tsSec[entered] + 2 * tracker.mslSeconds, nsec: cols.tsNsec[entered] });
  });
});
