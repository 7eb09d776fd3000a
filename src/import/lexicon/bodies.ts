/**
 * Words that name meeting bodies (organ), organisations, document types and non-decision-making forums.
 */

/** The last word of a body's name: "Kommunstyrelsens arbetsutskott", "Socialnämnden", "Förbundsdirektionen". */
export const BODY_NAME =
  /(?:styrelse|styrelsen|nämnd|nämnden|fullmäktige|utskott|utskottet|direktion|direktionen|presidium|presidiet|beredning|beredningen|rådet|förbundsmöte|förbundsmötet|förbundsstämma|stämma|stämman|samverkansgrupp|samverkansgruppen|nätverk|nätverket|nätverksmöte|arbetsgrupp|arbetsgruppen|ledningsgrupp|ledningsgruppen|styrgrupp|styrgruppen|samverkanstid|kommitté|kommittén|delegation|delegationen|årsmöte|årsmötet|revision|revisionen|råd)$/iu;

/** A meeting name that stands for its body: "Styrelsemöte" → "Styrelsen". */
export const MEETING_OF_BODY: Record<string, string> = {
  styrelsemöte: 'Styrelsen',
  styrelsesammanträde: 'Styrelsen',
  nämndmöte: 'Nämnden',
  nämndsammanträde: 'Nämnden',
  direktionsmöte: 'Direktionen',
  direktionssammanträde: 'Direktionen',
  presidiemöte: 'Presidiet',
};

/** Organisations: municipalities, regions, kommunalförbund, samordningsförbund, agencies. */
export const ORGANISATION_NAME: readonly RegExp[] = [
  /^\p{Lu}[\p{L}-]*s? kommun$/u,
  /^(?:kommunförbundet|samordningsförbundet|regionförbundet|kommunalförbundet|räddningstjänsten|region|landstinget|länsstyrelsen|förbundet|stiftelsen)\s+(?:i\s+)?\p{Lu}/iu,
  /^\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)*\s+(?:kommunalförbund|samordningsförbund|kommunförbund|räddningstjänstförbund)$/u,
  // Any förbund by its kind: "Miljöförbundet Norrskog", "Utbildningsförbundet Östra X", "Sydnärkes utbildningsförbund".
  /^\p{Lu}\p{Ll}+förbundet\s+(?:i\s+)?\p{Lu}/u,
  /^\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)*\s+\p{L}+förbund$/u,
  /^\p{Lu}[\p{L}-]*\s+(?:kommun|län|stad|region)$/u,
  /\s(?:AB|ek\.\s?för\.?)$/u,
  // Associations: "Ålby hembygdsförening", "Föreningen Norrbygdens vatten", "Idrottsföreningen Kraft".
  /^\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)*\s+\p{Ll}*förening$/u,
  /^\p{Lu}?\p{Ll}*föreningen\s+\p{Lu}/u,
];

export function isOrganisationName(text: string): boolean {
  const t = text.trim();
  if (/\soch\s/u.test(t)) return false;
  return ORGANISATION_NAME.some((p) => p.test(t));
}

export function isBodyName(text: string): boolean {
  const t = text.trim();
  if (t.split(/\s+/u).length > 6) return false;
  const last = t.split(/\s+/u).pop() ?? '';
  return BODY_NAME.test(last) && !/^länsstyrelse/iu.test(last);
}

/** Document-type words in a title line: "Protokoll", "Sammanträdesprotokoll", "Minnesanteckningar". */
export const DOCUMENT_TYPE =
  /^(?:utdrag ur\s+)?(?:sammanträdesprotokoll|protokollsutdrag|mötesprotokoll|protokoll|minnesanteckningar|mötesanteckningar|anteckningar|justerat protokoll)(?:\s+(?:från|för|vid))?\s*[-–—:,]?\s*/iu;

/** Forums whose minutes are notes, not protocols of a decision-making body. */
export const NOTES_MARK = /minnesanteckning|mötesanteckning|^anteckningar|samverkanstid|nätverk|arbetsgrupp|referensgrupp/iu;
