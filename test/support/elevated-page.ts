/**
 * A page talking to a capture worker that connected back over a private socket (as the elevated worker
 * does), through main's export-routing relay (electron/main/export-route.ts). Node's MessageChannel stands in
 * for MessageChannelMain; `runExport` stands in for the file worker main supervises.
 */
import { MessageChannel } from 'node:worker_threads';
import type { ChildProcess } from 'node:child_process';
import { messageBytes } from '../../electron/capture/port-stream';
import { spawnWorker } from '../../electron/capture/worker-process';
import { listenForWorker } from '../../electron/capture/worker-socket';
import { type ExportRunner, relayWithExportRoute } from '../../electron/main/export-route';
import type { Relay } from '../../electron/main/relay';
import { IpcClient } from '../../shared/ipc/ipc-client';
import { electronLike } from './electron-like-port';

export interface ElevatedPage { client: IpcClient; child: ChildProcess; relay: Relay; close(): Promise<void> }

export async function elevatedPage(workerArgs: string[], runExport: ExportRunner): Promise<ElevatedPage> {
  const listener = await listenForWorker(30_000);
  const child = spawnWorker(['--connect', listener.path, ...workerArgs]);
  const exited = new Promise<void>((r) => child.once('close', () => r()));
  const socket = await listener.connection;
  const { port1, port2 } = new MessageChannel();
  const relay = relayWithExportRoute(socket, electronLike(port1), runExport);
  const client = new IpcClient((bytes) => {
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    port2.postMessage(copy.buffer, [copy.buffer]);
  });
  port2.on('message', (d) => client.receive(messageBytes(d) ?? new Uint8Array()));
  client.start();
  return {
    client, child, relay,
    close: async () => { port2.close(); relay.close(); listener.close(); await exited; },
  };
}
