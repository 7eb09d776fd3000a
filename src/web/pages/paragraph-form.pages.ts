/**
 * The secretary's § form (issue 19): the § as it is written in the minutes, field by field — ärendebeskrivning,
 * förslag till beslut and who put it, the att-clauses, yrkanden with their mover and bifall, the
 * propositionsordning and whether the § was decided by acclamation or by a vote, each voting member's vote,
 * reservations, protokollsanteckningar and jäv. Server-rendered and usable without JavaScript: the yrkanden
 * come as a fixed number of rows, and "add a motion" is a submit button that shows the form again with one more.
 * Autosave (assets/autosave.js) posts the same form; the § version refuses a save based on a stale copy.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Attendee, MinutesItem, Motion, ProtocolNote, Reservation, Vote, VoteChoice } from '../../domain/minutes.ts';
import { tallyRollCall } from '../../domain/vote.ts';
import { InputError, NotFoundError, RuleError, type Problem } from '../../errors.ts';
import { requireSecretaryOfMeeting } from '../../services/accounts.service.ts';
import { expandParagraphs } from '../../services/meeting-cycle/common.ts';
import { getMeetingOverview, paragraphVersion, updateParagraph, type ParagraphChanges } from '../../services/meeting-cycle.service.ts';
import { readParagraphDraftFromWord } from '../../services/meeting-cycle/word-draft.ts';
import { listParagraphPublicity } from '../../services/publication.service.ts';
import { actorOf, sendPage, type PageContext, requireViewer } from '../context.ts';
import { longDate, shortDate } from '../format.ts';
import { checkboxField, csrfField, errorSummary, fieldId, formStateFrom, groupErrorMessage, inputField, selectField, textareaField, type FormState } from '../forms.ts';
import { html, type Html } from '../html.ts';
import type { WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';
import { paragraphLabel } from '../minutes-view.ts';
import { MultipartForm } from '../multipart.ts';

/** Rows of yrkanden shown at least, so that two can be typed without "add a motion". */
const MIN_MOTION_ROWS = 2;
/** A bound on rows, so a crafted request cannot ask for a page of a million rows. */
const MAX_MOTION_ROWS = 40;

type Catalogue = PageContext['t'];

