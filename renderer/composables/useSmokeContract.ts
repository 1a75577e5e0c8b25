/**
 * The smoke contract with Electron main (electron/main/smoke.ts): `--smoke FILE` polls the page for
 * `data-synack-packets`, `data-synack-conversations` and `data-synack-error` on <html>. This keeps them equal
 * to what the status bar shows; the error is the last fatal one (a non-fatal problem does not fail a smoke run).
 */
import { watchEffect } from 'vue';
import { useCaptureStore } from '../stores/capture';
import { useConversationsStore } from '../stores/conversations';
import { usePacketsStore } from '../stores/packets';

/** Mirrors the counts and the fatal error onto `root.dataset` whenever they change. */
export function useSmokeContract(root: HTMLElement = document.documentElement): void {
  const packets = usePacketsStore();
  const conversations = useConversationsStore();
  const capture = useCaptureStore();
  watchEffect(() => {
    root.dataset.synackPackets = String(packets.count);
    root.dataset.synackConversations = String(conversations.count);
    const e = capture.error;
    if (e && e.fatal) root.dataset.synackError = e.message;
    else delete root.dataset.synackError;
  });
}
