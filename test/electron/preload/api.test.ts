import { describe, expect, it } from 'vitest';
import { createPreloadApi, type IpcRendererLike } from '../../../electron/preload/api';
import { APP_EVENT_NAMES, APP_REQUEST_NAMES, PORT_CHANNEL, REQUEST_PORT_CHANNEL } from '../../../electron/preload/app-contract';
import { PROTOCOL_VERSION } from '../../../shared/ipc/contract';
import type { SynackPreloadApi } from '../../../renderer/backend/electron-api';

type Listener = (event: { ports?: readonly unknown[] }, payload: unknown) => void;

/** An ipcRenderer stand-in that records what the preload does. */
function fakeIpc() {
  const listeners = new Map<string, Set<Listener>>();
  const invoked: [string, unknown][] = [];
  const sent: string[] = [];
  const ipc: IpcRendererLike = {
    invoke: async (channel, payload) => { invoked.push([channel, payload]); return channel === 'app.initialFile' ? '/seed.pcap' : null; },
    send: (channel) => { sent.push(channel); },
    on: (channel, l) => { if (!listeners.has(channel)) listeners.set(channel, new Set()); listeners.get(channel)!.add(l); },
    removeListener: (channel, l) => { listeners.get(channel)?.delete(l); },
  };
  const emit = (channel: string, payload: unknown, ports?: unknown[]): void => {
    for (const l of listeners.get(channel) ?? []) l({ ports, sender: 'secret' } as never, payload);
  };
  return { ipc, invoked, sent, emit, listeners };
}

function setup() {
  const f = fakeIpc();
  const posted: [unknown, readonly unknown[]][] = [];
  const api = createPreloadApi({
    ipc: f.ipc, platform: 'linux', pathForFile: (file) => (file as { path: string }).path,
    postToPage: (m, ports) => posted.push([m, ports]),
  });
  return { ...f, api, posted };
}

describe('preload API', () => {
  it('matches the renderer\'s SynackPreloadApi type', () => {
    const { api } = setup();
    const typed: SynackPreloadApi = api as unknown as SynackPreloadApi;
    expect(typed.protocol).toBe(PROTOCOL_VERSION);
    expect(Object.keys(api).sort()).toEqual(['initialFile', 'invoke', 'on', 'openFileDialog', 'pathForFile', 'platform', 'protocol', 'requestPort']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('exposes no generic send and no ipcRenderer', () => {
    const { api } = setup();
    const text = Object.values(api).map(String).join('\n');
    expect('send' in api).toBe(false);
    expect(text).not.toMatch(/ipcRenderer/);
  });

  it('asks main for a port and forwards each port it gets to the page as a synack.port message', () => {
    const { api, sent, emit, posted } = setup();
    api.requestPort();
    expect(sent).toEqual([REQUEST_PORT_CHANNEL]);
    emit(PORT_CHANNEL, null, ['port-a']);
    emit(PORT_CHANNEL, null, []);
    emit(PORT_CHANNEL, null, ['port-b']);
    expect(posted).toEqual([[{ type: 'synack.port' }, ['port-a']], [{ type: 'synack.port' }, ['port-b']]]);
  });

  it('invokes only allowlisted requests with valid payloads', async () => {
    const { api, invoked } = setup();
    expect(await api.initialFile()).toBe('/seed.pcap');
    await api.openFileDialog();
    await api.invoke('app.fileOpened', { path: '/x.pcap' });
    expect(invoked).toEqual([['app.initialFile', null], ['app.openFileDialog', null], ['app.fileOpened', { path: '/x.pcap' }]]);
    await expect(api.invoke('shell.openExternal' as never, null as never)).rejects.toThrow(/unknown request/);
    await expect(api.invoke('app.fileOpened', { path: 5 } as never)).rejects.toThrow(/expects/);
    expect(invoked).toHaveLength(3);
  });

  it('subscribes to allowlisted events only, hands callbacks the payload without the event, and unsubscribes', () => {
    const { api, emit, listeners } = setup();
    const got: unknown[] = [];
    const off = api.on('menu.command', (...args: unknown[]) => got.push(args));
    emit('menu.command', { command: 'capture.start' });
    off();
    emit('menu.command', { command: 'capture.stop' });
    expect(got).toEqual([[{ command: 'capture.start' }]]);
    expect(listeners.get('menu.command')?.size).toBe(0);
    expect(() => api.on('app.port' as never, () => undefined)).toThrow(/unknown event/);
  });

  it('returns an empty path for a dropped file without one', () => {
    const { api } = setup();
    expect(api.pathForFile({ path: '/d.pcap' })).toBe('/d.pcap');
    const broken = createPreloadApi({ ipc: fakeIpc().ipc, platform: 'linux', pathForFile: () => { throw new Error('not a File'); }, postToPage: () => undefined });
    expect(broken.pathForFile({})).toBe('');
  });

  it('names each channel once, all in feature.verb form', () => {
    const all = [...APP_REQUEST_NAMES, ...APP_EVENT_NAMES, REQUEST_PORT_CHANNEL, PORT_CHANNEL];
    expect(new Set(all).size).toBe(all.length);
    for (const n of all) expect(n).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });
});
