/**
 * Representation: appointments of persons to external bodies, read from election §§ ("utse X som
 * ordinarie och Y som ersättare i Z", "X väljs till ledamot i Z för perioden 2019–2022", fyllnadsval,
 * entledigande), and the rules of a term.
 */
import { InputError, type Problem } from '../../errors.ts';
import type { MinutesItem } from '../minutes.ts';
import { isIsoDate } from '../legal-dates.ts';
import { findDate } from './swedish-dates.ts';

/** Ordinarie or ersättare in the external body. */
export type AppointmentRole = 'ordinary' | 'substitute';

/** Mandattid: the term of an appointment, as far as the decision states it. */
export interface Term {
  startsOn: string | null;
  endsOn: string | null;
}

/** A proposed appointment (val) or release (entledigande), values as written; unknown is null. */
export interface AppointmentProposal extends Term {
  /** `appoint` for a val or fyllnadsval, `release` for an entledigande. */
  kind: 'appoint' | 'release';
  decisionIndex: number;
  personName: string;
  /** Party letters written after the name ("(S)"), or null. */
  party: string | null;
  externalBody: string;
  role: AppointmentRole;
  /** The role as written: "ordinarie", "ledamot", "vice ordförande", "ersättare". */
  roleAsWritten: string | null;
  /** Fyllnadsval: the appointment fills a seat someone left. */
  fillIn: boolean;
  /** Who the fyllnadsval replaces, when the § names them ("X ersätter Y"). */
  replacesName: string | null;
}

const roleWords =
  '(?:ordinarie(?:\\s+ledamot|\\s+ledamöter|\\s+representant(?:er)?)?|ledamot|ledamöter|styrelseledamot|ersättare|suppleant(?:er)?|ordförande|vice\\s+ordförande|representant(?:er)?|ombud|revisor(?:er)?|rapportör|adjungerad)';
/** Internal roles of the meeting itself, which are not representation. */
const notRepresentation = /\b(?:justera|justerare|justeringsperson|rösträknare|protokollet|dagens\s+sammanträde|mötesordförande|mötessekreterare|sekreterare\s+för\s+(?:mötet|sammanträdet)|ordförande\s+för\s+(?:mötet|sammanträdet|dagen))/i;
const leadIns = /^(?:(?:[a-zåäö]*styrelsen|[a-zåäö]*nämnden|direktionen|fullmäktige|förbundsmötet|utskottet)\s+(?:beslutar|beslutade)\s+(?:att\s+)?|att\s+|-\s+)/i;

/** Appointments and releases proposed from the decisions of one election §. */
export function proposeAppointments(item: Pick<MinutesItem, 'title' | 'decisions' | 'text'>, meetingOn: string | null): AppointmentProposal[] {
  const context = `${item.title} ${item.text ?? ''}`;
  const fillIn = /fyllnads+val/i.test(context);
  const proposals: AppointmentProposal[] = [];
  item.decisions.forEach((decision, decisionIndex) => {
    const sentence = decision.replace(leadIns, '').replace(/[.;]\s*$/, '').trim();
    if (notRepresentation.test(sentence)) return;
    const { term, rest } = takeTerm(sentence, meetingOn);
    const release = releaseOf(rest);
    if (release) {
      proposals.push({ kind: 'release', decisionIndex, ...release, ...term, fillIn: false, replacesName: null });
      return;
    }
    for (const person of electedIn(rest)) {
      proposals.push({
        kind: 'appoint',
        decisionIndex,
        ...person,
        ...term,
        fillIn: fillIn || /fyllnads+val/i.test(sentence),
        replacesName: replacedBy(person.personName, item.text ?? ''),
      });
    }
  });
  return proposals;
}

interface Elected {
  personName: string;
  party: string | null;
  externalBody: string;
  role: AppointmentRole;
  roleAsWritten: string | null;
}

