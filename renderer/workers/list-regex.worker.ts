/**
 * Find Packet's regular expression over the packet list's text, off the window's thread: a JavaScript RegExp cannot be
 * interrupted, so one that backtracks without end must run where it can be terminated (stores/list-regex-search.ts).
 * Request: { id, pattern, flags, rows: string[][] } (each row's shown cells); answer: { id, index } of the first row
 * with a matching cell (-1: none), or { id, error }.
 */
import { firstMatchingRow } from '../format/row-regex';

interface Request { id: number; pattern: string; flags: string; rows: string[][] }

const scope = self as unknown as { onmessage: ((e: MessageEvent<Request>) => void) | null; postMessage(m: unknown): void };

scope.onmessage = (e) => {
  const { id, pattern, flags, rows } = e.data;
  scope.postMessage({ id, ...firstMatchingRow(pattern, flags, rows) });
};
