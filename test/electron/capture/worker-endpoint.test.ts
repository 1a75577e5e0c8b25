import { describe, expect, it } from 'vitest';
import { endpointDirectory, workerEndpoint } from '../../../electron/capture/worker-endpoint';

describe('elevated worker endpoints', () => {
  it('puts the Unix socket inside the private directory on Linux and macOS, and finds the directory back', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const end = workerEndpoint('/tmp/synack-worker-Ab12Cd', platform);
      expect(end).toBe('/tmp/synack-worker-Ab12Cd/worker.sock');
      expect(endpointDirectory(end, '/unused', platform)).toBe('/tmp/synack-worker-Ab12Cd');
    }
  });

  it('names a Windows pipe after the directory and maps it back under the worker\'s own temp folder', () => {
    const end = workerEndpoint('C:\\Users\\ann\\AppData\\Local\\Temp\\synack-worker-Ab12Cd', 'win32');
    expect(end).toBe('\\\\.\\pipe\\synack-worker-Ab12Cd');
    expect(endpointDirectory(end, 'C:\\Users\\ann\\AppData\\Local\\Temp', 'win32'))
      .toBe('C:\\Users\\ann\\AppData\\Local\\Temp\\synack-worker-Ab12Cd');
  });

  it('refuses endpoints that are not its own (the worker may run elevated)', () => {
    expect(() => endpointDirectory('/etc/shadow', '/tmp', 'linux')).toThrow(/worker\.sock/);
    expect(() => endpointDirectory('\\\\.\\pipe\\other', 'C:\\Temp', 'win32')).toThrow(/pipe/);
    expect(() => endpointDirectory('\\\\.\\pipe\\synack-worker-Ab12Cd\\..\\x', 'C:\\Temp', 'win32')).toThrow(/pipe/);
    expect(() => endpointDirectory('C:\\Temp\\synack-worker-Ab12Cd\\worker.sock', 'C:\\Temp', 'win32')).toThrow(/pipe/);
    expect(() => workerEndpoint('C:\\Temp\\evil', 'win32')).toThrow(/not a worker directory/);
  });
});
