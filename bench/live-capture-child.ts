/**
 * Child of bench/live.bench.ts: captures on lo with the given BPF filter into the given pcapng, as the worker
 * would (every packet written to the session file, no printing), until SIGINT; then prints its stats as JSON.
 * Usage: run-ts.mjs bench/live-capture-child.ts FILTER FILE.pcapng
 */
import { startLiveCapture } from '../electron/capture/live-source';

const [filter, output] = process.argv.slice(2);
const cap = startLiveCapture({ iface: 'lo', filter, output });
process.stdout.write('ready\n');
process.once('SIGINT', () => {
  void cap.stop().then(() => process.stdout.write(`${JSON.stringify(cap.stats())}\n`));
});