export async function registerParagraphFormPages(app: FastifyInstance, { db }: Pick<WebDependencies, 'db'>): Promise<void> {
  const paragraphPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ids: { meetingId: string; paragraphId: string },
    state: FormState | null,
    status = 200,
    conflict?: { title: string; text: string | null },
    word?: { imported?: { name: string; text: string }; error?: string },
  ) => {
    const { meetingId, paragraphId } = ids;
    await requireSecretaryOfMeeting(db, requireViewer(request), meetingId);
    const context = request.page;
    const { t, language } = context;
    const overview = await getMeetingOverview(db, meetingId, { today: context.today });
    const index = overview.paragraphIds.indexOf(paragraphId);
    const item = overview.minutes.items[index];
    if (index < 0 || !item) throw new NotFoundError('paragraph_not_found', `no § ${paragraphId} in ${meetingId}`);
    const publicity = (await listParagraphPublicity(db, meetingId))[index];
    const people = peopleOf(overview.minutes.attendees, item);
    const stored: Record<string, string> = { ...storedValues(item, people), ...(publicity?.confidential ? { confidential: 'on' } : {}), confidentialReason: publicity?.confidentialReason ?? '' };
    // Text read from a Word document fills the ärendebeskrivning; the secretary reads it and saves as usual.
    const values = state?.values ?? (word?.imported ? { ...stored, text: word.imported.text } : stored);
    const form: FormState = { values, errors: state?.errors ?? {} };
    const p = t.work.paragraph;
    const label = paragraphLabel(item.number);
    const title = t.work.editParagraph(label);
    const storedVersion = await paragraphVersion(db, paragraphId);
    const motionRows = Math.min(MAX_MOTION_ROWS, Math.max(MIN_MOTION_ROWS, Number(values.motionRows) || 0));
    // A count that does not add up concerns all three counts: its message stands above them.
    const voteCounts = groupErrorMessage(form, 'voteCounts');
    const body = html`<p class="overline">${overview.body.name} · ${overview.meeting.heldOn ? longDate(overview.meeting.heldOn, language) : ''}</p>
<h1>${title}</h1>
${errorSummary(context, form, fieldLabels(t, motionRows, people))}
<form method="post" class="form editor-paragraph" action="/arbetsyta/sammantraden/${meetingId}/paragrafer/${paragraphId}" novalidate
  data-autosave="${paragraphId}" data-version="${String(storedVersion)}"
  data-msg-saving="${t.autosave.saving}" data-msg-saved="${t.autosave.saved('{time}')}" data-msg-offline="${t.autosave.offline}" data-msg-restored="${t.autosave.restored}">
  ${csrfField(context)}
  <input type="hidden" name="version" value="${String(storedVersion)}">
  <input type="hidden" name="motionRows" value="${String(motionRows)}">
  ${conflict && html`<div class="error-summary" role="alert"><p>${t.work.editedBySomeoneElse}</p><h2>${t.work.storedVersion}</h2><p><strong>${conflict.title}</strong></p><pre class="stored-text">${conflict.text ?? ''}</pre></div>`}
  <p class="hint">${p.autosaveNote}</p>
  <p class="autosave-status" data-autosave-status role="status" aria-live="polite"></p>
  ${inputField(context, form, { name: 'title', label: p.title, required: true })}
  ${inputField(context, form, { name: 'caseNumber', label: p.caseNumber, width: 'medium', required: false })}
  ${disqualificationFieldset(context, form, people)}
  ${textareaField(context, form, { name: 'text', label: p.text, rows: 6, required: false })}
  <fieldset><legend>${p.proposal}</legend>
    ${textareaField(context, form, { name: 'proposal', label: p.proposalText, hint: p.proposalHint, rows: 3, required: false })}
    ${inputField(context, form, { name: 'proposedBy', label: p.proposedBy, hint: p.proposedByHint, width: 'medium', required: false })}
  </fieldset>
  ${textareaField(context, form, { name: 'decisions', label: p.decisions, hint: p.decisionsHint, rows: 4, required: false })}
  <fieldset id="yrkanden"><legend>${p.motions}</legend>
    <p class="hint">${p.motionsHint}</p>
    ${Array.from({ length: motionRows }, (_, i) => motionFieldset(context, form, people, i))}
    <p><button type="submit" class="button secondary small" name="add" value="motion" formnovalidate>${p.addMotion}</button></p>
  </fieldset>
  ${textareaField(context, form, { name: 'propositionOrder', label: p.propositionOrder, hint: p.propositionOrderHint, rows: 3, required: false })}
  ${radioGroup(form, { name: 'decisionMethod', legend: p.decisionMethod, choices: Object.entries(p.decisionMethods) })}
  <fieldset><legend>${p.vote}</legend>
    ${inputField(context, form, { name: 'voteQuestion', label: p.voteQuestion, hint: p.voteQuestionHint, required: false })}
    ${rollCallFieldset(t, form, people.voters)}
    ${voteCounts.message}
    <div class="columns" id="${fieldId('voteCounts')}" tabindex="-1">
      ${inputField(context, form, { name: 'voteYes', label: p.voteYes, type: 'number', width: 'short', groupError: voteCounts.id })}
      ${inputField(context, form, { name: 'voteNo', label: p.voteNo, type: 'number', width: 'short', groupError: voteCounts.id })}
      ${inputField(context, form, { name: 'voteAbstain', label: p.voteAbstain, type: 'number', width: 'short', groupError: voteCounts.id })}
    </div>
    ${inputField(context, form, { name: 'voteResult', label: p.voteResult, required: false })}
  </fieldset>
  ${textareaField(context, form, { name: 'reservations', label: p.reservations, hint: p.reservationsHint, rows: 3, required: false })}
  ${textareaField(context, form, { name: 'protocolNotes', label: p.protocolNotes, hint: p.protocolNotesHint, rows: 3, required: false })}
  ${checkboxField(form, { name: 'confidential', label: p.confidential })}
  ${inputField(context, form, { name: 'confidentialReason', label: p.confidentialReason, hint: p.confidentialReasonHint, width: 'medium', required: false })}
  <p class="actions"><button type="submit" class="button">${p.save}</button> <a href="/arbetsyta/sammantraden/${meetingId}">${p.back}</a></p>
</form>
${wordImportForm(context, { meetingId, paragraphId }, word)}`;
    return sendPage(
      reply,
      layout(context, {
        title,
        section: 'workspace',
        autosave: true,
        body,
        breadcrumbs: [
          { label: t.work.title, href: '/arbetsyta' },
          { label: overview.body.name, href: `/arbetsyta/organ/${overview.body.id}` },
          { label: overview.meeting.heldOn ? shortDate(overview.meeting.heldOn, language) : '–', href: `/arbetsyta/sammantraden/${meetingId}` },
          { label },
        ],
      }),
      status,
    );
  };

  app.get('/arbetsyta/sammantraden/:meetingId/paragrafer/:paragraphId', async (request, reply) => {
    const ids = request.params as { meetingId: string; paragraphId: string };
    return paragraphPage(request, reply, ids, null);
  });

  app.post('/arbetsyta/sammantraden/:meetingId/paragrafer/:paragraphId/word', async (request, reply) => {
    const ids = request.params as { meetingId: string; paragraphId: string };
    const viewer = requireViewer(request);
    await requireSecretaryOfMeeting(db, viewer, ids.meetingId);
    const w = request.page.t.work.paragraph.wordImport;
    const file = request.body instanceof MultipartForm ? request.body.file('file') : undefined;
    if (!file || file.bytes.length === 0) return paragraphPage(request, reply, ids, null, 400, undefined, { error: w.noFile });
    try {
      const text = await readParagraphDraftFromWord(db, ids.paragraphId, { bytes: file.bytes, name: file.fileName }, actorOf(viewer));
      return paragraphPage(request, reply, ids, null, 200, undefined, { imported: { name: file.fileName, text } });
    } catch (error) {
      if (error instanceof InputError) return paragraphPage(request, reply, ids, null, 400, undefined, { error: w.unreadable });
      throw error;
    }
  });

  app.post('/arbetsyta/sammantraden/:meetingId/paragrafer/:paragraphId', async (request, reply) => {
    const ids = request.params as { meetingId: string; paragraphId: string };
    const viewer = requireViewer(request);
    await requireSecretaryOfMeeting(db, viewer, ids.meetingId);
    const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
    const values = valuesOf(form);
    const { t } = request.page;
    // "Add a motion" shows the form again with one more row and what was typed; nothing is saved yet.
    if (values.add === 'motion') {
      delete values.add;
      values.motionRows = String(Math.max(MIN_MOTION_ROWS, Number(values.motionRows) || 0) + 1);
      return paragraphPage(request, reply, ids, { values, errors: {} });
    }
    const parsed = parseParagraphForm(values);
    let result: { ok: true; value: number } | { ok: false; problems: Problem[] };
    try {
      result = parsed.problems.length ? { ok: false, problems: parsed.problems } : { ok: true, value: await updateParagraph(db, ids.paragraphId, parsed.changes, actorOf(viewer)) };
    } catch (error) {
      if (error instanceof InputError) result = { ok: false, problems: error.problems };
      // Someone else saved first: refuse, show the stored text beside what was typed, and keep what was typed.
      else if (error instanceof RuleError && error.code === 'paragraph_edited_by_someone_else') {
        const stored = error.details.stored as { title: string; text: string | null };
        if (wantsJson(request)) return reply.status(409).send({ error: { code: error.code, message: t.work.editedBySomeoneElse, details: error.details } });
        return paragraphPage(request, reply, ids, formStateFrom(t, values, [], fieldOfParagraphPath), 409, stored);
      } else throw error;
    }
    if (!result.ok) {
      const state = formStateFrom(t, values, result.problems, fieldOfParagraphPath);
      if (wantsJson(request)) {
        return reply.status(400).send({
          error: { code: 'invalid_input', message: t.form.errorSummary, details: { problems: Object.entries(state.errors).map(([field, text]) => ({ field: field === 'voteCounts' ? 'voteYes' : field, text })) } },
        });
      }
      return paragraphPage(request, reply, ids, state, 400);
    }
    if (wantsJson(request)) return reply.send({ saved: true, version: String(result.value) });
    return reply.redirect(`/arbetsyta/sammantraden/${ids.meetingId}#dagordning-rubrik`, 303);
  });
}

