/**
 * Wireshark's Statistics ▸ I/O Graphs: whether the dialog is open, its interval, and its lines (each a display filter
 * and a Y axis — packets, bytes, bits or a calculation over a Y field — as Wireshark's "All Packets" and "TCP Errors" to
 * start with). The values themselves are worked out by the dialog from the stored columns (format/io-graph-model.ts).
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { IoUnit } from '../format/io-graph-units';

export interface IoGraphLine {
  id: number; name: string; filter: string; style: 'line' | 'bars'; enabled: boolean;
  /** The Y axis, and the field a calculation (SUM … LOAD) reads. */
  unit: IoUnit; field: string;
  /** Moving average over this many intervals (Wireshark's "SMA Period"), 0 none. */
  sma: number;
}

/** Lines a graph may have (each runs its filter over every row). */
export const MAX_IO_LINES = 4;

let nextId = 1;
export function ioGraphLine(name: string, filter: string, style: 'line' | 'bars', unit: IoUnit = 'packets', field = ''): IoGraphLine {
  return { id: nextId++, name, filter, style, enabled: true, unit, field, sma: 0 };
}

export const useIoGraphStore = defineStore('ioGraph', () => {
  const open = ref(false);
  /** Microseconds per interval (Wireshark's default: 1 s). */
  const intervalUs = ref(1_000_000);
  const lines = ref<IoGraphLine[]>([ioGraphLine('All packets', '', 'line'), ioGraphLine('TCP errors', 'tcp.analysis.flags', 'bars')]);

  function addLine(): void {
    if (lines.value.length < MAX_IO_LINES) lines.value.push(ioGraphLine(`Line ${lines.value.length + 1}`, 'tcp', 'line'));
  }
  function removeLine(id: number): void {
    lines.value = lines.value.filter((l) => l.id !== id);
  }

  return { open, intervalUs, lines, addLine, removeLine };
});
