/** The first row (each its shown cells' text) with a cell a regular expression matches: Find Packet's "Packet list" search. */
export function firstMatchingRow(pattern: string, flags: string, rows: readonly (readonly string[])[]): { index: number } | { error: string } {
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags);
  } catch (e) {
    return { error: (e as Error).message };
  }
  return { index: rows.findIndex((cells) => cells.some((c) => re.test(c))) };
}
