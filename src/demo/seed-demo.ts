/**
 * Fills an empty database with the demo förbund through the same use cases the secretary uses: the
 * registers, a year of board meetings with kallelse, roll-call, §§, votes, finalising, signatures and
 * notices, a meeting awaiting signatures, a planned meeting, a network's notes, the project portfolio and
 * demo accounts.
 */
import { addDays, isNonWorkingDay } from '../domain/legal-dates.ts';
import type { Minutes } from '../domain/minutes.ts';
import { createUser, grantRole } from '../services/accounts.service.ts';
import {
  addAgendaItem,
  addMandate,
  createBody,
  createOrganization,
  createPerson,
  finaliseMinutes,
  getMeetingOverview,
  planMeeting,
  recordAttendance,
  sendMeetingNotice,
  signMinutes,
  updateParagraph,
  type Actor,
} from '../services/meeting-cycle.service.ts';
import { confirmAllProposals, proposeFollowUp, registerDelegatedDecision } from '../services/follow-up.service.ts';
import { saveMinutes } from '../services/minutes.service.ts';
import type { DatabaseHandle } from '../services/system.service.ts';
import { createProject, linkProjectDecision } from '../services/projects.service.ts';
import { BOARD_MEETINGS, BOARD_MEMBERS, DELEGATED_DECISIONS, DEMO_PROJECTS, DIRECTOR, FORBUND, MUNICIPALITIES, NETWORK, NEXT_MEETING_CASES, SECRETARY, type DemoCase } from './fictional-forbund.ts';

/** The password of every demo account (it is a demo: the data is fictional and local). */
export const DEMO_PASSWORD = 'demo-protokoll-2026';

export interface DemoAccount {
  email: string;
  name: string;
  what: string;
}

export interface DemoResult {
  accounts: DemoAccount[];
  organizationId: string;
  boardId: string;
  /** The meeting whose minutes await the chair's and the adjuster's signatures. */
  awaitingSignatureMeetingId: string;
  plannedMeetingId: string;
}

