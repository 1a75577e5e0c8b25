/**
 * `synack-capture interfaces [--json]`: the capture interfaces libpcap offers, with addresses, flags and link
 * type (the link type needs the right to open the device; without it "-" / null is shown).
 */
import { listInterfaces, type InterfaceDetails } from '../interface-list';
import { LiveCaptureError } from '../live-error';

export const INTERFACES_HELP = `usage: synack-capture interfaces [--json]

Lists the interfaces live capture can use (libpcap's pcap_findalldevs): name, flags (up, running,
loopback), link type, addresses and description. --json prints one JSON array of
{ name, description, addresses: [{ family, addr, netmask }], up, loopback, running, linkType, linkTypeName }.
Exit status: 0 listed, 2 bad arguments, 3 live capture unavailable (the optional cap module is missing),
10 libpcap could not list the interfaces.
`;

export async function run(args: string[]): Promise<number> {
  let json = false;
  for (const a of args) {
    if (a === '-h' || a === '--help') { process.stdout.write(INTERFACES_HELP); return 0; }
    if (a === '--json') json = true;
    else {
      process.stderr.write(`synack-capture interfaces: unknown option "${a}"\n${INTERFACES_HELP}`);
      return 2;
    }
  }
  let list: InterfaceDetails[];
  try {
    list = listInterfaces();
  } catch (e) {
    if (!(e instanceof LiveCaptureError)) throw e;
    process.stderr.write(`synack-capture interfaces: ${e.message}\n`);
    return e.exitCode;
  }
  process.stdout.write(json ? `${JSON.stringify(list, null, 2)}\n` : formatTable(list));
  return 0;
}

/** One line per interface (`1. lo [Up, Running, Loopback] EN10MB`), addresses indented below, like tcpdump -D. */
export function formatTable(list: InterfaceDetails[]): string {
  let out = '';
  list.forEach((d, i) => {
    const flags = [d.up && 'Up', d.running && 'Running', d.loopback && 'Loopback'].filter(Boolean).join(', ');
    const desc = d.description ? ` (${d.description})` : '';
    out += `${i + 1}. ${d.name}${desc} [${flags}] ${d.linkTypeName ?? '-'}\n`;
    for (const a of d.addresses) out += `     inet${a.family === 6 ? '6' : ''} ${a.addr}${a.netmask ? ` netmask ${a.netmask}` : ''}\n`;
  });
  return out;
}
