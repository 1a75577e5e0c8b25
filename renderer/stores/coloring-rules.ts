/**
 * The packet list's coloring (Wireshark's View ▸ Coloring Rules and View ▸ Colorize Conversation): the user's coloring
 * rules — Wireshark's defaults until edited; Electron keeps them in settings.json — with Colorize Conversation's ten
 * temporary rules ahead of them (never saved). Rows are matched a screenful at a time (`rowRuleMatcher`): the columns the
 * rules' fields read are made for that call (field-reads.ts, holder "coloring"), and given back when no rule names them.
 */
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import { ColoringRules, defaultColoringRules, type ColoringRule } from '../../shared/coloring/coloring-rules';
import { CONVERSATION_COLORS, conversationRules } from '../../shared/coloring/conversation-colors';
import { copyRule } from '../../shared/coloring/coloring-rule-settings';
import { fieldReads, prepareReads, withReads } from './field-reads';
import { storedRowsContext } from './filter-adapter';
import { packetColumns } from './packet-columns';

const HOLDER = 'coloring';
const DEFAULTS: readonly ColoringRule[] = Object.freeze(defaultColoringRules());

const sameRules = (a: readonly ColoringRule[], b: readonly ColoringRule[]): boolean =>
  a.length === b.length && a.every((r, k) => JSON.stringify(copyRule(r)) === JSON.stringify(copyRule(b[k])));

export const useColoringRulesStore = defineStore('coloringRules', () => {
  /** The user's rules, or null for Wireshark's defaults (what settings.json keeps). */
  const custom = shallowRef<readonly ColoringRule[] | null>(null);
  /** The TCP stream each conversation colour holds (Color 1 … 10), null none. */
  const conversations = ref<(number | null)[]>(CONVERSATION_COLORS.map(() => null));
  /** The coloring rules in force (the editor lists them). */
  const rules = computed<readonly ColoringRule[]>(() => custom.value ?? DEFAULTS);
  /** Colorize Conversation's rules, then the coloring rules: what a row is matched against, first match wins. */
  const active = computed(() => markRaw(new ColoringRules([...conversationRules(conversations.value), ...rules.value])));
  /** Colorize Conversation's rules alone (the conversation phases colouring keeps them). */
  const conversationsOnly = computed(() => markRaw(new ColoringRules(conversationRules(conversations.value))));

  /** Replaces the coloring rules (null, or a list equal to Wireshark's: the defaults). */
  function setRules(list: readonly ColoringRule[] | null): void {
    custom.value = list === null || sameRules(list, DEFAULTS) ? null : Object.freeze(list.map(copyRule));
  }

  /** Colours TCP stream `stream` with conversation colour `slot` (0 … 9), which another stream had until now. */
  function colorizeConversation(slot: number, stream: number): void {
    if (!(slot >= 0 && slot < CONVERSATION_COLORS.length) || !(stream >= 0)) return;
    conversations.value = conversations.value.map((s, k) => (k === slot ? stream : s));
  }

  /** View ▸ Reset Colorization: no conversation colour holds a stream. */
  function resetColorization(): void {
    conversations.value = CONVERSATION_COLORS.map(() => null);
  }

  const colorized = computed(() => conversations.value.some((s) => s !== null));

  /** The Coloring Rules dialog: open, and a rule it starts by adding (Colorize Conversation ▸ New Coloring Rule). */
  const editorOpen = ref(false);
  const editorSeed = shallowRef<ColoringRule | null>(null);
  function openEditor(seed: ColoringRule | null = null): void {
    editorSeed.value = seed;
    editorOpen.value = true;
  }

  return {
    custom, conversations, rules, active, conversationsOnly, colorized, setRules, colorizeConversation, resetColorization,
    editorOpen, editorSeed, openEditor,
  };
});

/** Wireshark's default rules (what Reset restores). */
export function defaultRules(): ColoringRule[] { return DEFAULTS.map(copyRule); }

/**
 * The first rule each stored row matches (null none), against every rule in force or, with `conversationsOnly`, the
 * conversation colours alone. Good for one screenful: make another after the rows or the rules change.
 */
export function rowRuleMatcher(conversationsOnly = false): (row: number) => ColoringRule | null {
  const store = useColoringRulesStore(), rules = conversationsOnly ? store.conversationsOnly : store.active;
  const src = packetColumns.readers.coloring, reads = fieldReads(rules.fields), n = packetColumns.cols.rows;
  // The conversation colours read only tcp.stream: they leave the full list's columns alone (the packet details match it).
  if (!conversationsOnly) prepareReads(src, reads, HOLDER);
  const cols = withReads(packetColumns.cols, src, reads, n, HOLDER), ctx = storedRowsContext(reads.initialRtt);
  return (row) => {
    if (!(row >= 0 && row < n)) return null;
    const k = rules.match(cols, row, ctx);
    return k < 0 ? null : rules.rules[k];
  };
}