/** A weekday on or before the date, so that meetings fall on working days. */
function weekdayOnOrBefore(date: string): string {
  let day = date;
  while (isNonWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/** An instant on a Swedish calendar date at a local time (summer or winter time handled by the offset guess). */
function at(date: string, time: string): Date {
  const month = Number(date.slice(5, 7));
  const offset = month >= 4 && month <= 10 ? '+02:00' : '+01:00';
  return new Date(`${date}T${time}:00${offset}`);
}

export async function seedDemo(handle: DatabaseHandle, options: { today: string }): Promise<DemoResult> {
  const db = handle.db;
  const { today } = options;
  const termStart = `${Number(today.slice(0, 4)) - 2}-01-01`;

  const municipalities = new Map<string, string>();
  for (const name of MUNICIPALITIES) {
    municipalities.set(name, (await createOrganization(db, { name, organizationType: 'municipal' })).id);
  }
  const forbund = await createOrganization(db, {
    name: FORBUND.name,
    shortName: FORBUND.shortName,
    organizationType: 'kommunalforbund',
    minutesStorage: FORBUND.minutesStorage,
  });
  const board = await createBody(db, { organizationId: forbund.id, name: 'Förbundsdirektionen', bodyKind: 'board', decisionMaking: true, seats: 7 });
  const network = await createBody(db, { organizationId: forbund.id, name: NETWORK.name, bodyKind: 'network', decisionMaking: false });

  const personIds = new Map<string, string>();
  for (const member of BOARD_MEMBERS) {
    const person = await createPerson(db, { name: member.name, email: member.email });
    personIds.set(member.name, person.id);
    await addMandate(db, {
      bodyId: board.id,
      personId: person.id,
      role: member.role,
      party: member.party,
      viceChairRank: member.role === 'vice-chair' ? 1 : null,
      substituteRank: member.substituteRank ?? null,
      appointedById: municipalities.get(member.appointedBy) ?? null,
      startsOn: termStart,
    });
  }
  const secretary = await createPerson(db, { name: SECRETARY.name, email: SECRETARY.email });
  const director = await createPerson(db, { name: DIRECTOR.name });
  const actor: Actor = { personId: secretary.id, name: SECRETARY.name };
  const personOf = (name: string) => personIds.get(name)!;

  const ordinary = BOARD_MEMBERS.filter((m) => m.role !== 'substitute');
  const adjusterRotation = ordinary.filter((m) => m.role !== 'chair');
  const chair = BOARD_MEMBERS.find((m) => m.role === 'chair')!;

  // Six meetings over the past year: the fifth was adjusted days ago (its notice is on the board), the
  // sixth is finalised and waits for signatures.
  const offsets = [-320, -250, -180, -110, -14, -4];
  for (const decision of DELEGATED_DECISIONS) {
    const { daysFromToday, ...rest } = decision;
    await registerDelegatedDecision(db, { bodyId: board.id, ...rest, decidedOn: weekdayOnOrBefore(addDays(today, daysFromToday)) }, actor);
  }
  const adjustedMeetingIds: string[] = [];
  let awaitingSignatureMeetingId = '';
  let lastAdjusterName = '';
  for (const [index, plan] of BOARD_MEETINGS.entries()) {
    const heldOn = weekdayOnOrBefore(addDays(today, offsets[index]!));
    const { meetingId } = await planMeeting(db, { bodyId: board.id, heldOn, start: '09:00', end: '11:45', location: plan.place, numberInYear: null }, actor);
    const added: { paragraphId: string; demo: DemoCase }[] = [];
    for (const demo of plan.cases) {
      const { paragraphId } = await addAgendaItem(db, meetingId, { title: demo.title, presenters: [DIRECTOR.name], proposal: demo.proposal ?? null }, actor);
      added.push({ paragraphId, demo });
    }
    await sendMeetingNotice(handle, meetingId, { sentAt: at(addDays(heldOn, -8), '15:30'), absenceContact: `${SECRETARY.name}, ${SECRETARY.email}` }, actor);

    // One member is away at every other meeting; the first substitute of the same party, or the first in order, serves.
    const absent = index % 2 === 1 ? ordinary[3 + (index % 3)]! : null;
    const substitute = absent ? BOARD_MEMBERS.find((m) => m.role === 'substitute' && m.party === absent.party) ?? BOARD_MEMBERS.find((m) => m.role === 'substitute')! : null;
    const adjuster = adjusterRotation[index % adjusterRotation.length]!;
    const adjusterPerson = adjuster === absent ? adjusterRotation[(index + 1) % adjusterRotation.length]! : adjuster;
    await recordAttendance(
      db,
      meetingId,
      {
        entries: [
          ...ordinary.map((m) => ({ personId: personOf(m.name), present: m !== absent, remote: index === 3 && m.name === 'Aisha Rahimi' })),
          ...(substitute && absent ? [{ personId: personOf(substitute.name), present: true, servingForPersonId: personOf(absent.name) }] : []),
        ],
        others: [{ name: DIRECTOR.name, role: 'official', represents: DIRECTOR.title, personId: director.id }],
        adjusterPersonIds: [personOf(adjusterPerson.name)],
      },
      actor,
    );

    const overview = await getMeetingOverview(db, meetingId, { today });
    const standard = (title: string) => overview.minutes.items.findIndex((item) => item.title.startsWith(title));
    const paragraphIdAt = (i: number) => overview.paragraphIds[i]!;
    if (standard('Val av justerare') >= 0) {
      await updateParagraph(db, paragraphIdAt(standard('Val av justerare')), {
        decisions: [`${adjusterPerson.name} utses att jämte ordföranden justera protokollet.`],
      }, actor);
    }
    if (standard('Sammanträdets öppnande') >= 0) {
      await updateParagraph(db, paragraphIdAt(standard('Sammanträdets öppnande')), { decisions: ['Ordföranden förklarar sammanträdet öppnat.'] }, actor);
    }
    if (standard('Godkännande av dagordning') >= 0) {
      await updateParagraph(db, paragraphIdAt(standard('Godkännande av dagordning')), { decisions: ['Dagordningen godkänns.'] }, actor);
    }
    if (standard('Föregående protokoll') >= 0) {
      await updateParagraph(db, paragraphIdAt(standard('Föregående protokoll')), { decisions: ['Föregående protokoll läggs till handlingarna.'] }, actor);
    }
    for (const kind of ['Anmälan av delegationsbeslut', 'Information', 'Övriga frågor']) {
      const i = standard(kind);
      if (i >= 0) {
        await updateParagraph(
          db,
          paragraphIdAt(i),
          kind === 'Övriga frågor' ? { text: 'Inga övriga frågor anmäls.', decisions: [] } : { decisions: ['Direktionen lägger redovisningen till handlingarna.'] },
          actor,
        );
      }
    }
    if (standard('Sammanträdets avslutande') >= 0) {
      await updateParagraph(db, paragraphIdAt(standard('Sammanträdets avslutande')), { decisions: ['Ordföranden tackar för visat intresse och avslutar sammanträdet.'] }, actor);
    }
    for (const { paragraphId, demo } of added) {
      const votes = demo.vote
        ? [
            {
              question: demo.vote.question,
              yes: demo.vote.yes.length,
              no: demo.vote.no.length,
              abstain: demo.vote.abstain?.length ?? 0,
              roll: [
                ...demo.vote.yes.map((name) => ({ name: votingName(name, absent?.name, substitute?.name), party: partyOf(votingName(name, absent?.name, substitute?.name)), vote: 'yes' as const })),
                ...demo.vote.no.map((name) => ({ name: votingName(name, absent?.name, substitute?.name), party: partyOf(votingName(name, absent?.name, substitute?.name)), vote: 'no' as const })),
              ],
              result: demo.vote.result,
            },
          ]
        : undefined;
      await updateParagraph(
        db,
        paragraphId,
        {
          text: demo.text,
          decisions: demo.decisions,
          caseNumber: `${FORBUND.shortName} ${heldOn.slice(0, 4)}/${String(10 + index * 7 + added.findIndex((a) => a.paragraphId === paragraphId))}`,
          ...(demo.attachments ? { attachments: demo.attachments } : {}),
          ...(votes ? { votes } : {}),
          ...(demo.reservations ? { reservations: demo.reservations } : {}),
          ...(demo.confidential ? { confidential: true, confidentialReason: demo.confidential } : {}),
        },
        actor,
      );
    }

    const finalisedOn = addDays(heldOn, 1);
    await finaliseMinutes(handle, meetingId, { at: at(finalisedOn, '14:10') }, actor);
    if (index === BOARD_MEETINGS.length - 1) {
      awaitingSignatureMeetingId = meetingId;
      lastAdjusterName = adjusterPerson.name;
      continue;
    }
    const signedOn = weekdayOnOrBefore(addDays(heldOn, index === 4 ? 6 : 7));
    await signMinutes(handle, meetingId, { at: at(signedOn, '08:40') }, { personId: personOf(chair.name), name: chair.name });
    await signMinutes(handle, meetingId, { at: at(signedOn, '16:05') }, { personId: personOf(adjusterPerson.name), name: adjusterPerson.name });
    adjustedMeetingIds.push(meetingId);
  }
  // The assignments the direktion gave, as the secretary confirms them from the adjusted minutes.
  for (const meetingId of adjustedMeetingIds) await proposeFollowUp(db, meetingId, actor);
  await confirmAllProposals(db, { organizationId: forbund.id }, actor);

  // The project portfolio; the running project was started by the first § of the year's first adjusted meeting.
  const thisYear = Number(today.slice(0, 4));
  for (const [index, project] of DEMO_PROJECTS.entries()) {
    const created = await createProject(
      db,
      {
        organizationId: forbund.id,
        title: project.title,
        caseNumber: project.caseNumber,
        owner: FORBUND.name,
        projectManager: project.projectManager,
        status: project.status,
        startsOn: `${thisYear + project.starts.year}-${project.starts.monthDay}`,
        endsOn: `${thisYear + project.ends.year}-${project.ends.monthDay}`,
        budget: project.budget,
        outcome: project.outcome,
        results: project.results,
        funding: project.funding.map((f) => ({ ...f, year: thisYear + f.year })),
      },
      actor,
    );
    const firstMeeting = adjustedMeetingIds[0];
    if (index === 0 && firstMeeting) {
      const [paragraphId] = (await getMeetingOverview(db, firstMeeting, { today })).paragraphIds;
      if (paragraphId) await linkProjectDecision(db, { projectId: created.id, paragraphId, kind: 'start' }, actor);
    }
  }

  // The next meeting: planned, with its agenda, and the kallelse sent today.
  const nextOn = weekdayOnOrBefore(addDays(today, 12));
  const { meetingId: plannedMeetingId } = await planMeeting(db, { bodyId: board.id, heldOn: nextOn, start: '09:00', end: '12:00', location: 'Granberga brandstation' }, actor);
  for (const item of NEXT_MEETING_CASES) await addAgendaItem(db, plannedMeetingId, { title: item.title, presenters: [item.presenter] }, actor);
  // On the demo's today, not the machine's: a demo filled for another day must still send it in time.
  await sendMeetingNotice(handle, plannedMeetingId, { sentAt: at(today, '10:00'), absenceContact: `${SECRETARY.name}, ${SECRETARY.email}` }, actor);

  // The network keeps notes, without justering or notice.
  for (const [index, offset] of [-200, -90, -20].entries()) {
    const heldOn = weekdayOnOrBefore(addDays(today, offset));
    await saveMinutes(db, networkNotes(heldOn, index), { bodyId: network.id, organizationId: forbund.id, actor: 'demo' });
  }

  const accounts: DemoAccount[] = [];
  const account = async (input: { email: string; name: string; what: string; personId?: string; isAdministrator?: boolean; roles?: { role: string; bodyId?: string; organizationId?: string }[] }) => {
    const created = await createUser(db, { email: input.email, name: input.name, password: DEMO_PASSWORD, personId: input.personId ?? null, isAdministrator: input.isAdministrator ?? false });
    for (const role of input.roles ?? []) await grantRole(db, { userId: created.id, role: role.role, organizationId: role.organizationId ?? null, bodyId: role.bodyId ?? null }, 'system');
    accounts.push({ email: input.email, name: input.name, what: input.what });
  };
  await account({ email: 'admin@rma.example', name: 'Administratör RMÄ', what: 'administratör', isAdministrator: true });
  await account({ email: SECRETARY.email, name: SECRETARY.name, what: 'sekreterare i förbundsdirektionen', personId: secretary.id, roles: [{ role: 'secretary', organizationId: forbund.id }] });
  await account({ email: chair.email, name: chair.name, what: 'ordförande (signerar)', personId: personOf(chair.name) });
  const lastAdjuster = BOARD_MEMBERS.find((m) => m.name === lastAdjusterName)!;
  await account({ email: lastAdjuster.email, name: lastAdjuster.name, what: 'justerare av senaste protokollet', personId: personOf(lastAdjuster.name) });
  const member = BOARD_MEMBERS.find((m) => m.role === 'member' && m.name !== lastAdjusterName)!;
  await account({ email: member.email, name: member.name, what: 'ledamot', personId: personOf(member.name) });

  return { accounts, organizationId: forbund.id, boardId: board.id, awaitingSignatureMeetingId, plannedMeetingId };
}

/** The name that voted: a substitute votes in place of the absent member. */
function votingName(name: string, absentName: string | undefined, substituteName: string | undefined): string {
  return name === absentName && substituteName ? substituteName : name;
}

function partyOf(name: string): string | null {
  return BOARD_MEMBERS.find((m) => m.name === name)?.party ?? null;
}

function networkNotes(heldOn: string, index: number): Minutes {
  const topics = [
    ['Erfarenheter från skogsbrandssäsongen', 'Kommunerna delar erfarenheter av samverkan med räddningstjänsten under sommarens skogsbränder.'],
    ['Gemensam övning i krisledning', 'Nätverket planerar en gemensam krisledningsövning under hösten med stöd av länsstyrelsen.'],
    ['Risk- och sårbarhetsanalyser', 'Genomgång av tidplanen för kommunernas risk- och sårbarhetsanalyser och förbundets underlag.'],
  ];
  const [title, text] = topics[index % topics.length] as [string, string];
  return {
    kind: 'notes',
    organization: FORBUND.name,
    body: NETWORK.name,
    meeting: { date: heldOn, start: '13:00', end: '15:00', location: 'Digitalt möte', remote: true },
    paragraphRange: null,
    adjustment: { adjusters: [], date: null, place: null },
    signatures: [{ role: 'secretary', name: NETWORK.members[0]!.name, signedAt: `${heldOn}T16:00:00+0${Number(heldOn.slice(5, 7)) >= 4 && Number(heldOn.slice(5, 7)) <= 10 ? 2 : 1}:00` }],
    notice: null,
    attendees: NETWORK.members.map((m) => ({ name: m.name, party: null, represents: m.appointedBy, role: 'member' as const, voting: null, remote: true, paragraphs: null })),
    items: [
      { number: null, title: 'Mötets öppnande', caseNumber: null, decisions: [], text: 'Hanna Lund hälsar välkommen.' },
      { number: null, title, caseNumber: null, decisions: [], text },
      { number: null, title: 'Nästa möte', caseNumber: null, decisions: ['Nästa möte hålls digitalt om tre månader.'] },
    ],
  };
}
