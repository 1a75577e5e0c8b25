import { describe, expect, it } from 'vitest';
import { connectElectronBackend, PORT_MESSAGE_TYPE } from '../../../renderer/backend/electron-backend';
import type { PortMailbox } from '../../../renderer/backend/electron-backend';
import type { SynackPreloadApi } from '../../../renderer/backend/electron-api';
import { FrameDecoder } from '../../../shared/ipc/frame-codec';

/** A mailbox standing in for `window`: the preload posts the worker port to it. */
class Mailbox implements PortMailbox {
  private cbs = new Set<(ev: MessageEvent) => void>();
  addEventListener(_t: 'message', cb: (ev: MessageEvent) => void): void { this.cbs.add(cb); }
  removeEventListener(_t: 'message', cb: (ev: MessageEvent) => void): void { this.cbs.delete(cb); }
  post(data: unknown, ports: MessagePort[]): void { for (const cb of [...this.cbs]) cb({ data, ports } as unknown as MessageEvent); }
  get listeners(): number { return this.cbs.size; }
}

function preload(onRequest: () => void): SynackPreloadApi {
  return {
    protocol: 1, platform: 'linux', requestPort: onRequest,
    openFileDialog: async () => null, pathForFile: () => '', initialFile: async () => null,
    invoke: () => Promise.reject(new Error('not used here')), on: () => () => {},
  };
}

describe('electron backend', () => {
  it('asks the preload for a port, ignores unrelated messages, and speaks frames on the port it gets', async () => {
    const mailbox = new Mailbox();
    const channel = new MessageChannel();
    let asked = 0;
    const pending = connectElectronBackend(preload(() => { asked++; }), mailbox);
    expect(asked).toBe(1);
    mailbox.post({ type: 'something-else' }, []);
    expect(mailbox.listeners).toBe(1);
    mailbox.post({ type: PORT_MESSAGE_TYPE }, [channel.port1]);
    const backend = await pending;
    expect(mailbox.listeners).toBe(0);

    // The worker end sees binary frames: first the initial credits, then the request.
    const frames: number[] = [];
    const decoder = new FrameDecoder((f) => { frames.push(f.type); });
    const got = new Promise<void>((done) => {
      channel.port2.onmessage = (ev: MessageEvent) => {
        expect(ev.data).toBeInstanceOf(ArrayBuffer);
        decoder.push(new Uint8Array(ev.data as ArrayBuffer));
        if (frames.length >= 2) done();
      };
    });
    void backend.invoke('interfaces.list', {}).catch(() => {});
    await got;
    expect(frames.length).toBeGreaterThanOrEqual(2);
    backend.close();
    channel.port2.close();
  });
});
