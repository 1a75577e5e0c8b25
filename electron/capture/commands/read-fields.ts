/**
 * `synack-capture read FILE -T fields [-E header=y] [-E separator=…] -e FIELD … [-2]`: tab-separated values
 * with tshark's field names and formats (shared/tcp/tshark-fields.ts), one line per TCP packet like
 * `tshark -Y tcp`. With -2, a first pass collects each stream's final state, as tshark's two passes do.
 */
import type { CaptureProblem } from '../../../shared/capture-file/capture-reader';
import { FinalValues } from '../../../shared/tcp/final-values';
import { TSHARK_FIELDS, isKnownField, type FieldRow } from '../../../shared/tcp/tshark-fields';
import { OutputBuffer } from './output-buffer';
import { trackFile } from './tcp-pass';

export interface FieldsOptions {
  fields: string[];
  header: boolean;
  separator: string;
  twoPass: boolean;
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
  const getters = o.fields.map((f) => TSHARK_FIELDS[f]);
  let fr: FieldRow | null = null;
  const { problem } = await trackFile(file, (rec, pkt, cols, tracker) => {
    if (!pkt.tcp) return;
    fr ??= { cols, row: 0, completenessBefore: 0, final, hasTimestamp: true, quoted: false };
    fr.completenessBefore = tracker.completenessBefore;
    fr.hasTimestamp = rec.hasTimestamp !== false;
    fr.quoted = pkt.inIcmpError || pkt.isFirstFragment;
    let line = '';
    for (let i = 0; i < getters.length; i++) line += (i ? o.separator : '') + getters[i](fr);
    out.write(`${line}\n`);
  }, {}, async () => { await out.drain(); return !out.closed; });
  await out.flush();
  return problem;
}
