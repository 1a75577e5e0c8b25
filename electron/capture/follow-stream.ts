/**
 * Follow TCP Stream over a capture file: one pass through reader → decoder → TcpTracker (commands/tcp-pass.ts, the
 * pass the CLI's TCP outputs use, so tcp.stream numbers are the app's and tshark's), feeding the segments of one
 * stream to TcpFollow (shared/tcp/tcp-follow.ts). Used by `synack-capture read -z follow,tcp,…` and the worker's
 * `stream.follow` request (streamFollowResult).
 *
 * Bounded: the pass stops after `throughFrame` (the stream's last frame, when the caller knows it) and once the
 * records and the fragments waiting behind a gap hold `limitBytes` of payload (`truncated` then says so); nothing else
 * is kept per packet.
 */
import type { CaptureProblem } from '../../shared/capture-file/capture-problem';
import { FOLLOW_LIMIT_BYTES, type StreamFollowRequest, type StreamFollowResult } from '../../shared/ipc/contract';
import type { FlowInfo } from '../../shared/ipc/flow';
import { flowInfo } from '../../shared/tcp/conversation-summary';
import { reachesFollowTap, TcpFollow, type FollowRecord } from '../../shared/tcp/tcp-follow';
import { trackFile } from './commands/tcp-pass';

export interface FollowEndpoint { addr: string; port: number; l3: 4 | 6 }

export interface FollowedStream {
  stream: number;
  /** Node 0 (the first segment's sender, Wireshark's client) and node 1; null when the stream has no segment. */
  nodes: [FollowEndpoint, FollowEndpoint] | null;
  records: FollowRecord[];
  /** Payload bytes of the records by node (Wireshark's "client pkts/bytes" counts bytes the same way). */
  bytes: [number, number];
  /** Stopped at `limitBytes`: later data of the stream is not in `records`. */
  truncated: boolean;
  /** The file's first problem (records before it are complete). */
  problem: CaptureProblem | null;
}

export interface FollowOptions {
  /** Payload bytes after which the pass stops (default: no limit). */
  limitBytes?: number;
  /** The stream's last frame, if known: the pass stops after it. */
  throughFrame?: number;
}

/** The `stream.follow` request's answer for capture file `path` (at most FOLLOW_LIMIT_BYTES of payload). */
export async function streamFollowResult(path: string, req: StreamFollowRequest): Promise<StreamFollowResult> {
  const f = await followStream(path, req.stream, { limitBytes: FOLLOW_LIMIT_BYTES, throughFrame: req.throughFrame });
  return {
    stream: req.stream, nodes: (f.nodes ?? []).map((n) => ({ addr: n.addr, port: n.port })),
    records: f.records.map((r) => ({ server: r.server, frame: r.frame, missing: r.missing, data: r.data })),
    bytes: f.bytes, truncated: f.truncated,
  };
}

export async function followStream(path: string, stream: number, opts: FollowOptions = {}): Promise<FollowedStream> {
  return (await followStreams(path, [stream], opts))[0];
}

/** Follows several streams in one pass (tests, sweeps); `limitBytes` applies to each. */
export async function followStreams(path: string, streams: readonly number[], opts: FollowOptions = {}): Promise<FollowedStream[]> {
  const limit = opts.limitBytes ?? Infinity, through = opts.throughFrame ?? Infinity;
  const byStream = new Map(streams.map((stream) => [stream, { stream, follow: new TcpFollow(), nodes: null as FollowedStream['nodes'], truncated: false }]));
  let past = false;
  const { problem } = await trackFile(path, (rec, pkt, cols, tracker) => {
    if (rec.frame > through) { past = true; return; }
    const f = byStream.get(cols.stream[0]);
    if (!f || f.truncated || !reachesFollowTap(pkt)) return;
    // Bytes waiting behind a gap count too: a capture that never closes one must not hold its whole stream.
    if (f.follow.bytes[0] + f.follow.bytes[1] + f.follow.pendingBytes >= limit) { f.truncated = true; return; }
    const dir = cols.dir[0] as 0 | 1;
    f.nodes ??= nodesOf(flowInfo(tracker, cols.flow[0]), dir);
    const payload = new Uint8Array(rec.view.buffer, rec.view.byteOffset + pkt.payloadOffset, pkt.payloadCaptured);
    f.follow.add({
      frame: rec.frame, tsSec: rec.tsSec, tsNsec: rec.tsNsec, dir, seq: cols.seqRel[0], ack: cols.ackRel[0],
      flags: cols.tcpFlags[0], len: cols.payloadLen[0],
    }, payload);
  }, {}, () => Promise.resolve(!past && ![...byStream.values()].every((f) => f.truncated)));
  return streams.map((stream) => {
    const f = byStream.get(stream)!;
    return { stream, nodes: f.nodes, records: f.follow.records, bytes: [f.follow.bytes[0], f.follow.bytes[1]], truncated: f.truncated, problem };
  });
}

/** Node 0 is the endpoint that sent the stream's first segment (`dir` of the flow). */
function nodesOf(flow: FlowInfo, dir: 0 | 1): [FollowEndpoint, FollowEndpoint] {
  const a: FollowEndpoint = { addr: flow.addrA, port: flow.portA, l3: flow.l3 }, b: FollowEndpoint = { addr: flow.addrB, port: flow.portB, l3: flow.l3 };
  return dir === 0 ? [a, b] : [b, a];
}
