/**
 * Labels of the header block and of the ANSLAG/BEVIS box. Each label names a field; the importer reads
 * "Label: value", "Label<TAB>value", "Label value" and a label alone on its line with the value below.
 */

export type HeaderField =
  | 'place-and-time'
  | 'place'
  | 'time'
  | 'date'
  | 'paragraphs'
  | 'voting'
  | 'members'
  | 'serving-substitutes'
  | 'substitutes'
  | 'non-serving-substitutes'
  | 'present'
  | 'others'
  | 'absent'
  | 'adjusters'
  | 'adjustment'
  | 'adjusted-by'
  | 'signatures'
  | 'secretary'
  | 'chair'
  | 'adjuster'
  | 'storage'
  | 'notice-from'
  | 'notice-until'
  | 'notice'
  | 'body'
  | 'table-of-contents';

/** Longest labels first, so "Övriga deltagare" wins over "Övriga" and "Plats och tid" over "Plats". */
export const LABELS: ReadonlyArray<readonly [string, HeaderField]> = [
  ['plats och tid för justering', 'adjustment'],
  ['tid och plats för justering', 'adjustment'],
  ['justeringens plats och tid', 'adjustment'],
  ['justeringens tid och plats', 'adjustment'],
  ['justeringens plats', 'adjustment'],
  ['justeringens tid', 'adjustment'],
  ['justeringsdatum', 'adjustment'],
  ['justeringsdag', 'adjustment'],
  ['datum för justering', 'adjustment'],
  ['protokollet justerat', 'adjustment'],
  ['justering', 'adjustment'],
  ['justerat', 'adjustment'],
  ['plats och tid', 'place-and-time'],
  ['tid och plats', 'place-and-time'],
  ['plats och datum', 'place-and-time'],
  ['datum och plats', 'place-and-time'],
  ['sammanträdesplats', 'place'],
  ['mötesplats', 'place'],
  ['lokal', 'place'],
  ['plats', 'place'],
  ['datum och tid', 'time'],
  ['datum och klockslag', 'time'],
  ['sammanträdestid', 'time'],
  ['mötestid', 'time'],
  ['tid', 'time'],
  ['klockan', 'time'],
  ['sammanträdesdatum', 'date'],
  ['sammanträdesdag', 'date'],
  ['mötesdatum', 'date'],
  ['datum för sammanträdet', 'date'],
  ['datum', 'date'],
  ['paragrafer', 'paragraphs'],
  ['paragraf', 'paragraphs'],
  ['§§', 'paragraphs'],
  ['beslutande ledamöter', 'voting'],
  ['närvarande beslutande', 'voting'],
  ['beslutande ersättare', 'serving-substitutes'],
  ['beslutande', 'voting'],
  ['tjänstgörande ledamöter', 'voting'],
  ['ordinarie ledamöter', 'members'],
  ['närvarande ledamöter', 'members'],
  ['ledamöter', 'members'],
  ['tjänstgörande ersättare', 'serving-substitutes'],
  ['ej tjänstgörande ersättare', 'non-serving-substitutes'],
  ['icke tjänstgörande ersättare', 'non-serving-substitutes'],
  ['ej tjänstgörande', 'non-serving-substitutes'],
  ['närvarande ersättare', 'substitutes'],
  ['övriga ersättare', 'substitutes'],
  ['ersättare', 'substitutes'],
  ['övriga deltagare', 'others'],
  ['övriga närvarande', 'others'],
  ['övriga deltagande', 'others'],
  ['övriga medverkande', 'others'],
  ['övriga som deltog', 'others'],
  ['övriga närvarande tjänstepersoner', 'others'],
  ['närvarande tjänstepersoner', 'others'],
  ['närvarande tjänstemän', 'others'],
  ['tjänstepersoner', 'others'],
  ['tjänstemän', 'others'],
  ['övriga', 'others'],
  ['adjungerande', 'others'],
  ['adjungerade', 'others'],
  ['närvarolista', 'present'],
  ['närvarande', 'present'],
  ['närvaro', 'present'],
  ['deltagare', 'present'],
  ['deltagande', 'present'],
  ['frånvarande ledamöter', 'absent'],
  ['frånvarande', 'absent'],
  ['anmält förhinder', 'absent'],
  ['förhinder', 'absent'],
  ['ej närvarande', 'absent'],
  ['utses att justera', 'adjusters'],
  ['utsedd att justera', 'adjusters'],
  ['utsedda att justera', 'adjusters'],
  ['utsedda justerare', 'adjusters'],
  ['protokollsjusterare', 'adjusters'],
  ['protokolljusterare', 'adjusters'],
  ['justerare', 'adjusters'],
  ['justerande', 'adjusters'],
  ['justeras av', 'adjusted-by'],
  ['justeras', 'adjusted-by'],
  ['underskrifter', 'signatures'],
  ['underskrift', 'signatures'],
  ['sekreterare', 'secretary'],
  ['vid protokollet', 'secretary'],
  ['antecknare', 'secretary'],
  ['antecknat av', 'secretary'],
  ['protokollförare', 'secretary'],
  ['ordförande', 'chair'],
  ['förvaringsplats för protokollet', 'storage'],
  ['förvaringsplats', 'storage'],
  ['protokollet förvaras', 'storage'],
  ['datum då anslaget sätts upp', 'notice-from'],
  ['datum för anslags uppsättande', 'notice-from'],
  ['datum för anslagets uppsättande', 'notice-from'],
  ['anslaget sätts upp', 'notice-from'],
  ['anslaget publicerat', 'notice-from'],
  ['anslaget publiceras', 'notice-from'],
  ['anslag uppsatt', 'notice-from'],
  ['anslagsdatum', 'notice-from'],
  ['datum då anslaget tas ned', 'notice-until'],
  ['datum då anslaget tas ner', 'notice-until'],
  ['datum för anslags nedtagande', 'notice-until'],
  ['datum för anslagets nedtagande', 'notice-until'],
  ['anslaget tas ned', 'notice-until'],
  ['anslaget tas ner', 'notice-until'],
  ['anslaget tas bort', 'notice-until'],
  ['anslag nedtas', 'notice-until'],
  ['anslag/bevis', 'notice'],
  ['anslag / bevis', 'notice'],
  ['bevis om justering', 'notice'],
  ['anslag', 'notice'],
  ['bevis', 'notice'],
  ['organ', 'body'],
  ['instans', 'body'],
  ['innehållsförteckning', 'table-of-contents'],
  ['innehåll', 'table-of-contents'],
  ['ärendeförteckning', 'table-of-contents'],
  ['ärendelista', 'table-of-contents'],
];

