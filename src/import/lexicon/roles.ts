/**
 * Words that give a person's role in an attendance list or a signature block.
 */
import type { AttendeeRole } from '../../domain/minutes.ts';

/** Role words in attendance entries, tried in order (vice-chair before chair). Each matches a whole phrase. */
export const ATTENDEE_ROLE_PATTERNS: ReadonlyArray<readonly [RegExp, AttendeeRole]> = [
  [/(?:\b\d\s*:?\s*(?:e|a)?\s*)?(?:förste|andre|tredje|1:?\s*e|2:?\s*e|1:?\s*a|2:?\s*a)?\s*\b(?:vice\s+ordförande|vice\s+ordf\.?|v\.?\s*ordf(?:örande)?\.?)(?=$|[\s,;)(])/iu, 'vice-chair'],
  [/\b(?:\d\s*)?v\.\s*ordf\.?/iu, 'vice-chair'],
  [/\b(?:tf\.?\s+)?(?:mötes|sammanträdes|ålders)?ordf(?:örande|\.)?(?=$|[\s,;)(])/iu, 'chair'],
  [/\b(?:nämnd|kommun|förbunds|styrelse|mötes|protokoll)?sekreterare\b|\bsekr\.|\bprotokollförare\b|\b(?:mötes)?antecknare\b/iu, 'secretary'],
  [/\btjänstgörande\s+ersättare\b|\bersättare\b|\bers\.(?=$|[\s,;)])/iu, 'substitute'],
  [/\bledamot\b|\bordinarie\s+ledamot\b/iu, 'member'],
];

/** Job titles: words ending in these are staff titles, dropped from `represents` and making a person an official. */
const TITLE_SUFFIXES = [
  'chef', 'direktör', 'sekreterare', 'strateg', 'handläggare', 'utvecklare', 'ledare', 'samordnare', 'controller',
  'ekonom', 'jurist', 'ansvarig', 'assistent', 'administratör', 'konsult', 'förvaltare', 'planerare', 'arkitekt',
  'inspektör', 'ingenjör', 'rektor', 'revisor', 'registrator', 'kommunikatör', 'specialist', 'expert', 'analytiker',
  'utredare', 'rådgivare', 'tekniker', 'sakkunnig', 'medarbetare', 'kanslist', 'notarie', 'biträde', 'koordinator',
  'överförmyndare', 'officer', 'läkare', 'sjuksköterska', 'pedagog', 'bibliotekarie', 'kurator', 'psykolog',
  'kommunalråd', 'oppositionsråd', 'regionråd', 'arkivarie', 'fullmäktigeberedare', 'praktikant', 'student',
  'föredragande', 'stöd', 'representant', 'tjänsteperson', 'tjänsteman', 'tjänstemän', 'tolk', 'sakkunnige',
];
const TITLE_PATTERN = new RegExp(`(?:${TITLE_SUFFIXES.join('|')})$`, 'iu');

/** True when `text` (one to four words) is a job title such as "förbundschef" or "tf. ekonomichef". */
export function isJobTitle(text: string): boolean {
  const words = text.trim().replace(/[.,;:]+$/, '').split(/\s+/);
  if (words.length === 0 || words.length > 4) return false;
  const last = words[words.length - 1] ?? '';
  return TITLE_PATTERN.test(last);
}

/** People who are not staff but take part: gäster, revisorer, invited speakers. */
export const GUEST_PATTERN = /(?<![\p{L}])(?:gäst|inbjuden|åhörare|revisor(?:er)?|förtroendevald revisor)(?![\p{L}])/iu;

/** Signature roles as printed under or beside a signature line. */
export const SIGNATURE_ROLE_PATTERN =
  /\b(sekreterare|protokollförare|vid protokollet|ordförande|mötesordförande|justerare|justerande|justeras)\b/giu;

export function signatureRole(word: string): 'secretary' | 'chair' | 'adjuster' {
  const w = word.toLowerCase();
  if (w === 'sekreterare' || w === 'protokollförare' || w === 'vid protokollet') return 'secretary';
  if (w.endsWith('ordförande')) return 'chair';
  return 'adjuster';
}

/**
 * A role word on a line of its own above the person's name in an attendance list ("Ordförande" over "Anna Ek
 * (S)", "2:e vice ordförande", "Sekreterare").
 */
export const STACKED_ROLE =
  /^(?:(?:\d\s*:\s*[ea]|förste|andre|tredje)\s+)?(?:vice\s+)?ordförande$|^(?:ordf\.|sekreterare|protokollförare|antecknare|ledamot|ordinarie ledamot|justerare)$/iu;
