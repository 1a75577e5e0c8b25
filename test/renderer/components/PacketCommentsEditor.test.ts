/**
 * Edit ▸ Packet Comments on the seed, through the whole window: Ctrl+Alt+C and a row's menu open the packet's comments
 * (the file's, as the worker's detail tree carries them), Apply shows the edit in the detail pane and the status bar,
 * Save As sends it with `file.export`, and opening another capture asks before it drops edits not saved.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import App from '../../../renderer/App.vue';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { useCaptureStore } from '../../../renderer/stores/capture';
import { useExportStore } from '../../../renderer/stores/export';
import { packetCommentsProblem, usePacketCommentsStore } from '../../../renderer/stores/packet-comments';
import { setSaveTarget } from '../../../renderer/stores/backend-slot';
import { clearDetailCache } from '../../../renderer/composables/usePacketDetail';
import { commentsNode } from '../../../shared/wire/frame-node';
import { MAX_COMMENT_CHARS, MAX_COMMENTS_PER_PACKET } from '../../../shared/ipc/contract';
import { seedApp, settle, type SeedApp } from '../support/seed-app';

describe('packet comments', () => {
  let app: SeedApp;
  let w: VueWrapper;
  beforeEach(async () => {
    app = seedApp();
    clearDetailCache();
    // Frame 3 of this "file" carries a comment, as the worker's detail tree shows one (frame-node.ts commentsNode).
    const d = app.seed.details.get(3)!;
    app.seed.details.set(3, { ...d, tree: [commentsNode(['from the file'])!, ...d.tree] });
    w = mount(App, { global: { plugins: [app.pinia] }, attachTo: document.body });
    await settle();
  });
  afterEach(() => { w.unmount(); app.disconnect(); vi.unstubAllGlobals(); });

  const dialog = () => w.find('[role=dialog]');
  const commentRows = (): string[] => {
    return w.findAll('.band-inspector [role=treeitem] .label').map((l) => l.text()).filter((t) => t.startsWith('Packet comments'));
  };

  it('edits the selected packet\'s comments (Ctrl+Alt+C): the detail pane and the status bar show the edit; Save As sends it', async () => {
    usePacketsStore().select(3);
    await settle();
    expect(commentRows()[0]).toContain('from the file');
    await w.find('.app').trigger('keydown', { key: 'c', ctrlKey: true, altKey: true });
    await settle();
    expect(dialog().find('h2').text()).toBe('Packet comments: packet 3');
    const boxes = () => dialog().findAll('textarea');
    expect(boxes().map((b) => (b.element as HTMLTextAreaElement).value)).toEqual(['from the file']);
    await boxes()[0].setValue('handshake done');
    await dialog().findAll('button').find((b) => b.text() === 'Add comment')!.trigger('click');
    await boxes()[1].setValue('second note');
    await dialog().findAll('button').find((b) => b.text() === 'Add comment')!.trigger('click');   // left blank: dropped
    await dialog().findAll('button').find((b) => b.text() === 'Apply')!.trigger('click');
    await settle();
    expect(w.find('[role=dialog]').exists()).toBe(false);
    expect(commentRows()[0]).toContain('2 comments');
    expect(w.find('footer .comment-count').text()).toBe('Comments edited: 1 (not saved)');
    // Save As carries the edit; once the whole capture is written the edit is saved.
    setSaveTarget(async (name) => `/tmp/${name}`);
    await useExportStore().saveAll();
    await settle();
    const req = app.backend.requests.filter((r) => r.name === 'file.export').at(-1)!;
    expect(req.payload).toMatchObject({ frames: 'all', comments: [{ frame: 3, comments: ['handshake done', 'second note'] }] });
    expect(w.find('footer .comment-count').text()).toBe('Comments edited: 1');
  });

  it('a packet-list row\'s menu opens its comments; Remove all deletes the file\'s', async () => {
    const row = w.findAll('.packet-list [role=row].row').find((r) => r.find('[role=gridcell]').text() === '3')!;
    await row.find('[role=gridcell]').trigger('contextmenu', { clientX: 20, clientY: 40 });
    await settle();
    const item = document.body.querySelector<HTMLButtonElement>('[role=group][aria-label="Packet comments"] button')!;
    expect(item.textContent?.trim()).toBe('Packet comments…');
    item.click();
    await settle();
    expect(dialog().find('h2').text()).toBe('Packet comments: packet 3');
    await dialog().findAll('button').find((b) => b.text() === 'Remove all')!.trigger('click');
    expect(dialog().text()).toContain('Apply deletes the packet\'s comments.');
    await dialog().findAll('button').find((b) => b.text() === 'Apply')!.trigger('click');
    usePacketsStore().select(3);
    await settle();
    expect(commentRows()).toEqual([]);
    expect(usePacketCommentsStore().forExport()).toEqual([{ frame: 3, comments: [] }]);
  });

  it('Cancel changes nothing; a packet without comments starts with an empty box', async () => {
    usePacketsStore().select(1);
    await settle();
    await w.find('.app').trigger('keydown', { key: 'c', ctrlKey: true, altKey: true });
    await settle();
    expect(dialog().findAll('textarea').map((b) => (b.element as HTMLTextAreaElement).value)).toEqual(['']);
    await dialog().find('textarea').setValue('not kept');
    // Another packet's comments asked for while the editor is open: it shows that packet's, the draft is dropped.
    usePacketCommentsStore().openEditor(3);
    await settle();
    expect(dialog().find('h2').text()).toBe('Packet comments: packet 3');
    expect(dialog().findAll('textarea').map((b) => (b.element as HTMLTextAreaElement).value)).toEqual(['from the file']);
    await dialog().findAll('button').find((b) => b.text() === 'Cancel')!.trigger('click');
    expect(usePacketCommentsStore().count).toBe(0);
    expect(w.find('footer .comment-count').exists()).toBe(false);
  });

  it('asks before another capture drops edits not saved: no keeps them, yes opens it and forgets them', async () => {
    const comments = usePacketCommentsStore();
    expect(comments.set(5, ['a note'])).toBeNull();
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    await useCaptureStore().openFile('/captures/other.pcap');
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Packet comments edited on 1 packet are not saved'));
    expect(app.backend.requests.some((r) => r.name === 'file.open')).toBe(false);
    expect(comments.count).toBe(1);
    confirm.mockReturnValue(true);
    expect(window.confirm).toBe(confirm);
    await useCaptureStore().openFile(app.seed.path);
    await settle();
    expect(app.backend.requests.some((r) => r.name === 'file.open')).toBe(true);
    expect(comments.count).toBe(0);                                   // the new source starts with none
  });

  it('refuses more comments than a packet keeps, or one longer than a pcapng option holds', () => {
    const comments = usePacketCommentsStore();
    expect(packetCommentsProblem(Array.from({ length: MAX_COMMENTS_PER_PACKET + 1 }, () => 'x'))).toBe(`A packet keeps at most ${MAX_COMMENTS_PER_PACKET} comments.`);
    expect(comments.set(2, ['ok', 'y'.repeat(MAX_COMMENT_CHARS + 1)])).toBe(`Comment 2 is 16,385 characters long; a comment holds at most 16,384.`);
    expect(comments.count).toBe(0);
    expect(comments.set(2, ['  ', 'kept'])).toBeNull();
    expect(comments.edited(2)).toEqual(['kept']);
  });
});
