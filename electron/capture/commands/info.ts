/**
 * `synack-capture info FILE…`: Capture File Properties as text, in capinfos's long report with exact numbers
 * (`capinfos -M`; shared/capture-file/capinfos-report.ts). Exit status as capinfos: 0, 1 when a file was read
 * only in part (its figures still printed, the reason on stderr), 2 when a file could not be read at all.
 */
import { capinfosReport } from '../../../shared/capture-file/capinfos-report';
import { readFileProperties } from '../file-properties';

const HELP = `usage: synack-capture info FILE...

Prints what Wireshark's Capture File Properties shows — file type, encapsulation, sizes, first and
last packet time, rates, SHA256 and SHA1, sections (hardware, OS, application, comments), interfaces
(name, link type, snapshot length, time precision, filter, statistics) and packet comments — in the
layout of "capinfos -M FILE" (times in the local time zone).
`;

export async function run(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) { process.stdout.write(HELP); return 0; }
  const bad = args.find((a) => a.startsWith('-'));
  if (bad || args.length === 0) {
    process.stderr.write(bad ? `synack-capture info: unknown option "${bad}"\n${HELP}` : HELP);
    return 2;
  }
  let status = 0;
  for (const [k, file] of args.entries()) {
    try {
      const props = await readFileProperties(file);
      process.stdout.write((k > 0 ? '\n' : '') + capinfosReport(file, props));
      if (props.problem) { process.stderr.write(`synack-capture info: ${file}: ${props.problem}\n`); status = Math.max(status, 1); }
    } catch (e) {
      process.stderr.write(`synack-capture info: ${file}: ${(e as Error).message}\n`);
      status = 2;
    }
  }
  return status;
}
