/**
 * Verksamhetsberättelse: the annual activity report drafted from the year's meetings and registers, in
 * the structure Swedish förbund use (styrelsens arbete, representation, then each area with its goals).
 * The draft is plain sections the secretary edits; paragraphs are separated by a blank line and a line
 * starting with "- " is a list item.
 */

/** One editable section (avsnitt) of the report. */
export interface AnnualReportSection {
  heading: string;
  text: string;
}

/** The report as the renderers draw it. */
export interface AnnualReportContent {
  organizationName: string;
  year: number;
  /** draft | decided */
  status: string;
  sections: AnnualReportSection[];
}

/** What the draft is built from: one year of an organisation's meetings and registers. */
export interface AnnualReportFacts {
  organizationName: string;
  year: number;
  /** Decision-making bodies and how often they met (digitally). */
  bodies: { name: string; meetings: number; remoteMeetings: number; decisions: number }[];
  consultationsAnswered: { title: string; sender: string }[];
  /** Representation in force during the year. */
  appointments: { externalBody: string; personName: string; role: 'ordinary' | 'substitute' }[];
  assignments: { given: number; reported: number; open: number; overdue: number };
  delegatedDecisionsReported: number;
  areas: AnnualReportArea[];
}

/** Verksamhetsområde: its goals with the year's follow-ups, decisions and assignments. */
export interface AnnualReportArea {
  area: string;
  goals: {
    title: string;
    description: string | null;
    indicators: {
      title: string;
      unit: string | null;
      targetValue: string | null;
      followUps: { period: string; value: string | null; comment: string | null }[];
    }[];
  }[];
  decisions: { bodyName: string; heldOn: string | null; number: number | null; title: string; decision: string }[];
  assignments: { assignee: string | null; description: string; status: string; dueOn: string | null }[];
}

const numberWords = ['noll', 'ett', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio', 'tio', 'elva', 'tolv'];

/** A count as Swedish prose writes it: words up to twelve ("nio möten"), digits above. */
export function countInWords(count: number, gender: 'ett' | 'en' = 'ett'): string {
  if (count === 1) return gender;
  return count >= 0 && count < numberWords.length ? numberWords[count]! : String(count);
}

const swedishList = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]!}`;

/** The editable sections of a verksamhetsberättelse drawn from the year's facts. */
export function draftAnnualReportSections(facts: AnnualReportFacts): AnnualReportSection[] {
  const sections: AnnualReportSection[] = [];
  const work: string[] = [];
  for (const body of facts.bodies) {
    const meetings = `${countInWords(body.meetings, 'ett')} ${body.meetings === 1 ? 'möte' : 'möten'}`;
    const digital =
      body.remoteMeetings === 0
        ? ''
        : body.remoteMeetings === body.meetings
          ? ', samtliga digitala'
          : `, varav ${countInWords(body.remoteMeetings, 'ett')} ${body.remoteMeetings === 1 ? 'digitalt' : 'digitala'}`;
    work.push(`${body.name} har under ${facts.year} haft ${meetings}${digital} och fattat beslut i ${body.decisions} ärenden.`);
  }
  if (facts.consultationsAnswered.length) {
    const n = facts.consultationsAnswered.length;
    work.push(
      `Styrelsen har besvarat ${countInWords(n, 'en')} ${n === 1 ? 'remiss' : 'remisser'} (${swedishList(facts.consultationsAnswered.map((c) => c.title))}).`,
    );
  }
  const a = facts.assignments;
  if (a.given > 0) {
    work.push(
      `Under året har ${a.given} uppdrag lämnats i beslut; ${a.reported} har återrapporterats, ${a.open} är pågående` +
        (a.overdue ? `, varav ${a.overdue} försenade.` : '.'),
    );
  }
  if (facts.delegatedDecisionsReported > 0) {
    work.push(`${facts.delegatedDecisionsReported} delegationsbeslut har anmälts till styrelsen.`);
  }
  sections.push({ heading: 'Styrelsens arbete', text: work.join('\n\n') || `Inga sammanträden finns registrerade för ${facts.year}.` });

  const byBody = new Map<string, { ordinary: string[]; substitute: string[] }>();
  for (const appointment of facts.appointments) {
    const entry = byBody.get(appointment.externalBody) ?? { ordinary: [], substitute: [] };
    entry[appointment.role].push(appointment.personName);
    byBody.set(appointment.externalBody, entry);
  }
  const representation = [...byBody.entries()].map(
    ([externalBody, people]) => `- ${externalBody} – ${[...people.ordinary, ...people.substitute.map((name) => `${name} (ersättare)`)].join(', ')}`,
  );
  sections.push({
    heading: 'Styrelsens representation och externa politiska uppdrag',
    text: representation.length ? representation.join('\n') : 'Inga uppdrag finns registrerade.',
  });

  for (const area of facts.areas) {
    const parts: string[] = [];
    for (const goal of area.goals) {
      parts.push(`Mål: ${goal.title}`);
      if (goal.description) parts.push(goal.description);
      for (const indicator of goal.indicators) {
        const target = indicator.targetValue ? ` (målvärde ${indicator.targetValue}${indicator.unit ? ` ${indicator.unit}` : ''})` : '';
        const values = indicator.followUps.map(
          (f) => `- ${f.period}: ${f.value ?? '–'}${f.value && indicator.unit ? ` ${indicator.unit}` : ''}${f.comment ? `. ${f.comment}` : ''}`,
        );
        parts.push([`Indikator: ${indicator.title}${target}`, ...(values.length ? values : ['- Ingen uppföljning registrerad.'])].join('\n'));
      }
    }
    if (area.decisions.length) {
      parts.push(
        ['Beslut under året:', ...area.decisions.map((d) => `- ${d.bodyName} ${d.heldOn ?? ''} § ${d.number ?? '–'} ${d.title}: ${d.decision}`.replace(/\s{2,}/g, ' '))].join(
          '\n',
        ),
      );
    }
    if (area.assignments.length) {
      const statusText = (status: string) => (status === 'reported' ? 'återrapporterat' : status === 'open' ? 'pågår' : status);
      parts.push(
        [
          'Uppdrag:',
          ...area.assignments.map(
            (x) => `- ${x.assignee && !x.description.startsWith(x.assignee) ? `${x.assignee}: ` : ''}${x.description} (${statusText(x.status)}${x.dueOn ? `, senast ${x.dueOn}` : ''})`,
          ),
        ].join('\n'),
      );
    }
    sections.push({ heading: area.area, text: parts.join('\n\n') });
  }
  return sections;
}
