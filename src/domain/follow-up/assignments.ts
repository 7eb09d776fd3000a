/**
 * Uppdrag (assignments) read from the decisions of a §: who is to do what, and by when it comes back
 * (återrapportering). Auditors find many decisions never reported back, so every assignment the text
 * gives is proposed for the register; the secretary confirms it.
 */
import type { MinutesItem } from '../minutes.ts';
import { findDate, lastDayOfMonth, MONTH_NAME_PATTERN, monthOfName, nextMonthNamed, type YearMonth } from './swedish-dates.ts';

/** A proposed uppdrag, with the values as the decision writes them; what it does not say is null. */
export interface AssignmentProposal {
  /** Index of the decision point (att-sats) in `item.decisions`. */
  decisionIndex: number;
  /** Who got the assignment (uppdragstagare), as written: "Förbundschefen", "kansliet". */
  assignee: string | null;
  /** The decision point as written. */
  description: string;
  /** The body or meeting to report back to, as written ("Kommundirektörerna", "styrelsen"). */
  reportTo: string | null;
  /** Due by this date (återrapporteras 2024-12-09). */
  dueOn: string | null;
  /** Due at the body's meeting in this month ("till sammanträdet i november"). */
  dueMonth: YearMonth | null;
}

const meetingWords = '(?:sammanträde(?:t)?|möte(?:t)?|styrelsemöte(?:t)?|styrelsesammanträde(?:t)?|förbundsmöte(?:t)?|sammanträde)';

/** Assignment phrasings: the assignee group is named `who`. */
const assignmentPatterns: RegExp[] = [
  // "Förbundschefen får i uppdrag att …", "Kansliet ges i uppdrag att …", "X fick uppdraget att …"
  /^(?<who>.+?)\s+(?:får|ges|gavs|fick|erhåller)\s+(?:i\s+)?uppdrag(?:et)?\s+(?:att|med att|om att)\b/i,
  // "uppdra åt förbundschefen att …", "Styrelsen uppdrar åt kansliet att …"
  /\buppdra(?:r|s|de)?\s+(?:åt|till)\s+(?<who>.+?)\s+att\b/i,
  // "ge förbundschefen i uppdrag att …", "Styrelsen ger kansliet i uppdrag att …"
  /\b(?:ge|ger|gav)\s+(?<who>(?!i\s+uppdrag).+?)\s+i\s+uppdrag\s+att\b/i,
  // "ge i uppdrag åt förvaltningen att …"
  /\bi\s+uppdrag\s+åt\s+(?<who>.+?)\s+att\b/i,
  // "Förbundschefen uppdras att …"
  /^(?<who>.+?)\s+uppdras\s+att\b/i,
  // "Kansliet ska återkomma till styrelsen med …", "Förbundschefen ska återrapportera …"
  /^(?<who>[^,;]+?)\s+(?:ska|skall)\s+(?:återkomma|återrapportera|redovisa|rapportera)\b/i,
];

/** A decision that only sets when something comes back: "Underlaget återrapporteras till styrelsen 2024-12-09." */
const reportBackPattern = /(?:^|\s)(?:åter)?rapporter(?:as|a)\s+(?:till|för|vid)\s+(?<to>.+)$|(?:^|\s)redovisas\s+(?:för|till|vid)\s+(?<to2>.+)$|(?:^|\s)återkomma\s+till\s+(?<to3>.+)$/i;

/** Phrases that begin a decision without belonging to it. */
const leadIns = /^(?:(?:styrelsen|nämnden|förbundsstyrelsen|direktionen|fullmäktige|utskottet|[a-zåäö]+styrelsen|[a-zåäö]+nämnden)\s+beslutar\s+(?:att\s+)?|att\s+|-\s+)/i;

/** Uppdrag proposed from the decisions of one §, in decision order. */
export function proposeAssignments(item: Pick<MinutesItem, 'decisions'>, meetingOn: string | null): AssignmentProposal[] {
  const proposals: AssignmentProposal[] = [];
  item.decisions.forEach((decision, decisionIndex) => {
    const text = decision.replace(leadIns, '').trim();
    const who = assigneeOf(text);
    const due = dueOf(text, meetingOn);
    if (who !== null) {
      proposals.push({ decisionIndex, assignee: who, description: decision, ...due });
      return;
    }
    if (!reportBackPattern.test(text) || (due.dueOn === null && due.dueMonth === null)) return;
    // A decision that only says when it comes back completes the assignment just before it in the §.
    const previous = proposals[proposals.length - 1];
    if (previous && previous.dueOn === null && previous.dueMonth === null) {
      Object.assign(previous, { dueOn: due.dueOn, dueMonth: due.dueMonth, reportTo: previous.reportTo ?? due.reportTo });
      return;
    }
    proposals.push({ decisionIndex, assignee: null, description: decision, ...due });
  });
  return proposals;
}

