/**
 * Subheadings inside a paragraph (§): which one starts the decision, which ones are proposals, basis
 * documents or other sections that end a decision.
 */

/** "Beslut", "Styrelsens beslut", "Kommunstyrelsens beslut", "Mötets beslut", "Beslut:". */
/** Headings are short; longer lines are rejected before any pattern runs, which keeps parsing fast. */
const MAX_HEADING_LENGTH = 80;

export function isDecisionHeading(line: string): boolean {
  if (line.length > MAX_HEADING_LENGTH) return false;
  const t = stripHeadingLine(line);
  // "Anmälda beslut", "Tidigare beslut" and "Delegationsbeslut" name other decisions than this meeting's.
  // "Barn- och utbildningsnämndens beslut": a body named with a shared compound part.
  return (
    /^(?:beslut|beslutet|fattat beslut|(?:\p{L}+-\s+och\s+)?(?:\p{L}+s\s+){1,2}beslut)$/iu.test(t) && !/förslag|underlag/iu.test(t)
  );
}

/** Proposals: "Förslag till beslut", "Arbetsutskottets förslag", "Förvaltningens förslag till beslut". */
export function isProposalHeading(line: string): boolean {
  if (line.length > MAX_HEADING_LENGTH) return false;
  const t = stripHeadingLine(line);
  if (t.split(/\s+/).length > 7 || !/^\p{Lu}/u.test(t)) return false;
  return /(?:^|\s)förslag(?: till beslut)?$|^förslag till beslut|^beslutsförslag$|yrkanden?$|^yrkande|(?:^|s\s)förslag till \p{L}*(?:styrelsen|nämnden|fullmäktige|direktionen|utskottet|stämman|mötet)$/u.test(
    t.toLowerCase(),
  );
}

/**
 * "Kommunstyrelsens förslag till kommunfullmäktige": what a board decides to propose to the council. In the
 * board's own minutes it is the decision when the § has no "Beslut" heading.
 */
export function isCouncilProposalHeading(line: string): boolean {
  if (line.length > MAX_HEADING_LENGTH) return false;
  return /^(?:\p{L}+(?:styrelsens|direktionens|nämndens)\s+)?förslag till (?:\p{L}*fullmäktige|förbundsstämman|stämman)$/iu.test(
    stripHeadingLine(line),
  );
}

/** "Beslut: Dagordningen godkänns.", "Nämndens beslut: att …": the decision on the heading's own line. */
export function inlineDecisionOf(line: string): string | undefined {
  const t = line.trim();
  if (!/^(?:\*\*)?\p{Lu}/u.test(t) || !/beslut(?:et)?\s*:/iu.test(t.slice(0, 60))) return undefined;
  const m = /^(?:\*\*)?((?:\p{L}+-\s+och\s+)?(?:\p{L}+s\s+){0,2}beslut(?:et)?)\s*:\s*(?:\*\*)?\s*(\S.*)$/iu.exec(t);
  if (!m || /förslag|underlag|tidigare|anmälda/iu.test(m[1]!)) return undefined;
  return m[2]!.trim();
}

/** Headings that are never part of a decision. */
export const OTHER_HEADINGS = [
  'bakgrund', 'ärendebeskrivning', 'ärendet', 'sammanfattning', 'sammanfattning av ärendet', 'sammanfattning och överväganden',
  'underlag för beslut', 'beslutsunderlag', 'handlingar', 'underlag', 'yrkanden', 'yrkande', 'propositionsordning',
  'beslutsgång', 'omröstning', 'omröstningsresultat', 'votering', 'reservation', 'reservationer', 'protokollsanteckning',
  'protokollsanteckningar', 'jäv', 'expedieras', 'expedieras till', 'skickas till', 'beslutet skickas till',
  'beslutet expedieras till', 'för kännedom', 'för åtgärd', 'status', 'diskussion', 'synpunkter', 'synpunkter från mötet',
  'föredragande', 'bilaga', 'bilagor', 'information', 'överväganden', 'bedömning', 'förvaltningens bedömning',
  'ekonomiska konsekvenser', 'konsekvenser', 'uppföljning', 'yttrande', 'motivering', 'beredning', 'ajournering',
  'deltar ej', 'deltar inte i beslutet', 'paus', 'särskilt yttrande', 'särskilda yttranden', 'anteckning',
  'protokollsutdrag', 'protokollsutdrag till', 'utdrag till', 'sändlista', 'beslutet ska skickas till', 'kopia till',
  'för kännedom till', 'för verkställighet', 'delges', 'beskrivning av ärendet', 'ärendets beredning', 'beslutsmotivering',
  'motivering till beslut', 'skäl för beslutet', 'barnperspektiv', 'barnrättsperspektiv', 'barnkonsekvensanalys',
  'jämställdhetsperspektiv', 'ekonomisk bedömning', 'juridisk bedömning', 'bakgrund och sammanfattning',
  'sammanfattning av förslaget', 'tidigare beslut', 'finansiering', 'facklig samverkan', 'samverkan', 'konsekvensbeskrivning',
  'remissinstanser', 'vad ärendet gäller', 'handlingar i ärendet', 'ärendets handlingar',
];
const OTHER_SET = new Set(OTHER_HEADINGS);

export function isKnownSectionHeading(line: string): boolean {
  if (line.length > MAX_HEADING_LENGTH) return false;
  const t = stripHeadingLine(line).toLowerCase();
  if (OTHER_SET.has(t)) return true;
  return (t.includes('förslag') || t.includes('yrkande')) && isProposalHeading(line);
}

/** Headings where what follows names basis documents and attachments. */
export function isBasisHeading(line: string): boolean {
  if (line.length > MAX_HEADING_LENGTH) return false;
  const t = stripHeadingLine(line).toLowerCase();
  return /^(?:underlag för beslut|beslutsunderlag|underlag|handlingar|bilaga|bilagor|handlingar i ärendet)$/u.test(t);
}

export function isVoteHeading(line: string): boolean {
  if (line.length > MAX_HEADING_LENGTH) return false;
  return /^(?:omröstning|omröstningsresultat|votering|omröstningslista|voteringslista)$/iu.test(stripHeadingLine(line));
}

export function isReservationHeading(line: string): boolean {
  if (line.length > MAX_HEADING_LENGTH) return false;
  return /^reservation(?:er)?$/iu.test(stripHeadingLine(line));
}

export function isDisqualificationHeading(line: string): boolean {
  if (line.length > MAX_HEADING_LENGTH) return false;
  return /^jäv$/iu.test(stripHeadingLine(line));
}

/** Removes a trailing colon and emphasis so "**Beslut:**" compares as "Beslut". */
function isSpace(c: string): boolean {
  return c === ' ' || c === '\t';
}

export function stripHeadingLine(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && (isSpace(line[start]!) || line[start] === '*' || line[start] === '_' || line[start] === '#')) start++;
  while (end > start && (isSpace(line[end - 1]!) || line[end - 1] === '*' || line[end - 1] === '_')) end--;
  if (end > start && line[end - 1] === ':') end--;
  while (end > start && isSpace(line[end - 1]!)) end--;
  return line.slice(start, end);
}
