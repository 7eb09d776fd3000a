/**
 * Minutes drawn as an accessible web page: header facts, contents, attendance, every § with its case
 * number, text and the structured § (jäv, proposal, decision points, yrkanden, propositionsordning,
 * votes with the roll call, reservations, protokollsanteckningar, omedelbar justering) in the order of
 * the protocol document, and the signatures. Used by the public archive
 * (with permanent links), the signing page and the members' view of a draft.
 */
import type { Minutes, MinutesItem } from '../domain/minutes.ts';
import type { PageContext } from './context.ts';
import { instant, longDate, paragraphRange, shortDate, timeSpan } from './format.ts';
import { html, multiline, nonEmpty, raw, type Html } from './html.ts';

/** One § to draw: its content, or only its number when it is confidential. */
export interface ParagraphToShow {
  id?: string;
  number: number | null;
  confidential?: boolean;
  confidentialReason?: string | null;
  /** A § withheld from the web whose title may still be shown (issue 17). */
  withheldTitle?: string | null;
  item: MinutesItem | null;
}

export function paragraphLabel(number: number | null): string {
  return number === null ? '§' : `§ ${number}`;
}

export function paragraphAnchor(number: number | null, index: number): string {
  return number === null ? `punkt-${index + 1}` : `paragraf-${number}`;
}

export function minutesFacts(context: PageContext, minutes: Minutes, extra: { label: string; value: Html | string }[] = []): Html {
  const { t, language } = context;
  const facts: { label: string; value: Html | string }[] = [];
  if (minutes.meeting.date) facts.push({ label: t.archive.date, value: longDate(minutes.meeting.date, language) });
  const time = timeSpan(minutes.meeting.start, minutes.meeting.end, language);
  if (time) facts.push({ label: t.minutes.time, value: time });
  if (minutes.meeting.location) facts.push({ label: t.minutes.place, value: minutes.meeting.location });
  const range = minutes.paragraphRange ? paragraphRange(minutes.paragraphRange.first, minutes.paragraphRange.last) : null;
  if (range) facts.push({ label: t.archive.paragraphs, value: range });
  if (minutes.adjustment.date) facts.push({ label: t.minutes.adjustedOn, value: shortDate(minutes.adjustment.date, language) });
  facts.push(...extra);
  return html`<dl class="facts">${facts.map((f) => html`<div><dt>${f.label}</dt><dd>${f.value}</dd></div>`)}</dl>
${minutes.meeting.remote && html`<p class="note">${t.minutes.remote}</p>`}`;
}

export function contentsList(context: PageContext, paragraphs: ParagraphToShow[], hrefOf: (p: ParagraphToShow, index: number) => string): Html {
  const { t } = context;
  if (paragraphs.length === 0) return html``;
  return html`<nav class="contents" aria-labelledby="innehall-rubrik">
  <h2 id="innehall-rubrik">${t.minutes.contents}</h2>
  <ol>${paragraphs.map(
    (p, i) =>
      html`<li><a href="${hrefOf(p, i)}"><span class="paragraph-number">${paragraphLabel(p.number)}</span> ${p.item ? p.item.title : (p.withheldTitle ?? t.minutes.confidential)}</a></li>`,
  )}</ol>
</nav>`;
}

export function attendanceSection(context: PageContext, minutes: Minutes): Html {
  const { t } = context;
  if (minutes.attendees.length === 0) return html``;
  const voting = minutes.attendees.filter((a) => a.voting === true || (a.voting === null && ['chair', 'vice-chair', 'member'].includes(a.role)));
  const others = minutes.attendees.filter((a) => !voting.includes(a));
  const row = (a: Minutes['attendees'][number]) => html`<li>
  <span class="person-name">${a.name}</span>${a.party && html` <span class="party">(${a.party})</span>`}
  <span class="person-role">${[
    t.minutes.attendeeRoles[a.role] ?? a.role,
    a.represents,
    a.servingFor ? t.minutes.servingFor(a.servingFor) : null,
    a.remote ? t.minutes.remoteParticipant : null,
    a.paragraphs ? t.minutes.onlyParagraphs(a.paragraphs) : null,
  ]
    .filter(Boolean)
    .join(', ')}</span>
</li>`;
  return html`<section class="attendance" aria-labelledby="narvaro-rubrik">
  <h2 id="narvaro-rubrik">${t.minutes.attendance}</h2>
  <div class="columns">
    ${voting.length > 0 && html`<div><h3>${t.minutes.voting}</h3><ul class="people">${voting.map(row)}</ul></div>`}
    ${others.length > 0 && html`<div><h3>${t.minutes.others}</h3><ul class="people">${others.map(row)}</ul></div>`}
  </div>
</section>`;
}

