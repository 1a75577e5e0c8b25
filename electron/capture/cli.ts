/**
 * `synack-capture`: list interfaces, read a file, capture live. Each subcommand lives in its own module
 * under ./commands; this file only dispatches. Returns the process exit code.
 */
type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<{ run: Command }>> = {
  read: () => import('./commands/read'),
  info: () => import('./commands/info'),
  interfaces: () => import('./commands/interfaces'),
  capture: () => import('./commands/capture'),
};

const USAGE = `usage: synack-capture <command> [options]

commands:
  read FILE            print the packets of a pcap/pcapng file (tcpdump -nn -vv style)
  info FILE...         capture file properties (capinfos -M style)
  interfaces           list capture interfaces
  capture -i IFACE     capture live through libpcap
run "synack-capture <command> --help" for a command's options
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`synack-capture: unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  const { run } = await load();
  return run(rest);
}
