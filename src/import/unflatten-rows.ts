/**
 * The attendance and signature parts of restoring lines in flattened text (see unflatten-text.ts): where a
 * tab survived beside a former line break, rows of a table run together, names listed one per line, and
 * "Name Role" signature pairs. Each rule reads the order of names, role words and cells, never a layout.
 */
import { isKnownParty } from './lexicon/parties.ts';

/** A capitalised word of a name ("Anna", "Lars-Erik", "Claeson-Nordin"). */
const NAME_WORD = String.raw`\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)*`;
const NAME = String.raw`${NAME_WORD}(?:[ ]${NAME_WORD}){1,2}`;

/**
 * A space beside a tab is where a line break was: tabs only separate cells, so "X<TAB> Bo Al" is a row
 * that ended with an empty cell and "Bo Al Sekreterare <TAB>Eva Ek" a row whose next line starts with a tab.
 */
export function breakBesideTabs(text: string): string {
  return text.replace(/(?<![ \t]) \t/gu, '\n\t').replace(/\t (?![ \t])/gu, '\t\n');
}

const SIGNING_ROLE = String.raw`(?:Sekreterare|Ordförande|Justerare|Justerande|Protokollförare|Antecknare|Mötessekreterare|Vice ordförande)`;
/**
 * "Elise Ek Sekreterare Bo Al Ordförande Eva Dahl Justerare" with no name after the last role word: names
 * with their roles, as a signature row prints them. Had the role words been labels, the last one would have
 * a name after it ("Justerare: Bo Al Sekreterare Eva Ek").
 */
const NAME_ROLE_CHAIN = new RegExp(String.raw`(?<=[:\t\n]\s*)(?:${NAME}[ ]${SIGNING_ROLE}(?:[ \t]+|(?=\n)|$))+(?!${NAME_WORD}[ ]${NAME_WORD})`, 'gu');

/** Spans of text holding "Name Role" pairs, whose role words must not be taken for labels. */
export function nameRoleSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(NAME_ROLE_CHAIN)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/** A role that opens a row ("Ordförande<TAB>Anna Ek (S)", "Vice ordförande<TAB>…"). */
// Capitalised only: "2:e vice ordförande" continues the cell before it.
const ROW_ROLE = String.raw`(?:Vice[ ]ordförande|Ordförande|Ledamot|Ersättare|Tjänstgörande[ ]ersättare)`;

/**
 * A cell that ends with the first cell of the next row: "sekreterare Gunhild Ek", "§§ 18, 19 Bo Al", "X Bo Ek, vice
 * ordförande", "Närvarande Anna Ek (S)". The row's last cell ends in a lower-case word, a number, a mark, a
 * party's letters or a column heading; a capitalised word there would be part of a name or an organisation ("Region Västerby").
 */
const CELL_WITH_NEXT_NAME = new RegExp(String.raw`^(.*\S)[ ]((?:${NAME}|${NAME_WORD},[ ]${NAME_WORD})(?:,[ ][\p{Ll} .]+|[ ]\([^()]{1,12}\))?|${ROW_ROLE})$`, 'u');
const ROW_END = /(?:^|[ ])(?:\p{Ll}[\p{L}.-]*|\S*\d\S*|\p{Lu}{1,3}|[✓✔]|\S*[).]|Närvarande|Närvaro|Närv\.|Tjänstgörande|Tjg\.?|Beslutande|Parti|Kommun|Organisation|Funktion|Roll|Ersätter|Ordförande|Justerare|Justerande|Sekreterare)$/u;

/**
 * A table flattened with its tabs kept ("Anna Ek<TAB>Lövsjö<TAB>sekreterare Bo Al<TAB>Lövsjö<TAB>§ 22 …"):
 * the last cell of a row and the first of the next run together. Each such cell is parted before the name,
 * but only when no row then has more cells than the first, as the rows of one table do.
 */
export function splitTableRows(line: string): string {
  if (!line.includes('\t')) return line;
  const cells = line.split('\t');
  const rows: string[][] = [[]];
  for (const [k, cell] of cells.entries()) {
    const m = k > 0 && k < cells.length - 1 ? CELL_WITH_NEXT_NAME.exec(cell) : null;
    if (m && ROW_END.test(m[1]!)) {
      rows[rows.length - 1]!.push(m[1]!);
      rows.push([m[2]!]);
    } else rows[rows.length - 1]!.push(cell);
  }
  if (rows.length < 2) return line;
  // A row may have lost its empty last cells, but none has more cells than the first (the header or the first row).
  const width = rows[0]!.length;
  if (width < 2 || rows.some((r) => r.length < 2 || r.length > width)) return line;
  return rows.map((r) => r.join('\t')).join('\n');
}

