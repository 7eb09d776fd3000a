/**
 * What the public sees of an announced agenda: one rule for /kommande, the kallelse published as open
 * data and the OParl AgendaItems, so they cannot disagree. An item under secrecy (OSL) shows no title,
 * since the title itself may say what is secret; open data leaves such an item out.
 */

/** The title the public may read, or null for an item under secrecy. */
export function publicAgendaTitle(item: { title: string; confidential: boolean }): string | null {
  return item.confidential ? null : item.title;
}

/** The items of an agenda the public may read by title, in order. */
export function publicAgendaItems<T extends { title: string; confidential: boolean }>(items: T[]): (T & { title: string })[] {
  return items.filter((item) => publicAgendaTitle(item) !== null);
}
