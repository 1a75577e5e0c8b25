import { describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { mount } from '@vue/test-utils';
import { useDialogFocus } from '../../../renderer/composables/useDialogFocus';

const Dialog = defineComponent({
  setup() {
    const close = ref<HTMLButtonElement | null>(null);
    useDialogFocus(close);
    return () => h('div', { role: 'dialog' }, [h('button', { ref: close }, 'Close')]);
  },
});

describe('useDialogFocus', () => {
  it('focuses the dialog\'s first control on open and gives focus back on close', async () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const w = mount(Dialog, { attachTo: document.body });
    await nextTick(); await nextTick();
    expect(document.activeElement?.textContent).toBe('Close');
    w.unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