function voteBlock(context: PageContext, vote: NonNullable<MinutesItem['votes']>[number]): Html {
  const { t } = context;
  const count = (n: number | null | undefined) => (n === null || n === undefined ? '–' : String(n));
  return html`<section class="vote">
  <h3>${t.minutes.vote}</h3>
  <p class="vote-question">${inlineLines(vote.question)}</p>
  <p>${t.minutes.voteCounts(count(vote.yes), count(vote.no), count(vote.abstain))}</p>
  ${nonEmpty(vote.roll) &&
  html`<table class="roll">
    <caption>${t.minutes.rollCall(vote.question)}</caption>
    <thead><tr><th scope="col">${t.minutes.name}</th><th scope="col">${t.minutes.party}</th><th scope="col">${t.minutes.choice}</th></tr></thead>
    <tbody>${vote.roll.map((b) => html`<tr><th scope="row">${b.name}</th><td>${b.party ?? ''}</td><td>${t.minutes.voteChoice[b.vote] ?? b.vote}</td></tr>`)}</tbody>
  </table>`}
  ${vote.result && html`<p><strong>${t.minutes.voteResult}:</strong> ${vote.result}</p>`}
</section>`;
}

/** A typed text inside a sentence: its line breaks kept, blank lines too, with no paragraphs of its own. */
function inlineLines(text: string): Html {
  return html`${text.trim().split(/\r?\n/).map((line, i) => html`${i > 0 && raw('<br>')}${line}`)}`;
}

/** 'Name (Party)', or the name alone, as the protocol document writes it. */
function who(person: { name: string; party?: string | null | undefined }): string {
  return person.party ? `${person.name} (${person.party})` : person.name;
}

/** 'A', 'A och B', 'A, B och C'. */
function joinNames(context: PageContext, names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} ${context.t.minutes.and} ${names[names.length - 1]}`;
}

/**
 * The structured parts of a § that come before the decision: jäv first, after the header, then (after the
 * text) the proposal, in the order of the protocol document (documents/minutes-content.ts itemSection).
 */
function disqualificationBlock(context: PageContext, item: MinutesItem): Html {
  const { t } = context;
  if (!nonEmpty(item.disqualified)) return html``;
  return html`<section class="disqualification"><h3>${t.minutes.disqualified}</h3><ul class="plain">${item.disqualified.map(
    (name) => html`<li>${item.leftRoom?.includes(name) ? t.minutes.disqualifiedLeavingLine(name) : t.minutes.disqualifiedLine(name)}</li>`,
  )}</ul></section>`;
}

function proposalBlock(context: PageContext, item: MinutesItem): Html {
  const { t } = context;
  if (!item.proposal?.text.trim()) return html``;
  return html`<section class="proposal"><h3>${t.minutes.proposal}</h3>
  ${item.proposal.proposedBy?.trim() && html`<p class="meta">${t.minutes.proposedBy} ${item.proposal.proposedBy.trim()}</p>`}
  <div class="paragraph-text">${multiline(item.proposal.text)}</div></section>`;
}

/** After the decision: yrkanden, propositionsordning, votes, reservations, protokollsanteckningar, omedelbar justering. */
function proceedingsBlocks(context: PageContext, item: MinutesItem, label: string): Html {
  const { t } = context;
  const support = (names: string[] | undefined) => (names ?? []).map((n) => n.trim()).filter(Boolean);
  return html`${nonEmpty(item.motions) &&
  html`<section class="motions"><h3>${t.minutes.motions}</h3><ol class="plain">${item.motions.map(
    (m) => html`<li><p>${t.minutes.motionLine(who({ name: m.mover, party: m.party }))} ${inlineLines(m.text)}</p>${
      support(m.supportedBy).length > 0 && html`<p class="meta">${t.minutes.motionSupport(joinNames(context, support(m.supportedBy)))}</p>`
    }</li>`,
  )}</ol></section>`}
  ${(item.propositionOrder?.trim() || item.decisionMethod) &&
  html`<section class="proposition-order"><h3>${t.minutes.propositionOrder}</h3>
    ${item.propositionOrder?.trim() && html`<div class="paragraph-text">${multiline(item.propositionOrder)}</div>`}
    ${item.decisionMethod === 'acclamation' ? html`<p>${t.minutes.acclamation}</p>` : item.decisionMethod === 'vote' && !nonEmpty(item.votes) ? html`<p>${t.minutes.decidedByVote}</p>` : html``}
  </section>`}
  ${item.votes?.map((vote) => voteBlock(context, vote))}
  ${nonEmpty(item.reservations) &&
  html`<section class="reservations"><h3>${t.minutes.reservations}</h3><ul>${item.reservations.map(
    (r) => html`<li>${t.minutes.reservationLine(who(r))}${r.reason ? html`: ${r.reason}` : '.'}</li>`,
  )}</ul></section>`}
  ${nonEmpty(item.protocolNotes) &&
  html`<section class="protocol-notes"><h3>${t.minutes.protocolNotes}</h3><ul>${item.protocolNotes.map(
    (n) => html`<li>${t.minutes.protocolNoteLine(who(n))}: ${inlineLines(n.text)}</li>`,
  )}</ul></section>`}
  ${item.adjustedImmediately && html`<p class="adjusted-immediately"><strong>${t.minutes.adjustedImmediately}</strong><span class="visually-hidden"> (${label})</span></p>`}`;
}

/** One § as an article; `permalink` adds the link to its permanent page. */
export function paragraphArticle(context: PageContext, paragraph: ParagraphToShow, index: number, options: { permalink?: string; headingLevel?: 2 | 1 } = {}): Html {
  const { t } = context;
  const label = paragraphLabel(paragraph.number);
  const anchor = paragraphAnchor(paragraph.number, index);
  const item = paragraph.item;
  const heading = (content: Html) => (options.headingLevel === 1 ? html`<h1 id="${anchor}-rubrik">${content}</h1>` : html`<h2 id="${anchor}-rubrik">${content}</h2>`);
  if (!item) {
    return html`<article class="paragraph confidential" id="${anchor}" aria-labelledby="${anchor}-rubrik">
  ${heading(html`<span class="paragraph-number">${label}</span> ${paragraph.withheldTitle ?? t.minutes.confidential}`)}
  <p>${paragraph.confidentialReason ? t.minutes.confidentialReason(paragraph.confidentialReason) : t.minutes.confidentialNoReason}</p>
