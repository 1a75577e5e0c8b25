/**
 * `synack-capture capture -i IFACE …`: live capture through libpcap, printed like `tcpdump -nn -vv` (or JSON
 * lines) and written to a pcapng file. Run as root (sudo) it opens the device, then drops to --user (or the
 * sudo/pkexec caller) before reading a packet; the capture file is created after the drop, owned by that user.
 */
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { TcpdumpFormatter } from '../../../shared/format/tcpdump-line';
import { packetJson } from '../../../shared/format/packet-json';
import { LINKTYPE_NAMES } from '../../../shared/wire/link';
import type { CaptureRecord } from '../../../shared/capture-file/capture-record';
import { parseCaptureArgs, type CaptureArgs } from '../args';
import { interfaceNames } from '../interface-list';
import { LIVE_EXIT_CODES, LiveCaptureError } from '../live-error';
import { startLiveCapture, type LiveCapture } from '../live-source';
import { dropPrivileges, invokingUser, resolveUser, runningAsRoot, type DropTarget } from '../privileges';
import { OutputBuffer } from './output-buffer';

const X = LIVE_EXIT_CODES;
export const CAPTURE_HELP = `usage: synack-capture capture -i IFACE [options]

Captures packets live through libpcap, prints them like "tcpdump -nn -vv" (UTC) and writes every packet to
a pcapng file (default: a new synack-IFACE-TIME-PID.pcapng in the temp directory; its path is printed).
Stop with Ctrl-C, -c or --duration; received/dropped counts (pcap_stats) are printed at the end.

options:
  -i, --interface IFACE   interface from "synack-capture interfaces" (required)
  -f, --filter BPF        capture filter in libpcap syntax, e.g. "tcp port 443" (at most 4096 characters)
  -s, --snaplen N         bytes kept per packet, 1..262144 (default 262144)
  -p, --no-promisc        do not put the interface into promiscuous mode
  -c, --count N           stop after N packets
  --duration S            stop after S seconds (decimals allowed, at most one week)
  -w, --write FILE        write the pcapng here (overwrites a regular file; symlinks are refused)
  -B, --buffer-size KIB   kernel buffer in KiB, 1024..1048576 (default 32768)
  --user NAME|UID         when started as root: become this user after opening the device (default: the
                          sudo or pkexec caller); the capture file is created as that user
  --format text|json      tcpdump-style text (default) or one JSON object per packet (see "read --help")
  -tt                     print times as seconds since 1970
  -h, --help              this text

exit status:
  0   stopped normally (count, duration, Ctrl-C)
  1   unexpected failure
  2   bad arguments (unknown option, value out of range)
  ${X['cap-missing']}   live capture unavailable: the optional \`cap\` module is missing or unpatched
  ${X['bad-filter']}   the capture filter does not compile (libpcap's message is printed)
  ${X['no-such-interface']}   no such interface (not in libpcap's list, or libpcap cannot open it)
  ${X['interface-down']}   the interface is down, or went down while capturing
  ${X['permission']}   no permission to capture (run with sudo, or grant CAP_NET_RAW)
  ${X['privilege-drop']}   --user is unknown, needs root, or dropping privileges failed
  ${X['output']}   the capture file cannot be created or written (as the user after the drop)
  ${X['capture-failed']}  any other libpcap failure
`;

export async function run(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) { process.stdout.write(CAPTURE_HELP); return 0; }
  try {
    const parsed = parseCaptureArgs(args, interfaceNames());
    if (parsed === 'help') { process.stdout.write(CAPTURE_HELP); return 0; }
    if (typeof parsed === 'string') {
      process.stderr.write(`synack-capture capture: ${parsed}\nrun "synack-capture capture --help" for usage\n`);
      return 2;
    }
    return await capture(parsed, dropTarget(parsed));
  } catch (e) {
    if (!(e instanceof LiveCaptureError)) throw e;
    process.stderr.write(`synack-capture capture: ${e.message}\n`);
    return e.exitCode;
  }
}

/** Whom to become after the device is open: --user, else the sudo/pkexec caller; null stays as we are. */
function dropTarget(a: CaptureArgs): DropTarget | null {
  if (!runningAsRoot()) {
    if (a.user === undefined) return null;
    const t = resolveUser(a.user);
    if (t.uid === process.getuid?.()) return null;
    throw new LiveCaptureError('privilege-drop', `--user ${a.user} needs root (this process is not root)`);
  }
  return a.user !== undefined ? resolveUser(a.user) : invokingUser();
}

async function capture(a: CaptureArgs, target: DropTarget | null): Promise<number> {
  const out = new OutputBuffer(process.stdout);
  const decoder = new PacketDecoder();
  const formatter = new TcpdumpFormatter({ time: a.epoch ? 'epoch' : 'hms' });
  let cap: LiveCapture | null = null;
  let seen = 0;
  const onPacket = (r: CaptureRecord): void => {
    if (a.count !== undefined && seen >= a.count) return;
    const d = decoder.decode(r.view, r.at, r.capLen, r.origLen, r.linkType);
    const text = formatter.format(r, d);
    out.write(a.format === 'json' ? `${JSON.stringify({ ...packetJson(r, d), text })}\n` : `${text}\n`);
    if (a.count !== undefined && ++seen >= a.count) void cap?.stop(0);
  };
  cap = startLiveCapture({
    iface: a.iface, filter: a.filter, snaplen: a.snaplen, promisc: a.promisc, output: a.output,
    bufferBytes: a.bufferKiB === undefined ? undefined : a.bufferKiB * 1024,
    afterOpen: () => { if (target) dropPrivileges(target); },
    onPacket,
  });
  announce(cap, target);
  const live = cap;
  const stop = (): void => { void live.stop(); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const timer = a.durationMs === undefined ? null : setTimeout(stop, a.durationMs);
  let failure: unknown = null;
  try {
    await live.ended;
  } catch (e) {
    failure = e;
  } finally {
    if (timer) clearTimeout(timer);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  await out.flush();
  const s = live.stats();
  process.stderr.write(`${s.written} packets captured\n${s.received} packets received by filter\n`
    + `${s.kernelDropped} packets dropped by kernel\n${s.ifDropped} packets dropped by interface\n`);
  if (failure) throw failure;
  return 0;
}

/** Where the packets come from and go, on stderr as tcpdump does ("listening on lo, link-type …"). */
function announce(cap: LiveCapture, target: DropTarget | null): void {
  const link = LINKTYPE_NAMES[cap.linkType] ?? String(cap.linkType);
  const who = target ? `, running as uid ${process.getuid?.()}${target.name ? ` (${target.name})` : ''}` : '';
  process.stderr.write(`listening on ${cap.iface}, link-type ${link}, snapshot length ${cap.snaplen} bytes${who}\n`
    + `writing ${cap.sessionFile}\n`);
}
