/**
 * Wireshark's Go ▸ Go to Packet (Ctrl+G): a frame number typed into a bar under the filter selects that packet,
 * and the packet list brings it into view. As Wireshark, it says when the number is not in the capture and when
 * the display filter hides the packet (then it stays unselected: the list could not show it).
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { displayIndex, usePacketsStore } from './packets';
import { packetColumns } from './packet-columns';

export const useGoToStore = defineStore('goTo', () => {
  const open = ref(false);
  /** Why the last number was not gone to ('' when it was, or none was tried). */
  const problem = ref('');

  function show(): void { open.value = true; problem.value = ''; }
  function hide(): void { open.value = false; problem.value = ''; }

  /** Selects frame `frame`; true when done (the bar closes), else `problem` says why not. */
  function go(frame: number): boolean {
    const cols = packetColumns.cols;
    if (!Number.isInteger(frame) || frame < 1) { problem.value = 'Type a packet number (1 or more).'; return false; }
    const row = packetColumns.indexOfFrame(frame);
    if (row < 0) {
      problem.value = cols.rows === 0 ? 'There are no packets yet.'
        : `There is no packet number ${frame}: the capture has ${cols.frame[0]}–${cols.frame[cols.rows - 1]}.`;
      return false;
    }
    if (displayIndex.positionOf(row) < 0) { problem.value = `Packet ${frame} is hidden by the display filter.`; return false; }
    usePacketsStore().select(frame);
    hide();
    return true;
  }

  return { open, problem, show, hide, go };
});
