/**
 * `synack-capture read FILE -T fields -e FIELD … [-E header=y|separator=…|occurrence=f|l|a|aggregator=…|quote=d]
 * [-2] [-Y FILTER] [-o tcp.check_checksum:TRUE]`: tab-separated values with tshark's field names and formats
 * (shared/tcp/tshark-fields.ts), one line per TCP packet like `tshark -Y tcp -T fields`, or with -Y one line
 * per matching packet (TCP or not: the TCP fields of another packet are empty, as in tshark). With -2, a
 * first pass collects each stream's final state, as tshark's two passes do.
 */
import type { CaptureProblem } from '../../../shared/capture-file/capture-reader';
import type { CompiledFilter } from '../../../shared/filter/compile';
import { StreamTimes } from '../../../shared/tcp/stream-times';
import { FrameTimes } from '../../../shared/tcp/frame-times';
import { advanceFieldRow, fieldText, isKnownField, type FieldRow, type Occurrence } from '../../../shared/tcp/tshark-fields';
import { OutputBuffer } from './output-buffer';
import { PacketFilter } from './read-display-filter';
import { TrackedRowView } from './tracked-row-view';
import { loadColoringRules, needsRowView } from './colorfilters-file';
import { finalValues, trackFile } from './tcp-pass';

export interface FieldsOptions {
  fields: string[];
  header: boolean;
  separator: string;
  occurrence: Occurrence;
  aggregator: string;
  quote: string;
  twoPass: boolean;
  /** --color: frame.coloring_rule.* are filled in. */
  color: boolean;
  /** -Y: print the packets it matches (null: every TCP packet). */
  displayFilter: CompiledFilter | null;
  verifyChecksums: boolean;
}

/** The fields this command can print (for --help and argument checks). */
export const unknownFields = (fields: string[]): string[] => fields.filter((f) => !isKnownField(f));

export async function printFields(file: string, o: FieldsOptions): Promise<CaptureProblem | null> {
  const pass = { verifyChecksums: o.verifyChecksums };
  const { final, fatal } = await finalValues(file, o.twoPass, pass);
  if (fatal) return fatal;
  const filter = o.displayFilter ? new PacketFilter(o.displayFilter, final) : null;
  // --color: the rules tshark --color would apply; rules that are display filters read the row as -Y does.
  const rules = o.color ? loadColoringRules().rules : null;
  const rows = rules && needsRowView(rules) ? filter?.rows ?? new TrackedRowView(final) : null;
  const coloring = rules ? { rules, rowView: () => (rows?.view ? { cols: rows.view, ctx: rows.ctx! } : null) } : undefined;
  const out = new OutputBuffer(process.stdout);
  if (o.header) out.write(`${o.fields.join(o.separator)}\n`);
  const times = new StreamTimes(), frameTimes = new FrameTimes();
  let fr: FieldRow | null = null;
  const { problem } = await trackFile(file, (rec, pkt, cols, tracker) => {
    fr ??= { cols, row: 0, record: rec, packet: pkt, tracker, completenessBefore: 0, final, times, frameTimes, color: o.color, coloring };
    // Every row moves its stream's clock, printed or not: tcp.time_delta counts from the stream's previous packet.
    advanceFieldRow(fr, rec, pkt);
    if (rows && !filter) rows.moveTo(rec, pkt, cols, tracker);   // -Y moves it otherwise: once a row, printed or not
    // Without -Y, tshark -Y tcp's packets: a TCP header, or the ports of one an ICMP error quotes (8 bytes, RFC 792).
    if (filter ? !filter.matches(rec, pkt, cols, tracker) : !(pkt.tcp || pkt.tcpPortsOnly)) return;
    let line = '';
    for (let i = 0; i < o.fields.length; i++) {
      const v = fieldText(o.fields[i], fr, o.occurrence, o.aggregator);
      line += (i ? o.separator : '') + (v && o.quote ? o.quote + v + o.quote : v);   // tshark leaves empty cells unquoted
    }
    out.write(`${line}\n`);
    frameTimes.displayed();
  }, pass, async () => { await out.drain(); return !out.closed; });
  await out.flush();
  return problem;
}
