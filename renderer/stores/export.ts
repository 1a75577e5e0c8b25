/**
 * Save As, Export Selected Conversation, Export Displayed Packets and Export Marked Packets: each picks frames (all of
 * them, the rows of one tcp.stream, the rows the list shows, or the marked ones) and asks the worker to write them to a pcapng file
 * (`file.export`, with the packet comments the user edited); where the file goes comes from chooseSaveTarget (stores/backend-slot.ts). The outcome is
 * one line of small state the toolbar shows: what was written where, or why not (the worker's words).
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { type ErrorInfo, MAX_EXPORT_BITMAP } from '../../shared/ipc/contract';
import { encodeFrameSet } from '../../shared/ipc/frame-set';
import { chooseSaveTarget, currentBackend } from './backend-slot';
import { useCaptureStore } from './capture';
import { useConversationsStore } from './conversations';
import { packetColumns } from './packet-columns';
import { streamRows } from './stream-rows';
import { displayIndex } from './packets';
import { markedRows } from './user-row-sets';
import { usePacketCommentsStore } from './packet-comments';

export interface ExportOutcome {
  ok: boolean;
  message: string;
}

/** Frame numbers of the stored rows of one tcp.stream, in file order. */
export function framesOfStream(stream: number): Uint32Array {
  const frame = packetColumns.cols.frame;
  return streamRows(stream).map((r) => frame[r]);
}

/** Frame numbers of the rows the packet list shows, or 'all' when it shows every row in file order. */
export function displayedFrames(): Uint32Array | 'all' {
  if (displayIndex.rows === null) return 'all';
  const { frame } = packetColumns.cols;
  const out = new Uint32Array(displayIndex.count);
  for (let i = 0; i < out.length; i++) out[i] = frame[displayIndex.rows[i]];
  return out;
}

/** Frame numbers of the marked rows, in file order. */
export function markedFrames(): Uint32Array {
  const { frame } = packetColumns.cols;
  return markedRows.range(0, packetColumns.cols.rows).map((r) => frame[r]);
}

/** The suggested file name's stem: "seed-lo0" for /captures/seed-lo0.pcap.gz, "live-eth0" for a capture on eth0. */
function baseName(): string {
  const s = useCaptureStore().source;
  if (!s) return 'capture';
  if (s.kind === 'live') return `live-${(s.iface ?? 'capture').replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  const file = s.path.split(/[\\/]/).pop() ?? 'capture';
  return file.replace(/(\.gz)?$/, '').replace(/\.(pcapng|pcap|cap)$/, '') || 'capture';
}

export const useExportStore = defineStore('export', () => {
  const busy = ref(false);
  const outcome = ref<ExportOutcome | null>(null);

  async function write(frames: Uint32Array | 'all', defaultName: string): Promise<void> {
    if (frames !== 'all' && frames.length === 0) {
      outcome.value = { ok: false, message: 'Nothing to export: no packet is selected.' };
      return;
    }
    const bits = frames === 'all' ? 'all' : encodeFrameSet(frames);
    if (bits !== 'all' && bits.length > MAX_EXPORT_BITMAP) {
      const most = (MAX_EXPORT_BITMAP * 8).toLocaleString('en-US');
      outcome.value = { ok: false, message: `Cannot export a selection reaching past frame ${most}; use Save As for the whole capture.` };
      return;
    }
    const path = await chooseSaveTarget(defaultName);
    if (path === null) return; // the user cancelled the dialog
    busy.value = true;
    try {
      // Edited packet comments go with every export; once the whole capture is written with them they are saved.
      const comments = usePacketCommentsStore(), edits = comments.forExport();
      const r = await currentBackend().invoke('file.export', { path, frames: bits, ...(edits.length > 0 ? { comments: edits } : {}) });
      if (frames === 'all') comments.saved();
      outcome.value = { ok: true, message: `Saved ${r.frames.toLocaleString('en-US')} packet${r.frames === 1 ? '' : 's'} to ${r.path}` };
    } catch (e) {
      const info = (e as { info?: ErrorInfo }).info;
      outcome.value = { ok: false, message: `Export failed: ${info?.message ?? (e as Error).message}` };
    } finally {
      busy.value = false;
    }
  }

  /** File › Save As: every packet of the file or live session. */
  const saveAll = (): Promise<void> => write('all', `${baseName()}.pcapng`);

  /** File › Export Selected Conversation: the packets of the selected tcp.stream. */
  function exportConversation(): Promise<void> {
    const stream = useConversationsStore().selectedStream;
    if (stream === null) {
      outcome.value = { ok: false, message: 'Select a conversation first, then export it.' };
      return Promise.resolve();
    }
    return write(framesOfStream(stream), `${baseName()}-stream-${stream}.pcapng`);
  }

  /** File › Export Displayed Packets: the rows passing the conversation selection and display filter. */
  const exportDisplayed = (): Promise<void> => write(displayedFrames(), `${baseName()}-displayed.pcapng`);

  /** File › Export Marked Packets (Wireshark's Export Specified Packets, marked only). */
  function exportMarked(): Promise<void> {
    const frames = markedFrames();
    if (frames.length === 0) {
      outcome.value = { ok: false, message: 'Nothing to export: no packet is marked (Ctrl+M marks the selected one).' };
      return Promise.resolve();
    }
    return write(frames, `${baseName()}-marked.pcapng`);
  }

  function dismiss(): void { outcome.value = null; }

  return { busy, outcome, saveAll, exportConversation, exportDisplayed, exportMarked, dismiss };
});
