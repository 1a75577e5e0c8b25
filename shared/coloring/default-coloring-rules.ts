/** Wireshark's default coloring rules, evaluated as SynAck can (coloring-rules.ts). */
import { ColoringRules, defaultColoringRules } from './coloring-rules';

export const DEFAULT_COLORING_RULES = new ColoringRules(defaultColoringRules());