/**
 * Word import of a draft § text: a form of its own (a file is multipart), whose answer is this page with the
 * text in the ärendebeskrivning field, not yet saved.
 */
function wordImportForm(context: PageContext, ids: { meetingId: string; paragraphId: string }, word: { imported?: { name: string; text: string }; error?: string } | undefined): Html {
  const w = context.t.work.paragraph.wordImport;
  const id = 'falt-wordFile';
  return html`<section class="card" aria-labelledby="word-rubrik">
  <h2 id="word-rubrik">${w.heading}</h2>
  ${word?.imported && html`<div class="flash" role="status"><p>${w.imported(word.imported.name)}</p></div>`}
  <form method="post" enctype="multipart/form-data" action="/arbetsyta/sammantraden/${ids.meetingId}/paragrafer/${ids.paragraphId}/word" novalidate class="form">
    ${csrfField(context)}
    <div class="field${word?.error ? ' field-error' : ''}">
      <label for="${id}">${w.file}</label>
      <p class="hint" id="${id}-hjalp">${w.hint}</p>
      ${word?.error && html`<p class="error-message" id="${id}-fel">${word.error}</p>`}
      <input id="${id}" name="file" type="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" aria-describedby="${id}-hjalp${word?.error ? ` ${id}-fel` : ''}"${word?.error ? html` aria-invalid="true"` : ''}>
    </div>
    <p class="actions"><button type="submit" class="button secondary">${w.submit}</button></p>
  </form>
</section>`;
}


