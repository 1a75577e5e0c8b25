/**
 * The detail tree's Frame row and its fields, as Wireshark's frame dissector shows them (tshark -V): the interface
 * and section a pcapng packet came from, the encapsulation, arrival and epoch time, the time since the previous
 * captured frame and since the first, the frame number and both lengths — and above it the packet's comments.
 * Built for the selected packet only.
 */
import type { DetailNode } from './detail-node';
import { LINKTYPE_NAMES } from './link';
import { encapsulationOf } from '../capture-file/wiretap-encapsulation';
import { differenceText } from '../tcp/nstime';

/** What the worker knows about a frame beside its bytes. */
export interface FrameFacts {
  frame: number;
  capLen: number;
  origLen: number;
  linkType: number;
  tsSec: number;
  tsNsec: number;
  /** False for a packet without a time (a pcapng Simple Packet Block): no time rows then, as in tshark. */
  hasTimestamp: boolean;
  /** The pcapng interface (id within its section), absent for pcap. */
  iface?: { id: number; section: number; name?: string; description?: string };
  /** Times of the previous frame and of frame 1 (absent: this is the first). */
  previous?: { sec: number; nsec: number };
  first?: { sec: number; nsec: number };
  comments: string[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');
const nine = (n: number): string => String(n).padStart(9, '0');

/**
 * "Aug  2, 2021 00:35:50.265450000 UTC", as tshark -V prints frame.time with TZ=UTC; `local`: in this machine's zone
 * with its abbreviation ("EDT"), as Wireshark's packet list shows frame.time in a custom column.
 */
export function arrivalTime(sec: number, nsec: number, local = false): string {
  const d = new Date(sec * 1000);
  if (!local) {
    return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')}, ${d.getUTCFullYear()} `
      + `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${nine(nsec)} UTC`;
  }
  return `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')}, ${d.getFullYear()} `
    + `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${nine(nsec)} ${zoneAbbreviation(d)}`;
}

/** The zone's short name at `d` (strftime's %Z: "EDT", "UTC"; Intl's "GMT+1" where the zone has no abbreviation). */
function zoneAbbreviation(d: Date): string {
  return new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** b − a in seconds with nine decimals, exactly (seconds and nanoseconds kept apart). */
export function timeDifference(b: { sec: number; nsec: number }, a: { sec: number; nsec: number }): string {
  return differenceText(a.sec, a.nsec, b.sec, b.nsec);
}

const bits = (n: number): string => `${n} bytes (${n * 8} bits)`;

export function frameNode(f: FrameFacts): DetailNode {
  const leaf = (label: string, value: string, filter?: string): DetailNode => ({ label, value, start: 0, length: 0, ...(filter ? { filter } : {}) });
  const encap = encapsulationOf(f.linkType);
  const now = { sec: f.tsSec, nsec: f.tsNsec };
  const children: DetailNode[] = [];
  if (f.iface) {
    const { id, name, description } = f.iface;
    children.push(leaf('Section number', String(f.iface.section + 1)));
    children.push({
      ...leaf('Interface id', name ? `${id} (${name})` : String(id)),
      children: [...(name ? [leaf('Interface name', name)] : []), ...(description ? [leaf('Interface description', description)] : [])],
    });
  }
  children.push(leaf('Encapsulation type', `${encap.wtap ? encap.description : LINKTYPE_NAMES[f.linkType] ?? `LINKTYPE ${f.linkType}`} (${encap.wtap})`));
  if (f.hasTimestamp) {
    children.push(
      leaf('Arrival Time', arrivalTime(f.tsSec, f.tsNsec)),
      // Wireshark's Edit ▸ Time Shift moves a frame's time; SynAck shifts none, as tshark (which has no such option).
      leaf('[Time shift for this packet]', '0.000000000 seconds'),
      leaf('Epoch Time', `${f.tsSec}.${nine(f.tsNsec)} seconds`, `frame.time_epoch == ${f.tsSec}.${nine(f.tsNsec)}`),
      leaf('[Time delta from previous captured frame]', `${timeDifference(now, f.previous ?? now)} seconds`),
      leaf('[Time since reference or first frame]', `${timeDifference(now, f.first ?? now)} seconds`),
    );
  }
  children.push(
    leaf('Frame Number', String(f.frame), `frame.number == ${f.frame}`),
    leaf('Frame Length', bits(f.origLen), `frame.len == ${f.origLen}`),
    leaf('Capture Length', bits(f.capLen)),
  );
  const where = f.iface ? ` on interface ${f.iface.name ?? 'unknown'}, id ${f.iface.id}` : '';
  return {
    label: `Frame ${f.frame}`, value: `${bits(f.origLen).replace(' bytes', ' bytes on wire')}, ${bits(f.capLen).replace(' bytes', ' bytes captured')}${where}`,
    start: 0, length: f.capLen, filter: `frame.number == ${f.frame}`, children, collapsed: true,
  };
}

/** The "Packet comments" row above the frame (null without comments). */
export function commentsNode(comments: string[]): DetailNode | null {
  if (comments.length === 0) return null;
  return { label: 'Packet comments', value: comments.length === 1 ? comments[0] : `${comments.length} comments`, start: 0, length: 0,
    children: comments.map((c) => ({ label: 'Comment', value: c, start: 0, length: 0 })) };
}

/** The packet's comments as a detail tree shows them in its "Packet comments" row (commentsNode), in order. */
export function commentsOfTree(tree: readonly DetailNode[]): string[] {
  const node = tree.find((n) => n.label === 'Packet comments' && n.length === 0);
  return node?.children?.map((c) => c.value ?? '') ?? [];
}