/** Who the decision gives an assignment to, as written, or null when it gives none. */
export function assigneeOf(decisionText: string): string | null {
  const text = decisionText.replace(leadIns, '').trim();
  for (const pattern of assignmentPatterns) {
    const match = pattern.exec(text);
    const who = match?.groups?.who?.trim();
    if (who && who.split(/\s+/).length <= 8) return who.replace(/^(?:att\s+)/i, '');
  }
  return null;
}

/** When the decision says the assignment is due: a date, or the body's meeting in a month. */
export function dueOf(text: string, meetingOn: string | null): Pick<AssignmentProposal, 'dueOn' | 'dueMonth' | 'reportTo'> {
  const reportTo = reportToOf(text);
  const monthMeeting =
    new RegExp(`\\b(?:till|vid|inför|på|senast\\s+(?:till|vid))\\s+(?:\\S+s\\s+)?${meetingWords}\\s+i\\s+(${MONTH_NAME_PATTERN})(?:\\s+(\\d{4}))?`, 'i').exec(text) ??
    new RegExp(`\\b(?:till|vid|inför|på)\\s+(${MONTH_NAME_PATTERN})(?:sammanträdet|mötet|styrelsen)(?:\\s+(\\d{4}))?`, 'i').exec(text) ??
    new RegExp(`\\bsenast\\s+(?:i\\s+)?(${MONTH_NAME_PATTERN})(?:\\s+(\\d{4}))?\\b(?!\\s*\\d)`, 'i').exec(text);
  const date = findDate(text, meetingOn);
  if (date) return { dueOn: date, dueMonth: null, reportTo };
  if (monthMeeting) {
    const month = monthOfName(monthMeeting[1]!)!;
    const dueMonth: YearMonth | null = monthMeeting[2]
      ? { year: Number(monthMeeting[2]), month }
      : meetingOn
        ? nextMonthNamed(month, meetingOn)
        : null;
    return { dueOn: null, dueMonth, reportTo };
  }
  return { dueOn: null, dueMonth: null, reportTo };
}

function reportToOf(text: string): string | null {
  const match = reportBackPattern.exec(text);
  const rest = match?.groups?.to ?? match?.groups?.to2 ?? match?.groups?.to3;
  if (!rest) return null;
  const to = rest
    .split(/\s+(?:senast|den|med|i|under|vid|före|efter|\d)/i)[0]!
    .replace(/[.,;]+$/, '')
    .trim();
  return to || null;
}

/**
 * The last day an assignment may be reported back: its date, or the last day of the month of the
 * meeting it is due at.
 */
export function assignmentDeadline(proposal: Pick<AssignmentProposal, 'dueOn' | 'dueMonth'>): string | null {
  if (proposal.dueOn) return proposal.dueOn;
  return proposal.dueMonth ? lastDayOfMonth(proposal.dueMonth) : null;
}

/** Whether an open assignment is overdue (försenat) on `today`: its deadline has passed. */
export function isAssignmentOverdue(assignment: { status: string; dueOn: string | null }, today: string): boolean {
  return assignment.status === 'open' && assignment.dueOn !== null && assignment.dueOn < today;
}

/** The decision of a report-back item on the agenda, as the body usually takes it. */
export const REPORT_BACK_DECISION = 'Återrapporteringen läggs till handlingarna.';

const REPORT_BACK_TITLE_LENGTH = 120;

/**
 * The agenda item of an återrapportering written in the register: its title names the assignment (cut at
 * a word when long), and the document attached to it is named after the item.
 */
export function reportBackAgendaItem(assignment: { assignee: string | null; description: string }): { title: string; documentTitle: string } {
  const what = assignment.description.trim().replace(/[.;]\s*$/, '');
  const short = what.length <= REPORT_BACK_TITLE_LENGTH ? what : `${what.slice(0, what.lastIndexOf(' ', REPORT_BACK_TITLE_LENGTH)).trimEnd()} …`;
  return { title: `Återrapportering: ${short}`, documentTitle: 'Återrapportering' };
}