function wantsJson(request: FastifyRequest): boolean {
  return request.headers.accept?.includes('application/json') ?? false;
}

function valuesOf(form: URLSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (key !== '_csrf') values[key] = value;
  return values;
}

/** A person the form offers: in the mover list, the roll call or the jäv choices. */
interface Person {
  name: string;
  party: string | null;
}

interface People {
  /** Everyone at the meeting, and anyone the § already names for jäv: the jäv choices. */
  all: Person[];
  /** Those deciding at this § (and anyone already in its roll call): a roll-call row each. */
  voters: Person[];
}

function peopleOf(attendees: Attendee[], item: MinutesItem): People {
  const all: Person[] = attendees.map((a) => ({ name: a.name, party: a.party }));
  for (const name of item.disqualified ?? []) if (!all.some((p) => p.name === name)) all.push({ name, party: null });
  const atThisParagraph = (a: Attendee) => !a.paragraphs || item.number === null || expandParagraphs(a.paragraphs).includes(item.number);
  const voters: Person[] = attendees.filter((a) => a.voting === true && atThisParagraph(a)).map((a) => ({ name: a.name, party: a.party }));
  for (const entry of item.votes?.[0]?.roll ?? []) {
    if (!voters.some((p) => p.name === entry.name)) voters.push({ name: entry.name, party: entry.party ?? null });
  }
  return { all, voters };
}

function who(person: { name: string; party?: string | null | undefined }): string {
  return person.party ? `${person.name} (${person.party})` : person.name;
}

/** The form's values for the § as stored. */
function storedValues(item: MinutesItem, people: People): Record<string, string> {
  const vote = item.votes?.[0];
  const values: Record<string, string> = {
    title: item.title,
    caseNumber: item.caseNumber ?? '',
    text: item.text ?? '',
    proposal: item.proposal?.text ?? '',
    proposedBy: item.proposal?.proposedBy ?? '',
    // A point of several lines is kept apart from the next by an empty line (see decisionsOf).
    decisions: item.decisions.join(item.decisions.some((d) => d.includes('\n')) ? '\n\n' : '\n'),
    propositionOrder: item.propositionOrder ?? '',
    decisionMethod: item.decisionMethod ?? '',
    voteQuestion: vote?.question ?? '',
    voteYes: vote?.yes?.toString() ?? '',
    voteNo: vote?.no?.toString() ?? '',
    voteAbstain: vote?.abstain?.toString() ?? '',
    voteResult: vote?.result ?? '',
    reservations: (item.reservations ?? []).map((r) => `${who(r)}${r.reason ? `: ${r.reason}` : ''}`).join('\n'),
    protocolNotes: (item.protocolNotes ?? []).map((n) => `${who(n)}: ${n.text}`).join('\n'),
    motionRows: String((item.motions?.length ?? 0) + 1),
  };
  (item.motions ?? []).forEach((motion, i) => {
    const known = people.all.find((p) => p.name === motion.mover);
    values[`motionMover-${i}`] = known ? who(known) : '';
    values[`motionOther-${i}`] = known ? '' : who({ name: motion.mover, party: motion.party });
    values[`motionText-${i}`] = motion.text;
    values[`motionSupport-${i}`] = (motion.supportedBy ?? []).join(', ');
  });
  people.voters.forEach((person, k) => {
    const entry = vote?.roll?.find((r) => r.name === person.name);
    values[`roll-${k}`] = entry && entry.vote !== 'absent' ? entry.vote : '';
  });
  people.all.forEach((person, k) => {
    if (!item.disqualified?.includes(person.name)) return;
    values[`jav-${k}`] = item.leftRoom?.includes(person.name) ? 'left' : 'disqualified';
  });
  return values;
}

