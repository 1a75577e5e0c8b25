/**
 * "What happened" for the shown conversation: its stored rows fed to ConversationMoments, then told by
 * shared/tcp/conversation-story.ts (which `read --explain` uses too, fed as its pass goes).
 */
import type { ConversationSummary } from '../../shared/ipc/contract';
import { ConversationMoments, conversationStory } from '../../shared/tcp/conversation-story';
import type { StoredColumns } from '../stores/packet-columns';

type StoryColumns = Pick<StoredColumns, 'frame' | 'tsSec' | 'tsNsec' | 'dir' | 'tcpFlags' | 'payloadLen' | 'phase' | 'step' | 'note' | 'window' | 'analysis'>;

/** The sentences telling conversation `c`, whose stored rows (ascending) are `rows`. */
export function storyOfRows(c: ConversationSummary, cols: StoryColumns, rows: ArrayLike<number>): string[] {
  const m = new ConversationMoments();
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    m.see(cols.frame[r], cols.tsSec[r], cols.tsNsec[r], cols.dir[r], cols.tcpFlags[r], cols.payloadLen[r], cols.phase[r], cols.step[r], cols.note[r],
      cols.window[r], cols.analysis[r]);
  }
  return conversationStory(c, m);
}
