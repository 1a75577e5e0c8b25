/**
 * `synack-capture read FILE -T fields -e FIELD … [-E header=y|separator=…|occurrence=f|l|a|aggregator=…|quote=d]
 * [-2] [-o tcp.check_checksum:TRUE]`: tab-separated values with tshark's field names and formats
 * (shared/tcp/tshark-fields.ts), one line per TCP packet like `tshark -Y tcp -T fields`. With -2, a first pass
 * collects each stream's final state, as tshark's two passes do.
 */
import type { CaptureProblem } from '../../../shared/capture-file/capture-reader';
import { FinalValues } from '../../../shared/tcp/final-values';
import { StreamTimes } from '../../../shared/tcp/stream-times';
import { advanceFieldRow, fieldText, isKnownField, type FieldRow, type Occurrence } from '../../../shared/tcp/tshark-fields';
import { OutputBuffer } from './output-buffer';
import { trackFile } from './tcp-pass';

export interface FieldsOptions {
  fields: string[];
  header: boolean;
  separator: string;
  occurrence: Occurrence;
  aggregator: string;
  quote: string;
  twoPass: boolean;
  verifyChecksums: boolean;
}

/** The fields this command can print (for --help and argument checks). */
export const unknownFields = (fields: string[]): string[] => fields.filter((f) => !isKnownField(f));

export async function printFields(file: string, o: FieldsOptions): Promise<CaptureProblem | null> {
  let final: FinalValues | null = null;
  if (o.twoPass) {
    const first = await trackFile(file);
    if (first.problem && first.tracker.conversationCount === 0 && first.problem.code !== 'truncated') return first.problem;
    final = new FinalValues(first.tracker);
  }
  const out = new OutputBuffer(process.stdout);
  if (o.header) out.write(`${o.fields.join(o.separator)}\n`);
  const times = new StreamTimes();
  let fr: FieldRow | null = null;
  const { problem } = await trackFile(file, (rec, pkt, cols, tracker) => {
    if (!pkt.tcp) return;
    fr ??= { cols, row: 0, record: rec, packet: pkt, tracker, completenessBefore: 0, final, times };
    advanceFieldRow(fr, rec, pkt);
    let line = '';
    for (let i = 0; i < o.fields.length; i++) {
      const v = fieldText(o.fields[i], fr, o.occurrence, o.aggregator);
      line += (i ? o.separator : '') + (v && o.quote ? o.quote + v + o.quote : v);   // tshark leaves empty cells unquoted
    }
    out.write(`${line}\n`);
  }, { verifyChecksums: o.verifyChecksums }, async () => { await out.drain(); return !out.closed; });
  await out.flush();
  return problem;
}