function motionFieldset(context: PageContext, form: FormState, people: People, i: number): Html {
  const p = context.t.work.paragraph;
  const n = i + 1;
  return html`<fieldset class="motion"><legend>${p.motion(n)}</legend>
    ${selectField(context, form, { name: `motionMover-${i}`, label: `${p.motionMover} (${p.motion(n).toLowerCase()})`, required: false, choices: people.all.map((person) => ({ value: who(person), label: who(person) })) })}
    ${inputField(context, form, { name: `motionOther-${i}`, label: `${p.motionOther} (${p.motion(n).toLowerCase()})`, hint: p.motionOtherHint, width: 'medium', required: false })}
    ${textareaField(context, form, { name: `motionText-${i}`, label: `${p.motionText} (${p.motion(n).toLowerCase()})`, hint: p.motionTextHint, rows: 2, required: false })}
    ${inputField(context, form, { name: `motionSupport-${i}`, label: `${p.motionSupport} (${p.motion(n).toLowerCase()})`, hint: p.motionSupportHint, required: false })}
  </fieldset>`;
}

/** Radio buttons in a fieldset; the legend names the group, each label its choice. */
function radioGroup(form: FormState, options: { name: string; legend: string; choices: [string, string][]; hint?: string; hiddenSuffix?: string }): Html {
  const current = form.values[options.name] ?? '';
  const error = form.errors[options.name];
  const errorId = `${fieldId(options.name)}-fel`;
  return html`<fieldset class="radios" id="${fieldId(options.name)}"${error && html` aria-describedby="${errorId}"`}><legend>${options.legend}</legend>
    ${error && html`<p class="error-message" id="${errorId}"><span class="visually-hidden">Fel: </span>${error}</p>`}
    ${options.choices.map(([value, label]) => {
      const id = `${fieldId(options.name)}-${value || 'ingen'}`;
      return html`<span class="radio"><input type="radio" id="${id}" name="${options.name}" value="${value}"${value === current && html` checked`}> <label for="${id}">${label}${options.hiddenSuffix && html`<span class="visually-hidden"> ${options.hiddenSuffix}</span>`}</label></span>`;
    })}
  </fieldset>`;
}

/** One row per voting member: ja, nej, avstår or no vote. Each choice's name says whose vote it is. */
function rollCallFieldset(t: Catalogue, form: FormState, voters: Person[]): Html {
  const p = t.work.paragraph;
  if (voters.length === 0) return html``;
  const choices = (['yes', 'no', 'abstain', ''] as const).map((value): [string, string] => [value, value === '' ? p.noVote : p.rollChoices[value]!]);
  return html`<fieldset class="roll-call"><legend>${p.rollCall}</legend>
    <p class="hint">${p.rollCallHint}</p>
    ${voters.map((person, k) => html`<input type="hidden" name="rollName-${String(k)}" value="${who(person)}">
    ${radioGroup(form, { name: `roll-${k}`, legend: p.rollVoteOf(who(person)), choices, hiddenSuffix: `– ${who(person)}` })}`)}
  </fieldset>`;
}

