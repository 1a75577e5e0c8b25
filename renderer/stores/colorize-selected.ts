/**
 * View ▸ Colorize Conversation on the selected packet: its TCP stream gets conversation colour `slot` (Ctrl+1 … 9,
 * or the View menu). A packet outside TCP has no conversation to colour: the status bar says so.
 */
import { useCaptureStore } from './capture';
import { useColoringRulesStore } from './coloring-rules';
import { packetColumns } from './packet-columns';
import { usePacketsStore } from './packets';

export function colorizeSelectedConversation(slot: number): void {
  const frame = usePacketsStore().selectedFrame;
  const row = frame === null ? -1 : packetColumns.indexOfFrame(frame);
  const stream = row < 0 ? -1 : packetColumns.cols.stream[row];
  if (stream < 0) {
    const message = frame === null ? 'Select a TCP packet to colour its conversation.' : `Packet ${frame} is not part of a TCP conversation.`;
    useCaptureStore().notice(message);
    return;
  }
  useColoringRulesStore().colorizeConversation(slot, stream);
}
