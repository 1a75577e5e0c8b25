/**
 * The app refuses to run as root (DESIGN.md "Live capture and privileges"): a root GUI process is a large
 * attack surface (Chromium's renderer sandbox is disabled for root) and would write root-owned settings
 * into the user's home. Capture rights come from the capture worker alone, elevated per session and
 * dropped before it reads a packet.
 */
export interface ProcessIdentity {
  platform: NodeJS.Platform;
  /** process.getuid?.() — undefined on Windows. */
  uid: number | undefined;
  env: NodeJS.ProcessEnv;
}

export const ROOT_REFUSAL_TITLE = 'SynAck does not run as root';

/** The explanation to show and print, or null when the app may start. */
export function rootRefusal(id: ProcessIdentity): string | null {
  if (id.platform === 'win32' || id.uid !== 0) return null;
  const via = id.env.SUDO_USER ? ` (started through sudo by ${id.env.SUDO_USER})` : id.env.PKEXEC_UID ? ' (started through pkexec)' : '';
  return [
    `SynAck was started as root${via} and will not run that way.`,
    'Running the whole app as root exposes the user interface, its web content and your settings to',
    'the highest privilege for no benefit: only opening a capture device needs extra rights.',
    'Start SynAck as your normal user. When you start a live capture it asks for your password once',
    'and gives those rights to the small capture worker only, which drops them before reading a packet.',
  ].join('\n');
}
