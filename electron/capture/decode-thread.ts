/**
 * Entry of the decode thread (a worker_threads Worker started by decode-thread-client.ts): runs one
 * DecodeProducer on `workerData` (the file's path and identity) and takes blocks back for reuse. Any failure is posted as `failed`,
 * so the pipeline thread can read the rest of the file itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DecodedBlock } from '../../shared/ipc/decoded-block';
import { DecodeProducer, type DecodeThreadData } from './decode-producer';

const port = parentPort;
if (port) {
  const producer = new DecodeProducer({ post: (message, transfer) => port.postMessage(message, transfer) });
  port.on('message', (block: DecodedBlock) => producer.recycle(block));
  producer.run(workerData as DecodeThreadData).catch((e: Error) => {
    port.postMessage({ type: 'failed', message: e.message });
  });
}