</article>`;
  }
  return html`<article class="paragraph" id="${anchor}" aria-labelledby="${anchor}-rubrik">
  <header class="paragraph-header">
    ${heading(html`<span class="paragraph-number">${label}</span> ${item.title}`)}
    ${item.caseNumber && html`<p class="case-number">${t.minutes.caseNumber} ${item.caseNumber}</p>`}
  </header>
  ${nonEmpty(item.presenters) && html`<p class="presenters"><strong>${t.minutes.presenters}:</strong> ${item.presenters.join(', ')}</p>`}
  ${disqualificationBlock(context, item)}
  ${item.text && html`<div class="paragraph-text">${multiline(item.text)}</div>`}
  ${proposalBlock(context, item)}
  ${item.decisions.length > 0 &&
  html`<section class="decision" aria-label="${t.minutes.decision} ${label}">
    <h3>${t.minutes.decisionIntro}</h3>
    ${item.decisions.length === 1 ? html`<p>${item.decisions[0]}</p>` : html`<ol class="decision-points">${item.decisions.map((d) => html`<li>${d}</li>`)}</ol>`}
  </section>`}
  ${proceedingsBlocks(context, item, label)}
  ${nonEmpty(item.attachments) && html`<p class="attachments"><strong>${t.minutes.attachments}:</strong> ${item.attachments.join('; ')}</p>`}
  ${options.permalink && html`<p class="permalink"><a href="${options.permalink}">${t.minutes.permalinkTo(label)}</a></p>`}
</article>`;
}

export function signaturesSection(context: PageContext, minutes: Minutes): Html {
  const { t, language } = context;
  if (minutes.signatures.length === 0 && minutes.adjustment.adjusters.length === 0) return html``;
  return html`<section class="signatures" aria-labelledby="underskrifter-rubrik">
  <h2 id="underskrifter-rubrik">${t.minutes.signatures}</h2>
  <ul class="signature-list">${minutes.signatures.map(
    (s) => html`<li><span class="signature-role">${t.minutes.roles[s.role] ?? s.role}</span>
    <span class="person-name">${s.name ?? ''}</span>
    <span class="signature-time">${s.signedAt ? t.minutes.signedAt(instant(s.signedAt, language)) : t.minutes.notSigned}</span></li>`,
  )}</ul>
</section>`;
}
