/**
 * Wireshark's Apply / Prepare as Filter actions on a packet field: the field's filter alone ("Selected"), negated,
 * or joined to the filter already in the bar with && or ||, each part in parentheses as Wireshark writes them.
 */
export type FilterAction = 'selected' | 'not' | 'and' | 'or' | 'andNot' | 'orNot';

export const FILTER_ACTIONS: readonly { action: FilterAction; label: string }[] = [
  { action: 'selected', label: 'Selected' }, { action: 'not', label: 'Not Selected' },
  { action: 'and', label: '…and Selected' }, { action: 'or', label: '…or Selected' },
  { action: 'andNot', label: '…and not Selected' }, { action: 'orNot', label: '…or not Selected' },
];

/** The filter an action makes of the field's `field` filter and the bar's `current` text. */
export function combineFilter(action: FilterAction, field: string, current: string): string {
  const cur = current.trim();
  const not = `!(${field})`;
  switch (action) {
    case 'selected': return field;
    case 'not': return not;
    case 'and': return cur ? `(${cur}) && (${field})` : field;
    case 'or': return cur ? `(${cur}) || (${field})` : field;
    case 'andNot': return cur ? `(${cur}) && ${not}` : not;
    case 'orNot': return cur ? `(${cur}) || ${not}` : not;
  }
}
