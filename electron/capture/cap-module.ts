/**
 * Loads the optional `cap` addon (libpcap for Node) with SynAck's patch (patches/cap+0.2.1.patch) and
 * describes the part of its API we use. `cap` is an optionalDependency: without it (no libpcap-dev at
 * install time) file work goes on and live capture says how to enable it.
 *
 * SYNACK_DISABLE_CAP=1 makes this loader fail exactly as if `cap` were not installed. It exists so the
 * "cap missing" path (message, error code, CLI exit status) is tested on machines that do have it; it is a
 * real code path, not a mock, and also a way for a user to switch live capture off.
 */
import { createRequire } from 'node:module';

/** The patch level scripts/rebuild-cap.mjs builds; an older binary lacks stats(), snaplen and promisc. */
export const CAP_PATCH_LEVEL = 1;

export const CAP_MISSING_HINT =
  'live capture needs the optional `cap` module: apt-get install libpcap-dev build-essential python3 && npm rebuild cap';

/** Options of the patched `open()`: every field honoured by libpcap before pcap_activate. */
export interface CapOpenOptions {
  snaplen: number;
  promisc: boolean;
  /** Immediate mode (TPACKET_V2 on Linux, one snaplen-sized ring frame per packet) or buffered (TPACKET_V3). */
  immediate: boolean;
  /** Read timeout in ms: with TPACKET_V3 the longest a packet waits in a half-full block. */
  timeout: number;
}

export interface CapStats { received: number; dropped: number; ifDropped: number }

/** Error thrown or emitted by the patched addon; `code` names the libpcap failure. */
export interface CapError extends Error {
  code?: 'CREATE' | 'SETUP' | 'NO_SUCH_DEVICE' | 'PERM_DENIED' | 'IFACE_NOT_UP' | 'ACTIVATE' | 'FILTER' | 'POLL' | 'READ' | 'NOT_OPEN' | string;
}

/**
 * One libpcap handle. Emits 'packet' (capLen, truncated, tsSec, tsNsec, origLen) with the bytes copied into the
 * Buffer given to open(), and 'error' (CapError) when the capture fails while running (interface went down).
 */
export interface CapHandle {
  open(device: string, filter: string, bufSize: number, buffer: Buffer, options: CapOpenOptions): string;
  close(): boolean;
  stats(): CapStats;
  datalink(): number;
  on(event: 'packet', cb: (capLen: number, truncated: boolean, tsSec: number, tsNsec: number, origLen: number) => void): void;
  on(event: 'error', cb: (e: CapError) => void): void;
  removeAllListeners(): void;
}

export interface CapDeviceAddress { addr?: string; netmask?: string; broadaddr?: string; dstaddr?: string }
export interface CapDevice {
  name: string;
  description?: string;
  addresses: CapDeviceAddress[];
  up: boolean;
  running: boolean;
  loopback: boolean;
  wireless: boolean;
}

export interface CapModule {
  Cap: { new (): CapHandle; deviceList(): CapDevice[] };
  synackPatch?: number;
}

export type CapLoad = { ok: true; cap: CapModule } | { ok: false; reason: string };

let cached: CapLoad | null = null;

/** Loads `cap` once; the result (module or the reason it is unusable) is cached for the process. */
export function loadCap(): CapLoad {
  if (cached) return cached;
  cached = tryLoad();
  return cached;
}

function tryLoad(): CapLoad {
  if (process.env.SYNACK_DISABLE_CAP === '1') return { ok: false, reason: `${CAP_MISSING_HINT} (disabled by SYNACK_DISABLE_CAP=1)` };
  let cap: CapModule;
  try {
    cap = createRequire(import.meta.url)('cap') as CapModule;
  } catch (e) {
    return { ok: false, reason: `${CAP_MISSING_HINT} (${firstLine(e)})` };
  }
  if (cap.synackPatch !== CAP_PATCH_LEVEL) {
    return {
      ok: false,
      reason: `the installed \`cap\` module was built without SynAck's patch (snaplen, promiscuous mode, stats): run npx patch-package && npm rebuild cap`,
    };
  }
  return { ok: true, cap };
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0];
}
