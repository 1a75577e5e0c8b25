import { describe, expect, it } from 'vitest';
import { type AppHandlers, dispatchAppRequest } from '../../../electron/main/app-requests';

const policy = { appOrigin: 'app://synack', devServer: null };
const APP = 'app://synack/index.html';

function handlers(log: unknown[]): AppHandlers {
  return {
    'app.openFileDialog': () => '/picked.pcap',
    'app.saveFileDialog': ({ defaultName }) => `/save/${defaultName}`,
    'app.initialFile': () => null,
    'app.fileOpened': ({ path }) => { log.push(path); return null; },
    'settings.get': () => ({ theme: 'dark', zoomLevel: 0, hiddenColumns: [], customColumns: [], rowColors: 'phases', timeFormat: 'relative', coloringRules: null }),
    'app.uiState': (s) => { log.push(s); return null; },
    'app.listView': (v) => { log.push(v); return null; },
    'app.elevateWorker': () => ({ ok: false, message: 'cancelled' }),
  };
}

describe('dispatchAppRequest', () => {
  it('validates, calls the handler and answers', async () => {
    const log: unknown[] = [];
    expect(await dispatchAppRequest(handlers(log), 'app.saveFileDialog', { defaultName: 'stream-0.pcapng' }, APP, policy)).toBe('/save/stream-0.pcapng');
    expect(await dispatchAppRequest(handlers(log), 'app.fileOpened', { path: '/x.pcap' }, APP, policy)).toBeNull();
    const ui = { hasSource: true, capturing: false, conversationSelected: true, conversationShown: true, marked: true };
    expect(await dispatchAppRequest(handlers(log), 'app.uiState', ui, APP, policy)).toBeNull();
    const view = {
      hiddenColumns: ['win'], customColumns: [{ id: 0, title: 'BiF', fields: 'tcp.analysis.bytes_in_flight', occurrence: 0, hidden: false }],
      rowColors: 'wireshark', timeFormat: 'datetime-utc',
      coloringRules: [{ name: 'Retransmissions', filter: 'tcp.analysis.retransmission', background: '#ffc0c0', foreground: '#000000', disabled: true }],
    };
    expect(await dispatchAppRequest(handlers(log), 'app.listView', view, APP, policy)).toBeNull();
    expect(log).toEqual(['/x.pcap', ui, view]);
  });

  it('refuses requests from pages that are not the app', async () => {
    await expect(dispatchAppRequest(handlers([]), 'app.openFileDialog', null, 'https://evil.example/', policy)).rejects.toThrow(/not the app/);
    await expect(dispatchAppRequest(handlers([]), 'app.openFileDialog', null, '', policy)).rejects.toThrow(/not the app/);
  });

  it('refuses unknown names and bad payloads before any handler runs', async () => {
    const log: unknown[] = [];
    const h = handlers(log);
    const bad: [string, unknown][] = [
      ['app.exec', null], ['__proto__', null], ['app.openFileDialog', {}],
      ['app.saveFileDialog', { defaultName: '../../etc/passwd' }], ['app.saveFileDialog', { defaultName: 'a', extra: 1 }],
      ['app.fileOpened', { path: '' }], ['app.fileOpened', { path: 'a\0b' }], ['app.fileOpened', 'x'],
      ['app.uiState', { hasSource: 'yes', capturing: false, conversationSelected: false }],
      ['app.uiState', { hasSource: true, capturing: false }], ['app.elevateWorker', 1],
      ['app.uiState', { hasSource: true, capturing: false, conversationSelected: false }],
      ['app.uiState', { hasSource: true, capturing: false, conversationSelected: false, conversationShown: 1 }],
      ['app.uiState', { hasSource: true, capturing: false, conversationSelected: false, conversationShown: true }],
      ['app.uiState', { hasSource: true, capturing: false, conversationSelected: false, conversationShown: true, marked: 'yes' }],
      ['app.listView', { hiddenColumns: ['bogus'], customColumns: [], rowColors: 'phases', timeFormat: 'relative', coloringRules: null }],
      ['app.listView', { hiddenColumns: [], customColumns: [], rowColors: 'rainbow', timeFormat: 'relative', coloringRules: null }],
      ['app.listView', { hiddenColumns: [], customColumns: [], rowColors: 'phases', timeFormat: 'utc' }],
      ['app.listView', { hiddenColumns: [], customColumns: [], rowColors: 'phases', timeFormat: 'relative', theme: 'dark' }],
      ['app.listView', { hiddenColumns: 'win', customColumns: [], rowColors: 'phases', timeFormat: 'relative', coloringRules: null }],
      ['app.listView', { hiddenColumns: [], rowColors: 'phases', timeFormat: 'relative', coloringRules: null }],
      // A custom column must name fields SynAck knows, with a title, a whole occurrence and ids that differ; at most 32.
      ...[
        { id: 0, title: 'x', fields: 'http.host', occurrence: 0, hidden: false },
        { id: 0, title: '', fields: 'tcp.seq', occurrence: 0, hidden: false },
        { id: 0, title: 'x', fields: 'tcp.seq', occurrence: 0.5, hidden: false },
        { id: -1, title: 'x', fields: 'tcp.seq', occurrence: 0, hidden: false },
        { id: 0, title: 'x', fields: 'tcp.seq', occurrence: 0, hidden: 'no' },
        { id: 0, title: 'x', fields: 'tcp.seq', occurrence: 0, hidden: false, html: '<b>' },
      ].map((c) => ['app.listView', { hiddenColumns: [], customColumns: [c], rowColors: 'phases', timeFormat: 'relative', coloringRules: null }] as [string, unknown]),
      ['app.listView', { hiddenColumns: [], customColumns: [0, 0].map(() => ({ id: 1, title: 'x', fields: 'tcp.seq', occurrence: 0, hidden: false })), rowColors: 'phases', timeFormat: 'relative', coloringRules: null }],
      // Coloring rules: #rrggbb colours, a one-line name without @, a one-line filter, no other keys, at most 256.
      ...[
        { name: 'x', filter: 'tcp', background: 'red', foreground: '#000000' },
        { name: 'a@b', filter: 'tcp', background: '#ffffff', foreground: '#000000' },
        { name: 'x', filter: 'tcp\n@evil@frame@[0,0,0][0,0,0]', background: '#ffffff', foreground: '#000000' },
        { name: 'x', filter: 'tcp', background: '#ffffff', foreground: '#000000', disabled: 'yes' },
        { name: 'x', filter: 'tcp', background: '#ffffff', foreground: '#000000', style: 'x' },
        { name: 'x', filter: 7, background: '#ffffff', foreground: '#000000' },
      ].map((r) => ['app.listView', { hiddenColumns: [], customColumns: [], rowColors: 'phases', timeFormat: 'relative', coloringRules: [r] }] as [string, unknown]),
      ['app.listView', { hiddenColumns: [], customColumns: [], rowColors: 'phases', timeFormat: 'relative', coloringRules: {} }],
      ['app.listView', { hiddenColumns: [], customColumns: [], rowColors: 'phases', timeFormat: 'relative',
        coloringRules: Array.from({ length: 257 }, () => ({ name: 'x', filter: 'tcp', background: '#ffffff', foreground: '#000000' })) }],
      ['app.listView', { hiddenColumns: [], customColumns: Array.from({ length: 33 }, (_, id) => ({ id, title: 'x', fields: 'tcp.seq', occurrence: 0, hidden: false })), rowColors: 'phases', timeFormat: 'relative', coloringRules: null }],
    ];
    for (const [name, payload] of bad) {
      await expect(dispatchAppRequest(h, name, payload, APP, policy), name).rejects.toThrow();
    }
    expect(log).toEqual([]);
  });
});
