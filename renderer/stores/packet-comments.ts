/**
 * Packet comments the user added, changed or deleted (Wireshark's Edit ▸ Packet Comments, Ctrl+Alt+C): per frame, the
 * whole list that replaces the file's own comments in the detail pane and in every file SynAck writes (Save As and the
 * exports send them with `file.export`). They live until another capture is opened; until a Save As has written them
 * they are "unsaved", and opening another capture or closing the window asks first, as Wireshark does.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { usePacketsStore } from './packets';
import { MAX_COMMENT_CHARS, MAX_COMMENT_EDITS, MAX_COMMENTS_PER_PACKET, type PacketCommentEdit } from '../../shared/ipc/contract';

/** Why a packet cannot have these comments (null: it can). Blank comments are dropped before this is asked. */
export function packetCommentsProblem(comments: readonly string[]): string | null {
  if (comments.length > MAX_COMMENTS_PER_PACKET) return `A packet keeps at most ${MAX_COMMENTS_PER_PACKET} comments.`;
  const long = comments.findIndex((c) => c.length > MAX_COMMENT_CHARS);
  if (long < 0) return null;
  return `Comment ${long + 1} is ${comments[long].length.toLocaleString('en-US')} characters long; a comment holds at most ${MAX_COMMENT_CHARS.toLocaleString('en-US')}.`;
}

export const usePacketCommentsStore = defineStore('packetComments', () => {
  /** Frame → its comments as edited (an empty list: the file's were deleted). Replaced on change, never mutated. */
  const edits = shallowRef<ReadonlyMap<number, readonly string[]>>(new Map());
  /** Edits made since the last Save As wrote them all. */
  const unsaved = ref(false);
  /** The frame whose comments the editor shows (null: closed). */
  const editorFrame = ref<number | null>(null);
  const count = computed(() => edits.value.size);

  /** Frame `frame`'s comments as edited, or undefined when the file's stand. */
  function edited(frame: number): readonly string[] | undefined {
    return edits.value.get(frame);
  }

  /** Sets frame `frame`'s comments (blank ones dropped); returns why not, or null. */
  function set(frame: number, comments: readonly string[]): string | null {
    const kept = comments.filter((c) => c.trim() !== '');
    const problem = packetCommentsProblem(kept);
    if (problem) return problem;
    if (!edits.value.has(frame) && edits.value.size >= MAX_COMMENT_EDITS) return `Comments can be edited on at most ${MAX_COMMENT_EDITS.toLocaleString('en-US')} packets before the capture is saved.`;
    const next = new Map(edits.value);
    next.set(frame, kept);
    edits.value = next;
    unsaved.value = true;
    return null;
  }

  /** What `file.export` carries: every edited frame's list (the worker keeps those it writes). */
  function forExport(): PacketCommentEdit[] {
    return [...edits.value].map(([frame, comments]) => ({ frame, comments: [...comments] }));
  }

  /** A Save As wrote every packet with its edited comments. */
  function saved(): void { unsaved.value = false; }

  /** Another capture: its frames are not these. */
  function reset(): void {
    edits.value = new Map(); unsaved.value = false; editorFrame.value = null;
  }

  /**
   * Whether `what` (opening another capture …) may drop the unsaved edits: true when there are none, else the user's
   * answer to the window's confirm dialog.
   */
  function confirmDiscard(what: string): boolean {
    if (!unsaved.value || edits.value.size === 0) return true;
    const n = edits.value.size;
    return typeof window === 'undefined' || typeof window.confirm !== 'function'
      || window.confirm(`Packet comments edited on ${n} ${n === 1 ? 'packet are' : 'packets are'} not saved (File ▸ Save As keeps them). ${what} and drop them?`);
  }

  /** Edit ▸ Packet Comments (Ctrl+Alt+C): the selected packet's, when one is selected. */
  function editSelected(): void {
    const frame = usePacketsStore().selectedFrame;
    if (frame !== null) editorFrame.value = frame;
  }

  return { edits, unsaved, editorFrame, count, edited, set, forExport, saved, reset, confirmDiscard, editSelected,
    openEditor: (frame: number) => { editorFrame.value = frame; }, closeEditor: () => { editorFrame.value = null; } };
});
