/**
 * Wireshark's View ▸ Colorize Conversation: ten temporary rules ahead of the coloring rules, one per colour, each
 * holding at most one conversation's filter (colouring another conversation with a colour takes the colour from the
 * first). The colours are Wireshark's gui.colorized_frame.bg / .fg defaults; nothing of them is saved.
 */
import type { ColoringRule } from './coloring-rules';

/** Backgrounds of Color 1 … Color 10 (gui.colorized_frame.bg); their text is black (gui.colorized_frame.fg). */
export const CONVERSATION_COLORS = ['#ffc0c0', '#ffc0ff', '#e0c0e0', '#c0c0ff', '#c0e0e0', '#c0ffff', '#c0ffc0', '#ffffc0', '#e0e0c0', '#e0e0e0'] as const;

/** The temporary rule colouring TCP stream `stream` with colour `slot` (0 … 9). */
export function conversationRule(slot: number, stream: number): ColoringRule {
  return { name: `Conversation color ${slot + 1}`, filter: `tcp.stream eq ${stream}`, background: CONVERSATION_COLORS[slot], foreground: '#000000' };
}

/** The temporary rules for `slots` (the stream each colour holds, null none), in colour order. */
export function conversationRules(slots: readonly (number | null)[]): ColoringRule[] {
  return slots.flatMap((stream, slot) => (stream === null ? [] : [conversationRule(slot, stream)]));
}