/** The persons a sentence elects, with their roles and the external body. */
function electedIn(sentence: string): Elected[] {
  // "utse A som ordinarie och B som ersättare i Z", "Styrelsen väljer A till ledamot i Z"
  const verbFirst = /\b(?:utse|utser|utsåg|välja|väljer|valde|förordna|förordnar|nominera|nominerar|utnämna|utnämner)\s+(?!till\b)(.+)$/i.exec(sentence);
  if (verbFirst) return splitPeople(verbFirst[1]!);
  // "A väljs till ledamot i Z", "A och B utses till ersättare i Z"
  const personFirst = /^(.+?)\s+(?:utses|väljs|väljes|valdes|förordnas|nomineras|utnämns)\s+(?:till|som)\s+(.+)$/i.exec(sentence);
  if (personFirst) return splitPeople(`${personFirst[1]!} som ${personFirst[2]!}`);
  // "Till ledamot i Z utses A och till ersättare B"
  const roleFirst = /^(?:till|som)\s+(.+?)\s+(?:utses|väljs|väljes|valdes|förordnas|nomineras)\s+(.+)$/i.exec(sentence);
  if (roleFirst) {
    const roleAndBody = splitRoleAndBody(roleFirst[1]!);
    if (!roleAndBody) return [];
    const [firstPeople, ...others] = roleFirst[2]!.split(/\s+och\s+(?:till|som)\s+/i);
    const list: Elected[] = peopleNamed(firstPeople!).map((p) => ({ ...p, ...roleAndBody }));
    for (const other of others) {
      const match = new RegExp(`^(${roleWords})\\s+(.+)$`, 'i').exec(other);
      if (!match) continue;
      for (const p of peopleNamed(match[2]!)) list.push({ ...p, externalBody: roleAndBody.externalBody, ...roleOf(match[1]!) });
    }
    return list;
  }
  return [];
}

/** "A som ordinarie och B som ersättare i Z" → A and B, each with a role, in Z. */
function splitPeople(text: string): Elected[] {
  const bodyMatch = new RegExp(`^(.*\\b${roleWords})\\s+(?:i|till|för|inom|vid|hos)\\s+(.+)$`, 'i').exec(text);
  if (!bodyMatch) return [];
  const externalBody = bodyMatch[2]!.trim();
  const pieces = bodyMatch[1]!.split(/\s*,\s*|\s+och\s+|\s+samt\s+/i).filter(Boolean);
  const parsed = pieces.map((piece) => {
    const match = new RegExp(`^(.+?)\\s+(?:som|till)\\s+(${roleWords})$`, 'i').exec(piece);
    return match ? { who: match[1]!, role: match[2]! } : { who: piece, role: null as string | null };
  });
  // "A och B som ersättare": a name without a role takes the role written after it.
  for (let i = parsed.length - 2; i >= 0; i--) if (parsed[i]!.role === null) parsed[i]!.role = parsed[i + 1]!.role;
  return parsed.flatMap(({ who, role }) =>
    peopleNamed(who).map((p) => ({ ...p, externalBody, ...(role ? roleOf(role) : { role: 'ordinary' as const, roleAsWritten: null }) })),
  );
}

function splitRoleAndBody(text: string): { externalBody: string; role: AppointmentRole; roleAsWritten: string } | null {
  const match = new RegExp(`^(${roleWords})\\s+(?:i|till|för|inom|vid|hos)\\s+(.+)$`, 'i').exec(text.trim());
  return match ? { externalBody: match[2]!.trim(), ...roleOf(match[1]!) } : null;
}

function roleOf(written: string): { role: AppointmentRole; roleAsWritten: string } {
  const roleAsWritten = written.trim().replace(/\s+/g, ' ');
  return { role: /ersättare|suppleant/i.test(roleAsWritten) ? 'substitute' : 'ordinary', roleAsWritten };
}

/** Names as written, without party letters: "Anna Ek (S)" → Anna Ek, party S. Text that is not a name gives nothing. */
function peopleNamed(text: string): { personName: string; party: string | null }[] {
  const trimmed = text.trim().replace(/^(?:att\s+)/i, '');
  const match = /^(.+?)\s*\(([A-ZÅÄÖa-zåäö]{1,4})\)$/.exec(trimmed);
  const personName = (match ? match[1]! : trimmed).trim();
  // A name is capitalised words; "representanter från kommunerna" is not a person.
  if (!/^[A-ZÅÄÖÉ][\p{L}'-]+(?:\s+(?:[A-ZÅÄÖÉ][\p{L}'-]+|af|von|de|van))+$/u.test(personName)) return [];
  return [{ personName, party: match ? match[2]! : null }];
}