const SORTED = [...LABELS].sort((a, b) => b[0].length - a[0].length);
/** Labels by their first two letters, so a line is compared with a handful of labels, not all of them. */
const BY_PREFIX = new Map<string, Array<readonly [string, HeaderField]>>();
for (const entry of SORTED) {
  const key = entry[0].slice(0, 2);
  const list = BY_PREFIX.get(key) ?? [];
  list.push(entry);
  BY_PREFIX.set(key, list);
}

export interface LabelMatch {
  field: HeaderField;
  /** The text after the label and its separator. */
  value: string;
  /** How the label was separated from the value: a colon or tab is stronger evidence than a space. */
  separator: 'colon' | 'tab' | 'space' | 'none';
}

/**
 * Matches a header label at the start of `line`. A label followed only by a space is accepted for fields
 * whose values are distinctive (place, time, attendance) but not for words that also start sentences.
 */
export function matchHeaderLabel(line: string): LabelMatch | undefined {
  const trimmed = line.trim();
  if (trimmed.length === 0) return undefined;
  const candidates = BY_PREFIX.get(trimmed.slice(0, 2).toLowerCase());
  if (!candidates) return undefined;
  const lower = trimmed.slice(0, 40).toLowerCase();
  for (const [label, field] of candidates) {
    if (!lower.startsWith(label)) continue;
    const rest = trimmed.slice(label.length);
    if (rest.length === 0) return { field, value: '', separator: 'none' };
    const m = /^\s*:\s*|^\s*\t\s*|^ +/u.exec(rest);
    if (!m) continue;
    const sep = m[0].includes(':') ? 'colon' : m[0].includes('\t') ? 'tab' : 'space';
    return { field, value: rest.slice(m[0].length).trim(), separator: sep };
  }
  return undefined;
}
