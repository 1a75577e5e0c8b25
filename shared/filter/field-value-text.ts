/**
 * One value of a display-filter field as Wireshark's packet list writes it in a custom column (proto_custom_set,
 * tshark 4.0), which is not always what `-T fields` prints:
 * - a protocol or an FT_NONE flag (tcp.analysis.retransmission) that is present: "✓";
 * - tcp.flags in hex with its mask's three digits ("0x012"); the flag bits "Set" / "Not set" (tfs_set_notset);
 *   other booleans (frame.marked) "True" / "False";
 * - tcp.completeness through packet-tcp.c's conversation_completeness_fill ("Complete, NO_DATA (23)");
 *   ip.proto by its name (ipproto_val: "TCP"), a number without one as the number; icmpv6.type likewise (icmp.type and
 *   the codes have no names there: theirs depend on the type);
 * - times in seconds with nine decimals; frame.time as "Aug  2, 2021 02:35:50.265450000 CEST" in local time;
 * - addresses as the flow table writes them; SynAck's own enums by name.
 */
import { ROW_BITS } from '../ipc/batch-layout';
import { relativeTimeText } from '../tcp/nstime';
import { arrivalTime } from '../wire/frame-node';
import type { FieldDef } from './fields';
import type { FilterColumns, FilterContext } from './filter-context';
import { IP_PROTOCOL_VALUES } from './ip-protocol-values';
import { icmpv6TypeValueName } from '../wire/icmp-messages';
import { frameTimeOrigin } from './time-origin';
import { sincePreviousText, sinceReferenceText } from './frame-clock';

/** A number (times in ns) or an address's text. */
export type FieldValue = number | string;

const SYN = 1, SYNACK = 2, ACK = 4, DATA = 8, FIN = 16, RST = 32;
const OPENED = SYN | SYNACK | ACK;

/** packet-tcp.c conversation_completeness_fill (Wireshark 4.0). */
export function completenessText(v: number): string {
  const name = v === SYN ? 'Incomplete, SYN_SENT'
    : v === (SYN | SYNACK) ? 'Incomplete, CLIENT_ESTABLISHED'
      : v === OPENED ? 'Incomplete, ESTABLISHED'
        : v === (OPENED | DATA) ? 'Incomplete, DATA'
          : v === (OPENED | DATA | FIN) || v === (OPENED | DATA | RST) || v === (OPENED | DATA | FIN | RST) ? 'Complete, WITH_DATA'
            : v === (OPENED | FIN) || v === (OPENED | RST) || v === (OPENED | FIN | RST) ? 'Complete, NO_DATA'
              : 'Incomplete';
  return `${name} (${v})`;
}

/** Seconds with nine decimals from ns (exact below 2^53 ns, ~104 days). */
function nsText(ns: number): string {
  const sec = Math.trunc(ns / 1e9);
  return relativeTimeText(sec, ns - sec * 1e9);
}

function uintText(def: FieldDef, v: number): string {
  switch (def.name) {
    case 'tcp.flags': return `0x${v.toString(16).padStart(3, '0')}`;
    case 'tcp.completeness': return completenessText(v);
    case 'ip.proto': return IP_PROTOCOL_VALUES[v] ?? String(v);
    case 'icmpv6.type': return icmpv6TypeValueName(v) ?? String(v);
    default: return String(v);
  }
}

/**
 * frame.time_relative and frame.time_delta from the timestamps themselves (frame-clock.ts): a difference from time 0 (a
 * frame without a timestamp, a file that starts at the epoch) is ~10^18 ns, past the double the filter compares.
 */
function frameClockText(name: string, cols: FilterColumns, ctx: FilterContext, i: number): string | null {
  if (name === 'frame.time_relative') {
    const origin = ctx.timeOrigin ?? frameTimeOrigin(cols.frame[0], cols.tsSec[0], cols.tsNsec[0]);
    return sinceReferenceText(cols, ctx.timeReferences?.before(i) ?? -1, origin, i);
  }
  return name === 'frame.time_delta' ? sincePreviousText(cols, i - 1, i) : null;
}

/** Row `i`'s value `v` of `def` as the packet list shows it. */
export function fieldValueText(def: FieldDef, v: FieldValue, cols: FilterColumns, ctx: FilterContext, i: number): string {
  if (typeof v === 'string') return v;
  switch (def.type) {
    case 'protocol': case 'flag': return '✓';
    case 'bool':
      if (def.name.startsWith('tcp.flags.')) return v ? 'Set' : 'Not set';
      return v ? 'True' : 'False';
    case 'uint': return uintText(def, v);
    case 'enum': return def.values?.find((x) => x.value === v)?.name ?? String(v);
    case 'time':
      // The epoch in ns is past 2^53: read the row's own seconds and nanoseconds.
      if (def.name === 'frame.time_epoch') return relativeTimeText(cols.tsSec[i], cols.tsNsec[i]);
      return frameClockText(def.name, cols, ctx, i) ?? nsText(v);
    case 'abstime': return cols.rowBits[i] & ROW_BITS.NO_TIMESTAMP ? '' : arrivalTime(cols.tsSec[i], cols.tsNsec[i], true);
    default: return String(v);
  }
}
