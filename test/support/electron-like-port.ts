import type { MessagePort } from 'node:worker_threads';
import type { MessagePortLike } from '../../electron/capture/port-stream';

/**
 * Node's MessagePort behaves like Electron's MessagePortMain (structured clone, start/close, 'close'
 * event) except that its 'message' listener gets the data itself rather than { data }; this adapts that,
 * so tests run port code over a real Node MessageChannel where Electron cannot start.
 */
export function electronLike(port: MessagePort): MessagePortLike {
  return {
    postMessage: (m) => port.postMessage(m),
    on: ((event: 'message' | 'close', listener: (e?: { data: unknown }) => void) => {
      if (event === 'message') port.on('message', (data) => listener({ data }));
      else port.on('close', () => listener());
      return undefined;
    }) as MessagePortLike['on'],
    start: () => port.start(),
    close: () => port.close(),
  };
}
