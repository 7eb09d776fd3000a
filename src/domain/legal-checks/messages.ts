/**
 * The sentence of each finding in Swedish and English. They live beside the rules, not at an edge,
 * because every edge shows the same sentence: the CLI, the API's 422, the web form and the import report
 * (docs/decisions.md, "Legal checks").
 */
import type { Finding, FindingCode } from './finding.ts';

export type FindingLanguage = 'sv' | 'en';

type Values = Record<string, string | number>;
type Template = (v: Values, persons: string) => string;

const sideSv: Record<string, string> = { yes: 'ja', no: 'nej', abstain: 'avstår' };

const sv: Record<FindingCode, Template> = {
  meeting_in_future: (v) => `Sammanträdet (${v.meetingOn}) har inte hållits än; protokollet kan inte skrivas, justeras eller anslås före sammanträdet.`,
  signed_before_meeting: (v, p) => `${p} har undertecknat ${v.signedOn}, före sammanträdet ${v.meetingOn}.`,
  adjustment_late: (v) => `Protokollet justerades ${v.adjustedOn}, efter fristen ${v.deadline} (14 dagar efter sammanträdet).`,
  notice_before_adjustment: (v) => `Anslaget sattes upp ${v.postedOn}, före justeringen ${v.adjustedOn}.`,
  notice_late: (v) => `Anslaget sattes upp ${v.postedOn}, senare än andra dagen efter justeringen (${v.latestOn}).`,
  notice_taken_down_early: (v) => `Anslaget togs ned ${v.postedUntil}, före sista dag för överklagande ${v.lastAppealOn}.`,
  kallelse_missing: () => `Ingen kallelse har skickats till sammanträdet.`,
  kallelse_late: (v) => `Kallelsen skickades ${v.sentOn}; enligt reglerna skulle den ha gått ut senast ${v.latestOn} (${v.days} dagar före).`,
  quorum_not_met: (v) => `§ ${v.paragraph}: organet var inte beslutfört: ${v.voting} beslutande, minst ${v.required} behövs.`,
  vote_exceeds_voting_members: (v) => `§ ${v.paragraph}: omröstningen har ${v.votes} röster men bara ${v.voting} beslutande var närvarande.`,
  vote_roll_mismatch: (v) => `§ ${v.paragraph}: ${v.stated} ${sideSv[String(v.side)] ?? v.side} enligt protokollet, men ${v.counted} enligt den namngivna röstningen.`,
  vote_by_non_voting_person: (v, p) => `§ ${v.paragraph}: ${p} röstade men var inte beslutande vid paragrafen.`,
  voted_twice: (v, p) => `§ ${v.paragraph}: ${p} finns två gånger i omröstningen.`,
  casting_vote_without_tie: (v) => `§ ${v.paragraph}: ordförandens utslagsröst används bara vid lika röstetal (${v.yes}–${v.no}).`,
  reservation_by_non_voting_person: (v, p) => `§ ${v.paragraph}: ${p} reserverade sig men deltog inte i beslutet.`,
  disqualified_person_voted: (v, p) => `§ ${v.paragraph}: ${p} anmälde jäv men röstade.`,
  disqualified_person_unknown: (v, p) => `§ ${v.paragraph}: ${p} anmälde jäv men finns inte i närvarolistan.`,
  adjuster_not_present: (_v, p) => `Justeraren ${p} var inte närvarande vid sammanträdet.`,
  signer_not_present: (v, p) => `${p} undertecknar som ${v.role} men var inte närvarande vid sammanträdet.`,
  person_listed_twice: (_v, p) => `${p} står två gånger i närvarolistan.`,
  person_counted_twice: (_v, p) => `${p} står två gånger bland de beslutande och räknas bara en gång.`,
  substitute_serves_for_present_member: (v, p) => `§ ${v.paragraph}: ersättaren ${p} tjänstgör för ${v.member}, som själv är närvarande.`,
  paragraph_number_missing: (v) => `Punkt ${v.position} saknar paragrafnummer.`,
  paragraph_number_duplicate: (v) => `§ ${v.paragraph} förekommer två gånger.`,
  paragraph_number_not_increasing: (v) => `§ ${v.paragraph} kommer efter § ${v.previous}.`,
  paragraph_number_gap: (v) => `§ ${v.paragraph} följer § ${v.previous}; ${v.missing} saknas.`,
  paragraph_number_not_continuous: (v) => `Första paragrafen är § ${v.paragraph}, men organets senaste paragraf i år är § ${v.previous}.`,
  paragraph_number_used_earlier_in_year: (v) => `§ ${v.paragraph} finns redan i ett tidigare protokoll samma år.`,
  paragraph_range_mismatch: (v) => `Protokollet anger §§ ${v.statedFirst}–${v.statedLast} men innehåller §§ ${v.first}–${v.last}.`,
};

