/**
 * Binds the worker session to live capture (electron/capture/live-source.ts: libpcap through the optional,
 * patched `cap`). Without `cap` the worker still serves files and `hello` says why live capture is off.
 * The interface is checked against libpcap's own list before it is opened (the worker may run as root).
 * When the worker runs as root it drops to `dropTo` (the --user given by the app, or the sudo/pkexec
 * invoker) right after the device is open and before the first packet is read or the session file exists.
 */
import type { CaptureStartRequest, InterfaceInfo } from '../../shared/ipc/contract';
import { loadCap } from './cap-module';
import { listInterfaces } from './interface-list';
import { LiveCaptureError } from './live-error';
import type { LiveProvider, LiveSession } from './live-job';
import { startLiveCapture } from './live-source';
import { dropPrivileges, type DropTarget, invokingUser, resolveUser, runningAsRoot } from './privileges';
import { RequestFailure } from './worker-session';

/** LiveCaptureError → the contract's error code, for failed requests and `error` events. */
function asFailure(e: unknown): unknown {
  return e instanceof LiveCaptureError ? new RequestFailure(e.contractCode, e.message) : e;
}

/**
 * Who to become after opening the device: null when not root, or when root was not obtained through an
 * elevation (no --user, no sudo/pkexec invoker): then the whole host already runs as root by choice, as in
 * a CI container, and there is nobody to return to.
 */
function dropTarget(user: string | null): DropTarget | null {
  if (!runningAsRoot()) return null;
  return user ? resolveUser(user) : invokingUser();
}

export function loadLiveProvider(user: string | null = null): LiveProvider {
  let dropped = false;
  return {
    capability: () => {
      const load = loadCap();
      return load.ok ? { available: true, reason: null } : { available: false, reason: load.reason };
    },
    listInterfaces: async (): Promise<InterfaceInfo[]> => {
      try {
        return listInterfaces(!dropped);
      } catch (e) {
        throw asFailure(e);
      }
    },
    holdsCaptureRights: () => !dropped && dropTarget(user) !== null,
    start: async (req: CaptureStartRequest): Promise<LiveSession> => {
      try {
        const names = listInterfaces(false).map((i) => i.name);
        if (!names.includes(req.iface)) throw new LiveCaptureError('no-such-interface', `no capture interface named "${req.iface}" (have: ${names.join(', ')})`);
        const target = dropped ? null : dropTarget(user);
        return startLiveCapture({
          iface: req.iface, filter: req.filter ?? '', snaplen: req.snaplen, promisc: req.promisc ?? true,
          afterOpen: () => { if (target) { dropPrivileges(target); dropped = true; } },
        });
      } catch (e) {
        throw asFailure(e);
      }
    },
  };
}
