/**
 * Recognising people's names in running text and lists, without a register of names: a name is two to
 * four capitalised words, possibly hyphenated or with a nobiliary particle, that are not words of
 * organisations, roles or headings.
 */

import { isJobTitle } from './lexicon/roles.ts';

const PARTICLES = new Set(['von', 'af', 'av', 'de', 'van', 'der', 'den', 'la', 'du', 'di', 'da', 'el', 'al', 'bin', 'ibn']);
const NAME_WORD = /^\p{Lu}(?:[\p{Ll}'’]+|\.)?(?:-\p{Lu}?[\p{Ll}'’]+)*$|^\p{Lu}[\p{Ll}]*\p{Lu}[\p{Ll}]+$/u;

/** Capitalised words that are not part of a person's name. */
const NOT_NAME_WORDS = new Set(
  [
    'region', 'regionen', 'kommun', 'kommunen', 'kommuner', 'landstinget', 'landsting', 'länsstyrelsen', 'styrelsen',
    'nämnden', 'förbundet', 'kansliet', 'enligt', 'beslut', 'beslutande', 'protokoll', 'protokollet', 'ordförande',
    'sekreterare', 'justerare', 'justerande', 'ledamot', 'ledamöter', 'ersättare', 'övriga', 'plats', 'tid', 'datum',
    'dnr', 'bilaga', 'microsoft', 'teams', 'zoom', 'skype', 'digitalt', 'närvarande', 'närvaro', 'deltagare',
    'frånvarande', 'paragrafer', 'underskrifter', 'utses', 'justering', 'anslag', 'bevis', 'organ', 'förvaringsplats',
    'sammanträdesdatum', 'avdelningen', 'förvaltningen', 'kommunstyrelsen', 'kommunfullmäktige', 'arbetsförmedlingen',
    'försäkringskassan', 'samordningsförbundet', 'kommunförbundet', 'information', 'bakgrund', 'diskussion', 'status',
    'ja', 'nej', 'avstår', 'frånvarande', 'summa', 'totalt', 'x', 'ordf', 'vice', 'tjänstgörande', 'och', 'samt',
    'the', 'via', 'mötet', 'gruppen', 'gemensamt', 'styrgrupp', 'direktionen', 'presidiet', 'ajournering',
    'socialdemokraterna', 'moderaterna', 'centerpartiet', 'liberalerna', 'vänsterpartiet', 'kristdemokraterna',
    'miljöpartiet', 'sverigedemokraterna', 'i', 'på', 'för', 'med', 'om', 'till', 'av', 'från',
  ].map((w) => w.toLowerCase()),
);
const ORGANISATION_SUFFIX =
  /(?:kommun|kommuns|förbund|förbundet|styrelse|styrelsen|nämnd|nämnden|region|regionen|verket|kassan|förmedlingen|bolaget|stiftelsen|kansli|kansliet|förvaltning|förvaltningen|enheten|avdelningen|länsstyrelse|landsting|landstinget|fullmäktige|utskott|utskottet|rådet|gruppen|lab|centrum|huset)$/iu;

/** True when `text` looks like a person's name ("Anna-Britta Åkerlind", "Karl Lindqvist Ek"). */
export function isPersonName(text: string): boolean {
  const words = text.trim().split(/\s+/u);
  if (words.length < 2 || words.length > 5) return false;
  if (!NAME_WORD.test(words[0]!)) return false;
  let capitalised = 0;
  for (const word of words) {
    const lower = word.toLowerCase();
    if (PARTICLES.has(lower) && word === lower) continue;
    if (!NAME_WORD.test(word)) return false;
    if (NOT_NAME_WORDS.has(lower) || ORGANISATION_SUFFIX.test(word)) return false;
    capitalised++;
  }
  return capitalised >= 2;
}

const CAPITALISED_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;

/**
 * The name at the end of `text`, as in "Lövsjö kommun Sara Berg" → "Sara Berg". A run of more than
 * three capitalised words keeps the last two, because the words before them belong to an organisation.
 */
export function trailingName(text: string): { name: string; rest: string } | undefined {
  const words = text.trim().split(/\s+/u);
  let start = words.length;
  while (start > 0) {
    const w = words[start - 1]!;
    const lower = w.toLowerCase();
    if (CAPITALISED_WORD.test(w) && !NOT_NAME_WORDS.has(lower) && !ORGANISATION_SUFFIX.test(w)) start--;
    else if (PARTICLES.has(lower) && start < words.length) start--;
    else break;
  }
  // A capitalised job title at a sentence start is not a first name ("Projektledare Maja Lund").
  while (start < words.length && isJobTitle(words[start]!)) start++;
  let run = words.slice(start);
  if (run.length > 3) {
    start = words.length - 2;
    run = words.slice(start);
  }
  const name = run.join(' ');
  if (!isPersonName(name)) return undefined;
  return { name, rest: words.slice(0, start).join(' ') };
}

/** The name at the start of `text`, as in "Maja Lund presenterar" → "Maja Lund". */
export function leadingName(text: string): string | undefined {
  const words = text.trim().split(/\s+/u);
  const run: string[] = [];
  for (const w of words) {
    const clean = w.replace(/[,.;:]+$/u, '');
    if (run.length >= 4) break;
    if (NAME_WORD.test(clean) && !NOT_NAME_WORDS.has(clean.toLowerCase()) && !ORGANISATION_SUFFIX.test(clean)) {
      run.push(clean);
      if (clean !== w) break;
    } else if (PARTICLES.has(clean) && run.length > 0) run.push(clean);
    else break;
  }
  while (run.length > 0 && PARTICLES.has(run[run.length - 1]!)) run.pop();
  const name = run.join(' ');
  return isPersonName(name) ? name : undefined;
}

/**
 * Whether two spellings name the same person: equal, or the same first and last name with a middle name
 * dropped ("Karl Lindqvist Ek" and "Karl Ek").
 */
export function sameName(a: string, b: string): boolean {
  const x = a.trim().toLowerCase().split(/\s+/u);
  const y = b.trim().toLowerCase().split(/\s+/u);
  if (x.join(' ') === y.join(' ')) return true;
  if (x.length < 2 || y.length < 2) return false;
  return x[0] === y[0] && x[x.length - 1] === y[y.length - 1];
}

/** A key under which spellings that `sameName` accepts as one person collide (first and last name). */
export function nameKey(name: string): string {
  const words = name.trim().toLowerCase().split(/\s+/u);
  return words.length < 2 ? words.join(' ') : `${words[0]} ${words[words.length - 1]}`;
}