/** A choice per person: no jäv, jäv and takes no part, or jäv and leaves the room. */
function disqualificationFieldset(context: PageContext, form: FormState, people: People): Html {
  const p = context.t.work.paragraph;
  if (people.all.length === 0) return html``;
  const choices = Object.entries(p.disqualificationChoices).map(([value, label]) => ({ value, label }));
  return html`<fieldset class="disqualification"><legend>${p.disqualification}</legend>
    <p class="hint">${p.disqualificationHint}</p>
    <div class="columns">
    ${people.all.map((person, k) => html`<input type="hidden" name="javName-${String(k)}" value="${person.name}">
    ${selectField(context, form, { name: `jav-${k}`, label: p.disqualificationOf(who(person)), required: false, placeholder: false, choices })}`)}
    </div>
  </fieldset>`;
}

/** Names for the error summary, per field. */
function fieldLabels(t: Catalogue, motionRows: number, people: People): Record<string, string> {
  const p = t.work.paragraph;
  const labels: Record<string, string> = {
    title: p.title,
    caseNumber: p.caseNumber,
    text: p.text,
    proposal: p.proposal,
    proposedBy: p.proposedBy,
    decisions: p.decisions,
    propositionOrder: p.propositionOrder,
    decisionMethod: p.decisionMethod,
    voteQuestion: p.voteQuestion,
    voteYes: p.voteYes,
    voteNo: p.voteNo,
    voteAbstain: p.voteAbstain,
    voteCounts: p.voteCounts,
    voteResult: p.voteResult,
    reservations: p.reservations,
    protocolNotes: p.protocolNotes,
    confidentialReason: p.confidentialReason,
  };
  for (let i = 0; i < motionRows; i++) {
    labels[`motionMover-${i}`] = `${p.motion(i + 1)}, ${p.motionMover.toLowerCase()}`;
    labels[`motionText-${i}`] = `${p.motion(i + 1)}, ${p.motionText.toLowerCase()}`;
  }
  people.voters.forEach((person, k) => (labels[`roll-${k}`] = p.rollVoteOf(who(person))));
  return labels;
}

/** The form field a problem from updateParagraph (or from reading the form) points at. */
export function fieldOfParagraphPath(path: string): string {
  const motion = /^motions\[(\d+)\]\.(mover|text)/.exec(path);
  if (motion) return `${motion[2] === 'mover' ? 'motionMover' : 'motionText'}-${motion[1]}`;
  if (path.startsWith('votes')) {
    if (/\.yes\b/.test(path)) return 'voteYes';
    if (/\.no\b/.test(path)) return 'voteNo';
    if (/\.abstain\b/.test(path)) return 'voteAbstain';
    // The whole vote ('votes[0]'): more votes than members voting.
    if (/^votes\[\d+\]$/.test(path)) return 'voteCounts';
    return 'voteQuestion';
  }
  for (const field of ['reservations', 'protocolNotes', 'decisions', 'decisionMethod', 'motions']) if (path.startsWith(field)) return field === 'motions' ? 'motionText-0' : field;
  return path;
}

/** 'Lena Ekström (V): text' → name, party and text; the party and text may be missing. */
function personLine(line: string): { name: string; party: string | null; text: string | null } {
  const match = /^([^():]+?)\s*(?:\(([^)]*)\))?\s*(?::\s*(.*))?$/.exec(line);
  return { name: (match?.[1] ?? line).trim(), party: match?.[2]?.trim() || null, text: match?.[3]?.trim() || null };
}

/**
 * The att-clauses: one per line; when the secretary separates points with an empty line, a point may run
 * over several lines and its line breaks are kept.
 */
export function decisionsOf(typed: string | undefined): string[] {
  const text = (typed ?? '').replace(/\r\n?/g, '\n');
  const separated = /\n[ \t]*\n/.test(text.trim());
  const points = separated ? text.split(/\n[ \t]*\n/) : text.split('\n');
  return points.map((point) => point.split('\n').map((line) => line.trim()).filter(Boolean).join('\n')).filter(Boolean);
}

