/**
 * Capture interfaces as libpcap sees them (pcap_findalldevs through the patched `cap`): name, description,
 * IPv4/IPv6 addresses, up/loopback/running flags, and the link type, which libpcap only reveals on an open
 * handle — so it is probed by a short open where we are allowed to (null otherwise, e.g. without root).
 */
import type { InterfaceInfo } from '../../shared/ipc/contract';
import { LINKTYPE_NAMES } from '../../shared/wire/link';
import { loadCap, type CapDevice, type CapModule } from './cap-module';
import { LiveCaptureError } from './live-error';
import { dltToLinktype } from './live-source';

export interface InterfaceDetails extends InterfaceInfo {
  /** LINKTYPE_* of the interface, null when it cannot be opened by this process. */
  linkType: number | null;
  linkTypeName: string | null;
}

/** The device list (throws LiveCaptureError 'cap-missing' / 'capture-failed'). */
export function listDevices(): CapDevice[] {
  const load = loadCap();
  if (!load.ok) throw new LiveCaptureError('cap-missing', load.reason);
  try {
    return load.cap.Cap.deviceList();
  } catch (e) {
    throw new LiveCaptureError('capture-failed', `cannot list interfaces: ${(e as Error).message}`);
  }
}

/** Names only, for argument validation. */
export function interfaceNames(): string[] {
  return listDevices().map((d) => d.name);
}

/** Interfaces with addresses and flags; `probeLinkType` opens each one briefly to learn its link type. */
export function listInterfaces(probeLinkType = true): InterfaceDetails[] {
  const devices = listDevices();
  const cap = (loadCap() as { ok: true; cap: CapModule }).cap;
  return devices.map((d) => {
    const linkType = probeLinkType ? probe(cap, d.name) : null;
    return {
      name: d.name,
      description: d.description ?? null,
      addresses: d.addresses.filter((a) => a.addr).map((a) => ({
        family: a.addr!.includes(':') ? 6 as const : 4 as const, addr: a.addr!, netmask: a.netmask ?? null,
      })),
      up: d.up,
      loopback: d.loopback,
      running: d.running,
      linkType,
      linkTypeName: linkType === null ? null : LINKTYPE_NAMES[linkType] ?? `LINKTYPE_${linkType}`,
    };
  });
}

function probe(cap: CapModule, name: string): number | null {
  const h = new cap.Cap();
  try {
    h.open(name, '', 1 << 20, Buffer.alloc(64), { snaplen: 64, promisc: false, immediate: true, timeout: 10 });
    return dltToLinktype(h.datalink());
  } catch {
    return null;
  } finally {
    h.close();
  }
}