const LIST_LABEL = /^(?:Beslutande|Ledamöter|Närvarande|Närvarande beslutande|Ersättare|Tjänstgörande ersättare|Deltagare|Övriga deltagare|Övriga närvarande|Närvarolista)(?::|\t| )[ \t]*/u;
const LOWER_ROLE = /^(?:ordförande|ordf\.?|vice|v\.|sekreterare|ersättare|ledamot|justerare|tjänstgörande|ej)$/u;

/**
 * "Beslutande Glenn Ek ordförande Hans Al Sten-Ove Dahl Eva Lund": a list that had one name per line, flattened
 * without commas or parties. Runs of capitalised words between role words are parted in twos (first name and
 * surname, the common shape); a run of odd length cannot be parted safely and is left as it is.
 */
export function splitNameList(line: string): string {
  const label = LIST_LABEL.exec(line);
  if (!label) return line;
  // "Lisa Ek, ordförande Tor Al, vice ordförande": a comma only parts a name from its role.
  // "Rolf Sten, ersättare för Sara Lill": whom a substitute serves for stays with the role.
  const words = line.slice(label[0].length).trim().replace(/(?<=\p{Ll}),(?= \p{Ll})/gu, '').replace(/ för (\p{Lu}\p{Ll}+) (\p{Lu}\p{Ll}+)/gu, '\u00a0för\u00a0$1\u00a0$2').split(' ');
  const isRole = (w: string) => LOWER_ROLE.test(w.split('\u00a0')[0]!);
  if (words.length < 4 || !words.every((w) => new RegExp(`^${NAME_WORD}$`, 'u').test(w) || isRole(w))) return line;
  const entries: string[] = [];
  let run: string[] = [];
  const flush = (): boolean => {
    if (run.length % 2 !== 0) return false;
    for (let k = 0; k < run.length; k += 2) entries.push(`${run[k]} ${run[k + 1]}`);
    run = [];
    return true;
  };
  for (const word of words) {
    if (!isRole(word)) {
      run.push(word);
      continue;
    }
    if ((run.length > 0 && !flush()) || entries.length === 0) return line;
    entries[entries.length - 1] += ` ${word}`;
  }
  if (!flush() || entries.length < 2) return line;
  return `${label[0].trimEnd()}\n${entries.join('\n').replace(/\u00a0/gu, ' ')}`;
}

const ROLE_WORD = /^(?:ordförande|vice ordförande|sekreterare|justerare|justerande|protokollförare|mötesordförande)$/iu;
/** The signers' entries of an e-signing report ("Ida Wall (IW) … Signerade 2025-03-11 …"), each on a line. */
export const REPORT_SIGNER = new RegExp(String.raw`(?<=\S)[ ]+(?=${NAME}[ ]\(\p{Lu}{1,4}\)[ ][^\n]{0,200}?\b[Ss]ignerade\b)`, 'gu');
const NAME_THEN_ROLE = new RegExp(String.raw`^(${NAME})[ ](${ROLE_WORD.source.slice(1, -1)})$`, 'iu');
const ROLE_THEN_NAME = new RegExp(String.raw`^(${ROLE_WORD.source.slice(1, -1)})[ ](${NAME})$`, 'iu');

/**
 * "Rolf Ek<TAB>Mats Holm ordförande<TAB>justerare": a row of signers' names and the row of their roles below
 * it, run together where the line break was (or the roles above the names). Parted where the names end, when
 * both rows have as many cells.
 */