/** Reads the § form into the changes updateParagraph takes, with the problems the form itself can see. */
export function parseParagraphForm(values: Record<string, string>): { changes: ParagraphChanges; problems: Problem[] } {
  const problems: Problem[] = [];
  const typed = (name: string) => (values[name] ?? '').replace(/\r\n?/g, '\n').trim();
  const lines = (name: string) => typed(name).split('\n').map((l) => l.trim()).filter(Boolean);
  const count = (name: 'voteYes' | 'voteNo' | 'voteAbstain') => {
    const text = values[name]?.trim();
    if (!text) return null;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) {
      problems.push({ path: name, code: 'invalid_count', message: `not a count: ${text}` });
      return null;
    }
    return n;
  };
  if (!values.title?.trim()) problems.push({ path: 'title', code: 'required', message: 'title' });

  const motions: Motion[] = [];
  const rows = Math.min(MAX_MOTION_ROWS, Number(values.motionRows) || MIN_MOTION_ROWS);
  for (let i = 0; i < rows; i++) {
    const other = typed(`motionOther-${i}`);
    const chosen = typed(`motionMover-${i}`);
    const text = typed(`motionText-${i}`);
    const support = typed(`motionSupport-${i}`);
    if (!other && !chosen && !text && !support) continue;
    // The list offers 'Name (Party)'; a name typed beside it wins.
    const mover = personLine(other || chosen);
    // These problems name the row as numbered on the page.
    if (!mover.name) problems.push({ path: `motions[${i}].mover`, code: 'motion_without_mover', message: 'who moved' });
    if (!text) problems.push({ path: `motions[${i}].text`, code: 'motion_without_text', message: 'what was moved' });
    motions.push({ mover: mover.name, party: mover.party, text, supportedBy: support.split(',').map((s) => s.trim()).filter(Boolean) });
  }

  const roll: NonNullable<Vote['roll']> = [];
  for (let k = 0; values[`rollName-${k}`] !== undefined; k++) {
    const choice = values[`roll-${k}`];
    if (choice !== 'yes' && choice !== 'no' && choice !== 'abstain') continue;
    const person = personLine(values[`rollName-${k}`]!);
    roll.push({ name: person.name, party: person.party, vote: choice satisfies VoteChoice });
  }
  const question = typed('voteQuestion');
  let yes = count('voteYes');
  let no = count('voteNo');
  let abstain = count('voteAbstain');
  // With named votes the totals are counted, unless the secretary typed them (then they must agree).
  if (roll.length > 0) {
    const tally = tallyRollCall(roll);
    yes ??= tally.yes;
    no ??= tally.no;
    abstain ??= tally.abstain;
  }
  const votes: Vote[] = question || roll.length > 0 ? [{ question, yes, no, abstain, ...(roll.length ? { roll } : {}), result: typed('voteResult') || null }] : [];

  const reservations: Reservation[] = lines('reservations').map((line) => {
    const r = personLine(line);
    return { name: r.name, party: r.party, reason: r.text };
  });
  const protocolNotes: ProtocolNote[] = [];
  for (const line of lines('protocolNotes')) {
    const n = personLine(line);
    if (!n.text) problems.push({ path: 'protocolNotes', code: 'note_without_text', message: line });
    else protocolNotes.push({ name: n.name, party: n.party, text: n.text });
  }

  const disqualified: string[] = [];
  const leftRoom: string[] = [];
  for (let k = 0; values[`javName-${k}`] !== undefined; k++) {
    const choice = values[`jav-${k}`];
    const name = values[`javName-${k}`]!;
    if (choice === 'disqualified' || choice === 'left') disqualified.push(name);
    if (choice === 'left') leftRoom.push(name);
  }

  const method = values.decisionMethod;
  const confidential = values.confidential === 'on';
  const proposal = typed('proposal');
  return {
    problems,
    changes: {
      ...(/^\d+$/.test(values.version ?? '') ? { version: Number(values.version) } : {}),
      title: values.title ?? '',
      caseNumber: values.caseNumber?.trim() || null,
      text: values.text?.trim() ? values.text.replace(/\r\n/g, '\n') : null,
      proposal: proposal || null,
      proposedBy: typed('proposedBy') || null,
      decisions: decisionsOf(values.decisions),
      motions,
      propositionOrder: typed('propositionOrder') || null,
      decisionMethod: method === 'acclamation' || method === 'vote' ? method : null,
      votes,
      reservations,
      protocolNotes,
      // Jäv is only changed by a form that showed the choices, so an autosave from an older page leaves it alone.
      ...(values['javName-0'] !== undefined ? { disqualified, leftRoom } : {}),
      confidential,
      confidentialReason: confidential ? values.confidentialReason?.trim() || null : null,
    },
  };
}
