/**
 * Party abbreviations. Minutes write them in parentheses after a name ("Anna Ek (S)"); local parties use
 * their own letters, so any short capitalised token in parentheses is accepted as a party, and this list
 * only serves where there are no parentheses (a "Parti" column) or to tell a party from a stray word.
 */
export const KNOWN_PARTIES = new Set([
  'S', 'M', 'C', 'V', 'L', 'KD', 'MP', 'SD', 'FP', 'FI', 'PP', 'KV', 'SPI', 'VV', 'ÖP', 'NP', 'LPo', 'SJVP', 'SP',
  'Kd', 'Mp', 'Fp', 'Sd', 'Kv', 'Vv',
]);

/** A token that can be a party written in parentheses: one to five letters, starting with a capital. */
const PARTY_TOKEN = /^\p{Lu}[\p{Lu}\p{Ll}]{0,4}$/u;

/** Words in parentheses that are not parties although they look like one. */
const NOT_PARTIES = new Set(['Ordf', 'Sekr', 'Ers', 'Led', 'Ja', 'Nej', 'Jäv', 'Bil', 'Dnr', 'Se', 'Via', 'Ej']);

export function isPartyToken(token: string): boolean {
  if (KNOWN_PARTIES.has(token)) return true;
  // Some secretaries write parties in lower case: "Anna Ek (s)", "Bo Al (kd)".
  if (/^\p{Ll}{1,3}$/u.test(token) && KNOWN_PARTIES.has(token.toUpperCase())) return true;
  if (NOT_PARTIES.has(token)) return false;
  // A capitalised ordinary word ("Teams", "Kvalitet") is not a party; real abbreviations are mostly capitals.
  return PARTY_TOKEN.test(token) && (token === token.toUpperCase() || token.length <= 2);
}

/** A party abbreviation from the list, for a party written without parentheses ("Anna Ek, S, Kvarnby"). */
export function isKnownParty(token: string): boolean {
  return KNOWN_PARTIES.has(token);
}
