/**
 * Why a live capture could not start or stopped: one code per cause, each with its own CLI exit status and
 * its contract ErrorCode (shared/ipc/contract.ts) for the UI. libpcap's own text is kept in the message.
 */
import type { ErrorCode } from '../../shared/ipc/contract';

export type LiveErrorCode =
  | 'cap-missing'        // `cap` not installed, unpatched, or disabled (SYNACK_DISABLE_CAP=1)
  | 'bad-filter'         // the BPF filter does not compile (pcap_compile's message)
  | 'no-such-interface'  // libpcap PCAP_ERROR_NO_SUCH_DEVICE, or not in the interface list
  | 'interface-down'     // not up at open (PCAP_ERROR_IFACE_NOT_UP) or went down while capturing
  | 'permission'         // PCAP_ERROR_PERM_DENIED: needs root / CAP_NET_RAW
  | 'privilege-drop'     // could not become --user, or could regain root afterwards
  | 'output'             // the session or -w file cannot be created or written
  | 'capture-failed';    // any other libpcap failure

/** CLI exit status per cause (documented in `synack-capture capture --help`). 1 and 2 are generic / usage. */
export const LIVE_EXIT_CODES: Record<LiveErrorCode, number> = {
  'cap-missing': 3,
  'bad-filter': 4,
  'no-such-interface': 5,
  'interface-down': 6,
  'permission': 7,
  'privilege-drop': 8,
  'output': 9,
  'capture-failed': 10,
};

const CONTRACT_CODES: Record<LiveErrorCode, ErrorCode> = {
  'cap-missing': 'capture.unavailable',
  'bad-filter': 'capture.filter',
  'no-such-interface': 'capture.interface',
  'interface-down': 'capture.interface',
  'permission': 'capture.permission',
  'privilege-drop': 'capture.permission',
  'output': 'request.failed',
  'capture-failed': 'request.failed',
};

export class LiveCaptureError extends Error {
  override readonly name = 'LiveCaptureError';
  constructor(readonly code: LiveErrorCode, message: string) {
    super(message);
  }

  /** The contract's ErrorCode for this cause, for `error` events and failed requests. */
  get contractCode(): ErrorCode {
    return CONTRACT_CODES[this.code];
  }

  get exitCode(): number {
    return LIVE_EXIT_CODES[this.code];
  }
}

/** Maps a patched-`cap` error code (see patches/cap+0.2.1.patch) to our cause and a sentence for people. */
export function fromCapError(e: unknown, iface: string, filter: string): LiveCaptureError {
  const code = (e as { code?: string })?.code;
  const text = String((e as Error)?.message ?? e);
  switch (code) {
    case 'FILTER':
      return new LiveCaptureError('bad-filter', `bad capture filter "${filter}": ${text}`);
    case 'NO_SUCH_DEVICE':
      return new LiveCaptureError('no-such-interface', `no such interface "${iface}": ${text}`);
    case 'IFACE_NOT_UP':
      return new LiveCaptureError('interface-down', `interface "${iface}" is down: ${text}`);
    case 'READ':
    case 'POLL':
      // Linux: taking the device down fails the packet socket (ENETDOWN), which surfaces as a poll or read error.
      return new LiveCaptureError('interface-down', `capture on "${iface}" stopped: the interface went down or disappeared (${text})`);
    case 'PERM_DENIED':
      return new LiveCaptureError('permission',
        `no permission to capture on "${iface}": ${text} (run as root, e.g. sudo synack-capture …, or grant CAP_NET_RAW)`);
    default:
      return new LiveCaptureError('capture-failed', `cannot capture on "${iface}": ${text}`);
  }
}