/** "A entledigas från uppdraget som ersättare i Z", "entlediga A från sitt uppdrag som ledamot i Z". */
function releaseOf(sentence: string): Omit<Elected, never> | null {
  const match =
    /^(.+?)\s+entledigas\s+från\s+(?:sitt\s+|sina\s+)?(?:uppdrag(?:et)?\s+)?(?:som\s+)?(.+)$/i.exec(sentence) ??
    /\bentlediga\s+(.+?)\s+från\s+(?:sitt\s+|sina\s+)?(?:uppdrag(?:et)?\s+)?(?:som\s+)?(.+)$/i.exec(sentence);
  if (!match) return null;
  const [person] = peopleNamed(match[1]!);
  if (!person) return null;
  const roleAndBody = splitRoleAndBody(match[2]!);
  const externalBody = roleAndBody?.externalBody ?? match[2]!.replace(/^(?:i|till|för|inom|vid|hos)\s+/i, '').trim();
  return {
    ...person,
    externalBody,
    role: roleAndBody?.role ?? 'ordinary',
    roleAsWritten: roleAndBody?.roleAsWritten ?? null,
  };
}

/** Who the newly elected person replaces, when the § says so: "X ersätter Y", "X efterträder Y". */
function replacedBy(personName: string, text: string): string | null {
  const escaped = personName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const name = "[A-ZÅÄÖÉ][\\p{L}'-]+(?:\\s+[A-ZÅÄÖÉ][\\p{L}'-]+)+";
  const match = new RegExp(`${escaped}\\s+(?:ersätter|efterträder)\\s+(${name})`, 'u').exec(text);
  return match ? match[1]! : null;
}

/** The term a sentence states, and the sentence without it. */
function takeTerm(sentence: string, meetingOn: string | null): { term: Term; rest: string } {
  let rest = sentence;
  let startsOn: string | null = null;
  let endsOn: string | null = null;
  const period = /\s*,?\s*(?:för|under)\s+(?:perioden|mandatperioden|tiden)\s+(?:(?:fr\.?\s*o\.?\s*m\.?|från(?:\s+och\s+med)?)\s+)?(\d{4}(?:-\d{2}-\d{2})?)\s*(?:[–—-]|till(?:\s+och\s+med)?|t\.?\s*o\.?\s*m\.?)\s*(\d{4}(?:-\d{2}-\d{2})?)/i.exec(rest);
  if (period) {
    startsOn = period[1]!.length === 4 ? `${period[1]}-01-01` : period[1]!;
    endsOn = period[2]!.length === 4 ? `${period[2]}-12-31` : period[2]!;
    rest = rest.replace(period[0], '');
  }
  const from = /\s*,?\s*(?:fr\.?\s*o\.?\s*m\.?|från\s+och\s+med|från)\s+(\d{4}-\d{2}-\d{2}|\d{1,2}\s+\p{L}+\s+\d{4})/iu.exec(rest);
  if (from) {
    startsOn = findDate(from[1]!, meetingOn);
    rest = rest.replace(from[0], '');
  }
  const until = /\s*,?\s*(?:t\.?\s*o\.?\s*m\.?|till\s+och\s+med|längst\s+till|intill)\s+(\d{4}-\d{2}-\d{2}|\d{1,2}\s+\p{L}+\s+\d{4}|\d{4})/iu.exec(rest);
  if (until) {
    endsOn = /^\d{4}$/.test(until[1]!) ? `${until[1]}-12-31` : findDate(until[1]!, meetingOn);
    rest = rest.replace(until[0], '');
  }
  rest = rest.replace(/\s*,?\s*(?:för|under)\s+(?:den\s+)?(?:återstående|resterande)\s+(?:delen\s+av\s+)?(?:mandatperioden|mandattiden|perioden)/i, '');
  return { term: { startsOn, endsOn }, rest: rest.trim() };
}

/**
 * Refuses a term that ends before it starts or has a date that is not a date (InputError with
 * `term_ends_before_start` or `invalid_date`, paths under `path`).
 */
export function checkTerm(term: Term, path = ''): void {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  const problems: Problem[] = [];
  for (const field of ['startsOn', 'endsOn'] as const) {
    const value = term[field];
    if (value !== null && !isIsoDate(value)) problems.push({ path: at(field), code: 'invalid_date', message: `expected a date YYYY-MM-DD, got '${value}'` });
  }
  if (problems.length === 0 && term.startsOn && term.endsOn && term.endsOn < term.startsOn) {
    problems.push({ path: at('endsOn'), code: 'term_ends_before_start', message: `the term ends (${term.endsOn}) before it starts (${term.startsOn})` });
  }
  if (problems.length) throw new InputError(problems);
}

/** Whether an appointment is in force on a day (inclusive of both ends; unknown ends are open). */
export function isAppointmentActiveOn(appointment: Term & { status: string }, on: string): boolean {
  if (appointment.status === 'proposed') return false;
  return (appointment.startsOn === null || appointment.startsOn <= on) && (appointment.endsOn === null || appointment.endsOn >= on);
}
