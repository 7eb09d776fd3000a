/** Reads what `protokoll import` printed. */

/** The meeting each imported file became, by the file's name without its folder and extension. */
export function meetingsImported(out: string): Map<string, string> {
  const meetings = new Map<string, string>();
  for (const match of out.matchAll(/^imported {2}(?:.*\/)?([^/\s]+)\.\w+ \(\d+ §§\): meeting ([0-9a-f-]{36})/gmu)) meetings.set(match[1]!, match[2]!);
  return meetings;
}
