/**
 * ICMP and ICMPv6 messages by name, as Wireshark names them (packet-icmp.c's icmp_type_str and code tables,
 * packet-icmpv6.c's icmpv6_type_val and code tables), and the Info column tshark writes for them: the type, and the
 * code in brackets where the type has code names. Echo-like messages add ids and the IP TTL in tshark's Info, which the
 * packet list does not keep: their Info here is the type alone (a prefix of tshark's). Checked against tshark on every
 * type and on every code of the error messages (test/shared/wire/icmp-messages.test.ts).
 */

/** `icmp.type` names; a type not listed is "Unknown ICMP (obsolete or malformed?)". */
const ICMP4_TYPES: Record<number, string> = {
  0: 'Echo (ping) reply', 1: 'Reserved', 2: 'Reserved', 3: 'Destination unreachable', 4: 'Source quench (flow control)',
  5: 'Redirect', 6: 'Alternate host address', 8: 'Echo (ping) request', 9: 'Router advertisement', 10: 'Router solicitation',
  11: 'Time-to-live exceeded', 12: 'Parameter problem', 13: 'Timestamp request', 14: 'Timestamp reply', 15: 'Information request',
  16: 'Information reply', 17: 'Address mask request', 18: 'Address mask reply', 19: 'Reserved (for security)', 30: 'Traceroute',
  31: 'Datagram Conversion Error', 32: 'Mobile Host Redirect', 33: 'IPv6 Where-Are-You', 34: 'IPv6 I-Am-Here',
  35: 'Mobile Registration Request', 36: 'Mobile Registration Reply', 37: 'Domain Name Request', 38: 'Domain Name Reply',
  39: 'SKIP', 40: 'Photuris', 41: 'Experimental mobility protocols', 42: 'Extended Echo request', 43: 'Extended Echo reply',
};

/** ICMPv4 types whose Info names the code, with their code names (tshark: "Unknown code: N" for the others). */
const ICMP4_CODES: Record<number, Readonly<Record<number, string>>> = {
  3: [
    'Network unreachable', 'Host unreachable', 'Protocol unreachable', 'Port unreachable', 'Fragmentation needed',
    'Source route failed', 'Destination network unknown', 'Destination host unknown', 'Source host isolated',
    'Network administratively prohibited', 'Host administratively prohibited', 'Network unreachable for TOS',
    'Host unreachable for TOS', 'Communication administratively filtered', 'Host precedence violation', 'Precedence cutoff in effect',
  ],
  5: ['Redirect for network', 'Redirect for host', 'Redirect for TOS and network', 'Redirect for TOS and host'],
  6: ['Alternate address for host'],
  9: { 0: 'Normal router advertisement', 16: 'Does not route common traffic' },
  11: ['Time to live exceeded in transit', 'Fragment reassembly time exceeded'],
  12: ['Pointer indicates the error', 'Required option missing', 'Bad length'],
  40: ['Bad SPI', 'Authentication Failed', 'Decompression Failed', 'Decryption Failed', 'Need Authentication', 'Need Authorization'],
  42: ['No error'],
  43: ['No error', 'Malformed Query', 'No Such Interface', 'No Such Table Entry', 'Multiple Interfaces Satisfy Query'],
};

/** ICMPv4 types whose Info tshark extends past the type with ids, sequence numbers and the TTL: shown as the type alone. */
const ICMP4_WITH_MORE = new Set([0, 8, 13, 14, 15, 16, 17, 18]);
const ICMP_RTRADVERT = 9;

/** `icmpv6.type` names; a type not listed is "Unknown (N)". */
const ICMP6_TYPES: Record<number, string> = {
  1: 'Destination Unreachable', 2: 'Packet Too Big', 3: 'Time Exceeded', 4: 'Parameter Problem', 100: 'Private experimentation',
  101: 'Private experimentation', 127: 'Reserved for expansion of ICMPv6 error messages', 128: 'Echo (ping) request',
  129: 'Echo (ping) reply', 130: 'Multicast Listener Query', 131: 'Multicast Listener Report', 132: 'Multicast Listener Done',
  133: 'Router Solicitation', 134: 'Router Advertisement', 135: 'Neighbor Solicitation', 136: 'Neighbor Advertisement',
  137: 'Redirect', 138: 'Router Renumbering', 139: 'Node Information Query', 140: 'Node Information Reply',
  141: 'Inverse Neighbor Discovery Solicitation', 142: 'Inverse Neighbor Discovery Advertisement',
  143: 'Multicast Listener Report Message v2', 144: 'Home Agent Address Discovery Request',
  145: 'Home Agent Address Discovery Reply', 146: 'Mobile Prefix Solicitation', 147: 'Mobile Prefix Advertisement',
  148: 'Certification Path Solicitation', 149: 'Certification Path Advertisement', 150: 'Experimental Mobility',
  151: 'Multicast Router Advertisement', 152: 'Multicast Router Solicitation', 153: 'Multicast Router Termination',
  154: 'FMIPv6', 155: 'RPL Control', 156: 'Locator Update', 157: 'Duplicate Address Request',
  158: 'Duplicate Address Confirmation', 159: 'MPL Control Message', 160: 'Extended Echo request', 161: 'Extended Echo reply',
  200: 'Private experimentation', 201: 'Private experimentation', 255: 'Reserved for expansion of ICMPv6 informational messages',
};

