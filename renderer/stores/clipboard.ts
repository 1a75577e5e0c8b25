/**
 * Puts a Copy menu entry's text on the system clipboard (navigator.clipboard: the web host's page is a secure context,
 * and Electron's main grants the renderer clipboard writing and nothing else, permission-policy.ts) and says how it
 * went in the status bar: "Copied Value (443)", or why not — the clipboard can refuse (no permission, the window lost
 * focus), and nothing else changes then.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CopyItem } from '../format/copy-text';

/** How long the status bar shows the outcome. */
export const COPY_MESSAGE_MS = 4000;
/** Characters of the copied text the message repeats. */
const PREVIEW_CHARS = 40;

function preview(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > PREVIEW_CHARS ? `${one.slice(0, PREVIEW_CHARS - 1)}…` : one;
}

export const useClipboardStore = defineStore('clipboard', () => {
  /** The last copy's outcome ('' none shown); `failed` when the clipboard refused it. */
  const message = ref('');
  const failed = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;

  function say(text: string, isError: boolean): void {
    message.value = text; failed.value = isError;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { message.value = ''; timer = null; }, COPY_MESSAGE_MS);
  }

  /** Copies the item's text; resolves to whether the clipboard took it. */
  async function copy(item: CopyItem): Promise<boolean> {
    try {
      if (typeof navigator === 'undefined' || !navigator.clipboard) throw new Error('this window has no clipboard access');
      await navigator.clipboard.writeText(item.text);
      say(`Copied ${item.label}${item.text.includes('\n') ? '' : ` (${preview(item.text)})`}`, false);
      return true;
    } catch (e) {
      say(`Could not copy ${item.label}: ${(e as Error).message || 'the clipboard refused it'}`, true);
      return false;
    }
  }

  return { message, failed, copy };
});
