/**
 * The seed capture (../shared/seed/seed-lo0.pcap) exactly as the worker sends it: the real pipeline
 * (electron/capture/pipeline.ts: capture-file reader → shared/wire decoder → shared/tcp tracker) produces
 * the flows, the batch and the conversation summary, and shared/wire/detail-tree.ts the packet details (headed by frame-node.ts's Frame row, as the worker's).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CapturePipeline } from '../../../electron/capture/pipeline';
import { allocateColumns, COLUMNS, decodeBatch, encodeBatch } from '../../../shared/ipc/batch-layout';
import type { PacketColumns } from '../../../shared/ipc/batch-layout';
import type { ConversationSummary, PacketDetail } from '../../../shared/ipc/contract';
import type { FlowInfo } from '../../../shared/ipc/flow';
import { buildDetailTree } from '../../../shared/wire/detail-tree';
import { frameNode } from '../../../shared/wire/frame-node';

// test/support/paths.ts builds URLs, which happy-dom's URL class cannot turn into paths: resolve by string.
export const SEED_PCAP = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..', 'shared/seed/seed-lo0.pcap');

export interface SeedCapture {
  path: string;
  flows: FlowInfo[];
  columns: PacketColumns;
  batch: ArrayBuffer;
  conversation: ConversationSummary;
  details: Map<number, PacketDetail>;
}

/** Copies the pipeline's reused columns into a batch of its own. */
function copyColumns(src: PacketColumns): PacketColumns {
  const out = allocateColumns(src.rows);
  for (const c of COLUMNS) (out[c.name] as Uint8Array).set((src[c.name] as Uint8Array).subarray(0, src.rows));
  out.rows = src.rows;
  return out;
}

export function loadSeed(): SeedCapture {
  const file = readFileSync(SEED_PCAP);
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  const flows: FlowInfo[] = [];
  const batches: PacketColumns[] = [];
  const conversations: ConversationSummary[] = [];
  const pipeline = new CapturePipeline({
    flows: (f) => { flows.push(...f); },
    batch: (c) => { batches.push(copyColumns(c)); },
    conversations: (c) => { conversations.push(...c); },
  }, { maxDelayMs: 0 });
  pipeline.push(bytes);
  pipeline.finish();
  pipeline.dispose();
  if (batches.length !== 1) throw new Error(`expected one batch for the seed, got ${batches.length}`);
  const columns = batches[0];
  const details = new Map<number, PacketDetail>();
  for (let i = 0; i < columns.rows; i++) {
    const at = columns.fileOffset[i], capLen = columns.capLen[i];
    const frameBytes = bytes.slice(at, at + capLen);
    details.set(columns.frame[i], {
      frame: columns.frame[i], linkType: columns.linkType[i], capLen, origLen: columns.origLen[i],
      tsSec: columns.tsSec[i], tsNsec: columns.tsNsec[i], bytes: frameBytes,
      tree: buildDetailTree(frameBytes, columns.linkType[i], columns.origLen[i], frameNode({
        frame: columns.frame[i], capLen, origLen: columns.origLen[i], linkType: columns.linkType[i], tsSec: columns.tsSec[i], tsNsec: columns.tsNsec[i],
        hasTimestamp: true, comments: [], previous: i > 0 ? { sec: columns.tsSec[i - 1], nsec: columns.tsNsec[i - 1] } : undefined,
        first: { sec: columns.tsSec[0], nsec: columns.tsNsec[0] },
      })),
    });
  }
  const batch = encodeBatch(columns);
  return { path: SEED_PCAP, flows, columns: decodeBatch(batch), batch, conversation: conversations[conversations.length - 1], details };
}