const en: Record<FindingCode, Template> = {
  meeting_in_future: (v) => `The meeting (${v.meetingOn}) has not taken place yet; its minutes cannot be written, adjusted or posted before it.`,
  signed_before_meeting: (v, p) => `${p} signed on ${v.signedOn}, before the meeting on ${v.meetingOn}.`,
  adjustment_late: (v) => `The minutes were adjusted on ${v.adjustedOn}, after the deadline ${v.deadline} (14 days after the meeting).`,
  notice_before_adjustment: (v) => `The notice was posted on ${v.postedOn}, before the justering on ${v.adjustedOn}.`,
  notice_late: (v) => `The notice was posted on ${v.postedOn}, later than the second day after justering (${v.latestOn}).`,
  notice_taken_down_early: (v) => `The notice came down on ${v.postedUntil}, before the last day of appeal ${v.lastAppealOn}.`,
  kallelse_missing: () => `No kallelse has been sent for the meeting.`,
  kallelse_late: (v) => `The kallelse was sent on ${v.sentOn}; the rules required it by ${v.latestOn} (${v.days} days before).`,
  quorum_not_met: (v) => `§ ${v.paragraph}: the body was not quorate: ${v.voting} voting, at least ${v.required} needed.`,
  vote_exceeds_voting_members: (v) => `§ ${v.paragraph}: the vote has ${v.votes} votes but only ${v.voting} voting members were present.`,
  vote_roll_mismatch: (v) => `§ ${v.paragraph}: the minutes state ${v.stated} ${v.side} but the roll call has ${v.counted}.`,
  vote_by_non_voting_person: (v, p) => `§ ${v.paragraph}: ${p} voted but was not a voting member at this §.`,
  voted_twice: (v, p) => `§ ${v.paragraph}: ${p} appears twice in the vote.`,
  casting_vote_without_tie: (v) => `§ ${v.paragraph}: the chair's casting vote applies only to a tie (${v.yes}–${v.no}).`,
  reservation_by_non_voting_person: (v, p) => `§ ${v.paragraph}: ${p} entered a reservation but did not take part in the decision.`,
  disqualified_person_voted: (v, p) => `§ ${v.paragraph}: ${p} declared a conflict of interest (jäv) but voted.`,
  disqualified_person_unknown: (v, p) => `§ ${v.paragraph}: ${p} declared jäv but is not in the attendance list.`,
  adjuster_not_present: (_v, p) => `The adjuster ${p} was not present at the meeting.`,
  signer_not_present: (v, p) => `${p} signs as ${v.role} but was not present at the meeting.`,
  person_listed_twice: (_v, p) => `${p} is listed twice in the attendance.`,
  person_counted_twice: (_v, p) => `${p} is listed twice among the voting members and counts once.`,
  substitute_serves_for_present_member: (v, p) => `§ ${v.paragraph}: the substitute ${p} serves for ${v.member}, who is present.`,
  paragraph_number_missing: (v) => `Item ${v.position} has no § number.`,
  paragraph_number_duplicate: (v) => `§ ${v.paragraph} appears twice.`,
  paragraph_number_not_increasing: (v) => `§ ${v.paragraph} comes after § ${v.previous}.`,
  paragraph_number_gap: (v) => `§ ${v.paragraph} follows § ${v.previous}; ${v.missing} missing.`,
  paragraph_number_not_continuous: (v) => `The first § is ${v.paragraph}, but the body's last § this year is ${v.previous}.`,
  paragraph_number_used_earlier_in_year: (v) => `§ ${v.paragraph} is already in earlier minutes of the same year.`,
  paragraph_range_mismatch: (v) => `The minutes state §§ ${v.statedFirst}–${v.statedLast} but contain §§ ${v.first}–${v.last}.`,
};

/** The finding as one sentence in the language asked for, naming its § and people. */
export function describeFinding(f: Finding, language: FindingLanguage = 'sv'): string {
  const persons = f.persons.join(language === 'sv' ? ' och ' : ' and ');
  return (language === 'sv' ? sv : en)[f.code](f.values, persons);
}
