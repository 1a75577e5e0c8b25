/**
 * Wireshark's Statistics ▸ I/O Graphs: whether the dialog is open, its interval and unit, and its lines (each a
 * display filter, as Wireshark's "All Packets" and "TCP Errors" to start with). The counts themselves are worked out
 * by the dialog from the stored columns (format/io-graph-model.ts).
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { IoUnit } from '../format/io-graph-model';

export interface IoGraphLine { id: number; name: string; filter: string; style: 'line' | 'bars'; enabled: boolean }

/** Lines a graph may have (each runs its filter over every row). */
export const MAX_IO_LINES = 4;

let nextId = 1;
export function ioGraphLine(name: string, filter: string, style: 'line' | 'bars'): IoGraphLine {
  return { id: nextId++, name, filter, style, enabled: true };
}

export const useIoGraphStore = defineStore('ioGraph', () => {
  const open = ref(false);
  /** Microseconds per interval (Wireshark's default: 1 s). */
  const intervalUs = ref(1_000_000);
  const unit = ref<IoUnit>('packets');
  const lines = ref<IoGraphLine[]>([ioGraphLine('All packets', '', 'line'), ioGraphLine('TCP errors', 'tcp.analysis.flags', 'bars')]);

  function addLine(): void {
    if (lines.value.length < MAX_IO_LINES) lines.value.push(ioGraphLine(`Line ${lines.value.length + 1}`, 'tcp', 'line'));
  }
  function removeLine(id: number): void {
    lines.value = lines.value.filter((l) => l.id !== id);
  }

  return { open, intervalUs, unit, lines, addLine, removeLine };
});
