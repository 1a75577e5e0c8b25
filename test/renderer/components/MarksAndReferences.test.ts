/**
 * Wireshark's marked packets and time references on the seed, through the whole window (App: keys, packet list,
 * status bar, detail tree, display filter): what Ctrl+M / Ctrl+T and their companions change, and what a new capture
 * forgets. Seed frame times: 1 at 0, 4 at 0.000164 s, 5 at 1249.955076 s, 8 at 1249.961933 s (tshark -r seed).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import App from '../../../renderer/App.vue';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { useFilterStore } from '../../../renderer/stores/filter';
import { useMarkedPacketsStore } from '../../../renderer/stores/marked-packets';
import { useTimeReferencesStore } from '../../../renderer/stores/time-references';
import { clearDetailCache } from '../../../renderer/composables/usePacketDetail';
import { seedApp, settle, type SeedApp } from '../support/seed-app';

describe('marked packets and time references', () => {
  let app: SeedApp;
  let w: VueWrapper;
  beforeEach(async () => {
    app = seedApp();
    clearDetailCache();
    w = mount(App, { global: { plugins: [app.pinia] }, attachTo: document.body });
    await settle();
  });
  afterEach(() => { w.unmount(); app.disconnect(); });

  const press = async (key: string, mods: { shift?: boolean; alt?: boolean } = {}): Promise<void> => {
    await w.find('.app').trigger('keydown', { key, ctrlKey: true, shiftKey: mods.shift ?? false, altKey: mods.alt ?? false });
    await settle();
  };
  const row = (frame: number) => w.findAll('.packet-list [role=row].row').find((r) => r.find('[role=gridcell]').text() === String(frame));
  const timeCell = (frame: number): string => row(frame)!.findAll('[role=gridcell]')[1].text();
  const shownFrames = (): number[] => w.findAll('.packet-list [role=row].row').map((r) => Number(r.find('[role=gridcell]').text()));
  const frameRows = async (): Promise<string[]> => {
    const frameNode = w.findAll('.band-inspector [role=treeitem]')[0];
    if (frameNode.attributes('aria-expanded') === 'false') await frameNode.find('.twisty').trigger('click');
    return w.findAll('.band-inspector [role=treeitem]').map((i) => i.find('.label').text());
  };
  const filter = async (text: string): Promise<void> => {
    const f = useFilterStore();
    f.text = text;
    f.apply();
    await settle();
  };

  it('marks with Ctrl+M, draws marked rows white on black, counts them, filters them and walks them', async () => {
    const packets = usePacketsStore();
    packets.select(3);
    await settle();
    await press('m');
    expect(row(3)!.classes()).toContain('marked');
    expect(row(3)!.attributes('data-marked')).toBe('');
    expect(w.find('.status .marked-count').text()).toBe('Marked: 1');
    expect(await frameRows()).toContain('[Frame is marked]: True');
    packets.select(7);
    await settle();
    await press('m');
    expect(await frameRows()).toContain('[Frame is marked]: True');
    expect(await frameRows()).toContain('[Frame is ignored]: False');
    await filter('frame.marked == 1');
    expect(shownFrames()).toEqual([3, 7]);
    await filter('');
    // Next Mark (Ctrl+Shift+N) and Previous Mark (Ctrl+Shift+B) walk the list from the selection, wrapping around.
    packets.select(1);
    await press('n', { shift: true });
    expect(packets.selectedFrame).toBe(3);
    await press('n', { shift: true });
    expect(packets.selectedFrame).toBe(7);
    await press('n', { shift: true });
    expect(packets.selectedFrame).toBe(3);
    await press('b', { shift: true });
    expect(packets.selectedFrame).toBe(7);
    // Ctrl+M again unmarks; the row takes its phase colour back.
    await press('m');
    expect(row(7)!.classes()).not.toContain('marked');
    // Mark All Displayed (Ctrl+Shift+M) and Unmark All Displayed (Ctrl+Alt+M) act on the shown rows only.
    await filter('tcp.flags.fin == 1');
    await press('m', { shift: true });
    expect(useMarkedPacketsStore().count).toBe(3);                  // 3, 5 and 8
    await filter('frame.number >= 5');
    await press('m', { alt: true });
    await filter('frame.marked == 1');
    expect(shownFrames()).toEqual([3]);
    expect(w.find('.status .marked-count').text()).toBe('Marked: 1');
  });

  it('sets a time reference with Ctrl+T: *REF* in its Time cell, later times count from it, and the list always shows it', async () => {
    const packets = usePacketsStore();
    packets.select(4);
    await settle();
    await press('t');
    expect(timeCell(4)).toBe('*REF*');
    expect(timeCell(3)).toBe('0.000149');                            // before the reference: from frame 1
    expect(timeCell(5)).toBe('1249.954912');                         // 1249.955076 − 0.000164
    expect(w.find('.status .reference-count').text()).toBe('Time references: 1');
    const refRows = await frameRows();
    expect(refRows).toContain('[This is a Time Reference frame]');
    expect(refRows).toContain('[Time since reference or first frame]: 0.000000000 seconds');
    packets.select(8);
    await settle();
    expect(await frameRows()).toContain('[Time since reference or first frame]: 1249.961769000 seconds');
    // The display filter hides the other rows, never the reference; the displayed delta counts over what is shown.
    await filter('tcp.flags.fin == 1');
    expect(shownFrames()).toEqual([4, 5, 8]);
    expect(await frameRows()).toContain('[Time delta from previous displayed frame]: 0.006857000 seconds');
    await filter('frame.ref_time');
    expect(shownFrames()).toEqual([4]);
    await filter('frame.time_relative > 1249.95 && frame.time_relative < 1249.95495');   // from the reference: frame 5 only (1249.954912)
    expect(shownFrames()).toEqual([4, 5]);
    await filter('');
    // A second reference; Next / Previous Time Reference (Ctrl+Alt+N / Ctrl+Alt+B) walk them.
    packets.select(6);
    await press('t');
    expect(timeCell(7)).toBe('0.000029');                            // 1249.955158 − 1249.955129
    packets.select(1);
    await press('n', { alt: true });
    expect(packets.selectedFrame).toBe(4);
    await press('n', { alt: true });
    expect(packets.selectedFrame).toBe(6);
    await press('b', { alt: true });
    expect(packets.selectedFrame).toBe(4);
    // Unset All Time References (Ctrl+Alt+T).
    await press('t', { alt: true });
    expect(useTimeReferencesStore().count).toBe(0);
    expect(timeCell(4)).toBe('0.000164');
    expect(w.find('.status .reference-count').exists()).toBe(false);
  });

  it('switches the time display format with Wireshark\'s Ctrl+Alt+1 … 8', async () => {
    await press('7', { alt: true });
    expect(timeCell(1)).toBe('2021-08-02 00:35:50.265450');
    await press('3', { alt: true });
    expect(timeCell(2)).toBe('1627864550.265585');
    await press('6', { alt: true });
    expect(w.findAll('.packet-list [role=columnheader]')[1].text()).toContain('Δ shown');
    await press('4', { alt: true });
    expect(timeCell(5)).toBe('1249.955076');
  });

  it('forgets marks and references when the rows start again', async () => {
    const packets = usePacketsStore();
    packets.select(2);
    await settle();
    await press('m');
    await press('t');
    expect(useMarkedPacketsStore().count).toBe(1);
    packets.reset();
    await settle();
    expect(useMarkedPacketsStore().count).toBe(0);
    expect(useTimeReferencesStore().count).toBe(0);
  });
});