/** ICMPv6 error types whose Info names the code (tshark: "Unknown (N)" for the others). */
const ICMP6_CODES: Record<number, Readonly<Record<number, string>>> = {
  1: [
    'no route to destination', 'Administratively prohibited', 'Beyond scope of source address', 'Address unreachable',
    'Port unreachable', 'Source address failed ingress/egress policy', 'Reject route to destination', 'Error in Source Routing Header',
  ],
  3: ['hop limit exceeded in transit', 'fragment reassembly time exceeded'],
  4: [
    'erroneous header field encountered', 'unrecognized Next Header type encountered', 'unrecognized IPv6 option encountered',
    'IPv6 First Fragment has incomplete IPv6 Header Chain',
  ],
};

/**
 * ICMPv6 types whose Info tshark extends past the type (ids, targets, code-specific names, a report's records): shown as
 * the type alone.
 */
const ICMP6_WITH_MORE = new Set([128, 129, 135, 136, 137, 138, 139, 140, 143, 145, 150, 154, 155, 160, 161]);

/** Whether a message of this type is an error that quotes the datagram it is about (what the decoder dissects). */
export function isIcmpError(v6: boolean, type: number): boolean {
  return v6 ? type >= 1 && type <= 4 : type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
}

/**
 * Whether the message says the datagram could not be delivered at all: destination unreachable (ICMPv4 type 3 except
 * "fragmentation needed", a path MTU signal; ICMPv6 type 1).
 */
export function isUnreachable(v6: boolean, type: number, code: number): boolean {
  return v6 ? type === 1 : type === 3 && code !== 4;
}

/** icmpv6.type's value name (packet-icmpv6.c's icmpv6_type_val: what a custom column shows), null for a type without one. */
export function icmpv6TypeValueName(type: number): string | null {
  return ICMP6_TYPES[type] ?? null;
}

/** The type's name ("Destination unreachable", "Packet Too Big"). */
export function icmpTypeName(v6: boolean, type: number): string {
  return v6 ? ICMP6_TYPES[type] ?? `Unknown (${type})` : ICMP4_TYPES[type] ?? 'Unknown ICMP (obsolete or malformed?)';
}

/** The code's name where the type names its codes ("Port unreachable"), else null. */
export function icmpCodeName(v6: boolean, type: number, code: number): string | null {
  const codes = (v6 ? ICMP6_CODES : ICMP4_CODES)[type];
  if (!codes) return null;
  // packet-icmpv6.c names an unknown destination-unreachable code without its number, the other types' with it.
  return codes[code] ?? (v6 ? (type === 1 ? 'Unknown' : `Unknown (${code})`) : `Unknown code: ${code}`);
}

/** Whether icmpInfo gives tshark's whole Info column for this type (not only its start). */
export function icmpInfoIsWhole(v6: boolean, type: number): boolean {
  return !(v6 ? ICMP6_WITH_MORE.has(type) : ICMP4_WITH_MORE.has(type));
}

/**
 * The Info column of an ICMP message as tshark writes it: "Destination unreachable (Port unreachable)". ICMPv4 pads the
 * type to 20 characters (packet-icmp.c's "%-20s"); messages with ids get the type alone (see the file comment).
 */
export function icmpInfo(v6: boolean, type: number, code: number): string {
  // packet-icmp.c reads a router advertisement of code 0 or 16 as Mobile IP's (RFC 5944) in the Info column.
  const mobileIp = !v6 && type === ICMP_RTRADVERT && (code === 0 || code === 16);
  const name = mobileIp ? 'Mobile IP Advertisement' : icmpTypeName(v6, type);
  if (!icmpInfoIsWhole(v6, type)) return name;
  const codeName = icmpCodeName(v6, type, code);
  return (v6 ? name : name.padEnd(20)) + (codeName === null ? '' : ` (${codeName})`);
}

/** The `icmp` packet column: 0 for no ICMP header, else 1 (ICMPv4) or 2 (ICMPv6) << 16 | type << 8 | code. */
export function icmpColumnValue(typeCode: number, v6: boolean): number {
  return typeCode < 0 ? 0 : ((v6 ? 2 : 1) << 16) | typeCode;
}

/** An `icmp` column value read back; null for none. */
export function icmpFromColumn(value: number): { v6: boolean; type: number; code: number } | null {
  return value === 0 ? null : { v6: value >> 16 === 2, type: (value >> 8) & 0xff, code: value & 0xff };
}
