/** Wireshark's default coloring rules, evaluated as SynAck can (coloring-rules.ts). */
import { ColoringRules, parseColorFilters } from './coloring-rules';
import { WIRESHARK_COLORFILTERS } from './wireshark-colorfilters';

export const DEFAULT_COLORING_RULES = new ColoringRules(parseColorFilters(WIRESHARK_COLORFILTERS));