export function splitNamesAndRoles(line: string): string {
  // "Justeras Ida Wall Kim Berg ordförande justerare": the label stays on a line of its own above the rows.
  const label = /^(\s*(?:Justeras|Underskrifter|Justerandes underskrifter))[ ]+(?=\p{Lu})/u.exec(line);
  if (label) {
    const rows = splitNamesAndRoles(line.slice(label[0].length));
    return rows.includes('\n') ? `${label[1]}\n${rows}` : line;
  }
  if (!line.includes('\t')) return splitNamesAndRolesWithoutTabs(line);
  const cells = line.trim().split('\t').map((c) => c.trim());
  for (let k = 0; k < cells.length; k++) {
    const nameFirst = NAME_THEN_ROLE.exec(cells[k]!);
    const roleFirst = nameFirst ? null : ROLE_THEN_NAME.exec(cells[k]!);
    const m = nameFirst ?? roleFirst;
    if (!m) continue;
    const top = [...cells.slice(0, k), m[1]!];
    const bottom = [m[2]!, ...cells.slice(k + 1)];
    if (top.length !== bottom.length || top.length < 2) return line;
    const [names, roles] = nameFirst ? [top, bottom] : [bottom, top];
    const isName = (c: string) => new RegExp(`^${NAME}$`, 'u').test(c);
    if (!names.every(isName) || !roles.every((r) => ROLE_WORD.test(r))) return line;
    return `${top.join('\t')}\n${bottom.join('\t')}`;
  }
  return line;
}

/** "Rolf Ek Mats Holm ordförande justerare": the same without tabs, names in equal runs of words, one per role. */
function splitNamesAndRolesWithoutTabs(line: string): string {
  const words = line.trim().split(' ');
  let r = words.length;
  while (r > 0 && ROLE_WORD.test(words[r - 1]!)) r--;
  const roles = words.slice(r);
  const nameWords = words.slice(0, r);
  if (roles.length < 2 || nameWords.length % roles.length !== 0 || nameWords.length / roles.length > 3) return line;
  const size = nameWords.length / roles.length;
  const names = roles.map((_, k) => nameWords.slice(k * size, (k + 1) * size).join(' '));
  if (!names.every((n) => new RegExp(`^${NAME}$`, 'u').test(n))) return line;
  return `${names.join('\t')}\n${roles.join('\t')}`;
}

/** An attendance list's label at the start of a line ("Närvarande ledamöter", "Övriga närvarande", "Ej tjänstgörande ersättare"). */
const SPACED_LIST_LABEL =
  /^\s*(?:Närvarande(?: ledamöter| ersättare| beslutande)?|Beslutande(?: ledamöter)?|Ledamöter|Tjänstgörande ersättare|Ej tjänstgörande ersättare|Ersättare|Övriga närvarande|Övriga deltagare|Deltagare|Närvarolista)(?::)?(?= )/u;
/** Column names of an attendance table's header row. */
const COLUMN_WORD = /^(?:Namn|Närvarande|Frånvarande|Ledamöter|Ersättare|Parti|Funktion|Roll|Uppdrag|Organisation|Kommun|Utsedd|av:?|Ersätter|Närvaro|Närv\.?|Tjg\.?|Tjänstgörande|Beslutande|Representerar|§§?)$/u;
/** A word that ends a row: a lower-case word, a party's letters, a number or § range, a mark. */
const ENDS_ROW = (word: string): boolean =>
  /^\p{Ll}/u.test(word) || /\d[,)]?$/u.test(word) || /^[Xx✓✔]$/u.test(word) || /\)$/u.test(word) || isKnownParty(word) || COLUMN_WORD.test(word);
const FIRST_OR_SURNAME = new RegExp(`^${NAME_WORD}$`, 'u');

/**
 * An attendance table flattened with neither line breaks nor tabs ("Närvarande ledamöter Namn Parti Funktion
 * Anna Ek S ordförande Bo Al M ledamot"): each row starts at a name ("Anna Ek", "Ek, Anna") standing after a
 * word that ends a row (a lower-case role, a party's letters, a number, a mark or a column name). The label
 * and the header keep their line, each row gets its own, so the spaced-table reader can take the columns.
 */
