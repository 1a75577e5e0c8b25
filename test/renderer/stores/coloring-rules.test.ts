import { beforeEach, describe, expect, it } from 'vitest';
import { useColoringRulesStore, defaultRules, rowRuleMatcher } from '../../../renderer/stores/coloring-rules';
import { colorizeSelectedConversation } from '../../../renderer/stores/colorize-selected';
import { useCaptureStore } from '../../../renderer/stores/capture';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { freshStoresWithSeed } from '../support/seeded-stores';

describe('coloring rules store (View ▸ Coloring Rules, Colorize Conversation)', () => {
  beforeEach(() => freshStoresWithSeed());

  it('keeps Wireshark\'s defaults as null, so settings store nothing until the user edits', () => {
    const c = useColoringRulesStore();
    expect(c.custom).toBeNull();
    c.setRules(defaultRules());
    expect(c.custom).toBeNull();
    c.setRules([{ name: 'All', filter: 'frame', background: '#ffffff', foreground: '#000000' }]);
    expect(c.rules.map((r) => r.name)).toEqual(['All']);
  });

  it('colours the selected packet\'s conversation; each colour holds one conversation; a packet outside TCP says why not', () => {
    const c = useColoringRulesStore();
    colorizeSelectedConversation(0);
    expect(useCaptureStore().error?.message).toBe('Select a TCP packet to colour its conversation.');
    expect(c.colorized).toBe(false);
    usePacketsStore().select(5);
    colorizeSelectedConversation(4);
    expect(c.conversations[4]).toBe(0);
    expect(rowRuleMatcher(true)(0)?.name).toBe('Conversation color 5');
    expect(rowRuleMatcher()(6)?.name).toBe('Conversation color 5');   // ahead of Bad TCP
    c.colorizeConversation(4, 7);                                     // the colour moves to stream 7
    expect(rowRuleMatcher(true)(0)).toBeNull();
    c.colorizeConversation(10, 0);                                    // no Color 11
    expect(c.conversations.filter((s) => s !== null)).toEqual([7]);
    c.resetColorization();
    expect(c.colorized).toBe(false);
    expect(rowRuleMatcher()(6)?.name).toBe('Bad TCP');
  });
});