export function splitSpacedRows(line: string): string {
  if (line.includes('\t') || !SPACED_LIST_LABEL.test(line)) return line;
  const words = line.trim().split(' ');
  const starts: number[] = [];
  for (let k = 1; k < words.length - 1; k++) {
    const surnameFirst = /^\p{Lu}[\p{Ll}'’-]+,$/u.test(words[k]!) && FIRST_OR_SURNAME.test(words[k + 1]!.replace(/,$/u, ''));
    const firstLast = FIRST_OR_SURNAME.test(words[k]!) && FIRST_OR_SURNAME.test(words[k + 1]!.replace(/,$/u, ''));
    if (!(surnameFirst || firstLast) || !ENDS_ROW(words[k - 1]!) || COLUMN_WORD.test(words[k]!)) continue;
    // "Hagaby kommun", "Region Mälardalen": a place after the name is not the next person.
    if (/^(?:kommun|stad|län|region|Region|Kommun)$/u.test(words[k + 1]!) || /^(?:Region|Kommunförbundet|Samordningsförbundet)$/u.test(words[k]!)) continue;
    starts.push(k);
  }
  if (starts.length < 2) return line;
  const rows: string[] = [words.slice(0, starts[0]).join(' ')];
  for (const [n, at] of starts.entries()) rows.push(words.slice(at, starts[n + 1] ?? words.length).join(' '));
  return rows.join('\n');
}

/** Column names of a table header kept with its tabs ("Part⇥Ledamot⇥Närv.⇥Ersättare⇥Närv."). */
const HEADER_CELL = /^(?:Part|Kommun|Organisation|Utsedd av:?|Huvudman|Medlem|Namn|Ledamot|Ledamöter|Ersättare|Parti|Funktion|Roll|Närv\.?|Närvaro|Närvarande|Tjg\.?|Tjänstgörande|Beslutande|Ersätter)$/u;
/** The last column holds a mark: its cell, run into the next row's first, starts with the mark or the column name. */
const MARK_THEN_NEXT = /^(Närv\.?|Närvaro|Närvarande|Tjg\.?|Tjänstgörande|Beslutande|[Xx✓✔])[ ]+(\p{Lu}.*)$/u;

/**
 * A table whose last column is a mark ("Part⇥Ledamot⇥Närv.⇥Ersättare⇥Närv. Lövsjö kommun⇥Anna Ek (S)⇥X⇥…"):
 * the header gives the width, and every row's last cell, run into the next row's first, is parted after its
 * mark, whatever the first column holds (a municipality, an authority, a name).
 */
export function splitTableLines(lines: string[]): string[] {
  const out: string[] = [];
  let width = 0;
  for (const line of lines) {
    if (!line.includes('\t')) {
      width = 0;
      out.push(line);
      continue;
    }
    const header = markTableWidth(line);
    if (header) width = header.width;
    const split = width > 0 ? splitRowsAtMarkColumn(header ? header.rows : line, width) : line;
    out.push(split !== line ? split : splitTableRows(line));
  }
  return out;
}

/** The width of a table whose header row ends in a mark column, and the line without its list label. */
function markTableWidth(line: string): { width: number; rows: string } | undefined {
  const cells = line.split('\t').map((c) => c.trim());
  // "Närvaro Part⇥Ledamot⇥…": the list's label run into the first column name stands on its own line.
  const label = /^(Närvaro|Närvarande|Närvarolista|Deltagare)[ ]+(\S.*)$/u.exec(cells[0] ?? '');
  if (label && HEADER_CELL.test(label[2]!)) {
    const rest = markTableWidth([label[2]!, ...cells.slice(1)].join('\t'));
    return rest && { width: rest.width, rows: `${label[1]}\n${rest.rows}` };
  }
  for (let k = 0; k < cells.length && k < 8; k++) {
    const merged = MARK_THEN_NEXT.exec(cells[k]!);
    if (merged && k >= 2 && HEADER_CELL.test(merged[1]!) && cells.slice(0, k).every((c) => HEADER_CELL.test(c))) return { width: k + 1, rows: line };
    if (!HEADER_CELL.test(cells[k]!)) return undefined;
  }
  return undefined;
}

/** Parts each row's last cell, run into the next row's first, after its mark; the rows are `width` cells wide. */
function splitRowsAtMarkColumn(text: string, width: number): string {
  const lastLine = text.lastIndexOf('\n');
  const head = lastLine >= 0 ? text.slice(0, lastLine + 1) : '';
  const line = text.slice(lastLine + 1);
  const cells = line.split('\t').map((c) => c.trim());
  const rows: string[][] = [[]];
  let column = 0;
  for (const cell of cells) {
    const merged = column === width - 1 ? MARK_THEN_NEXT.exec(cell) : null;
    if (merged) {
      rows[rows.length - 1]!.push(merged[1]!);
      rows.push([merged[2]!]);
      column = 1;
      continue;
    }
    rows[rows.length - 1]!.push(cell);
    column++;
  }
  return rows.length > 1 ? head + rows.map((r) => r.join('\t')).join('\n') : text;
}
