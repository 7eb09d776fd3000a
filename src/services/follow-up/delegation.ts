/**
 * The delegationsordning as data, delegationsbeslut entered against its points, and the anmälan to the
 * body: the secretary keeps the order (one row per point: code, matter, delegate, limits, legal basis,
 * validity), enters each decision taken under a point, and reports the decisions to the body at its next
 * meeting in the "Anmälan av delegationsbeslut" § (follow-up.service lists them there; they are reported
 * once those minutes are adjusted). The order and the reported decisions are public.
 */
import { isIsoDate } from '../../domain/legal-dates.ts';
import { InputError, NotFoundError, RuleError, type Problem } from '../../errors.ts';
import { findBodyScope } from '../../storage/accounts.store.ts';
import {
  findDelegationOrderItemById,
  findPublishedParagraphIds,
  insertDelegationOrderItem,
  listDelegationOrderRows,
  updateDelegationOrderItem,
  type DelegationOrderItemListRow,
} from '../../storage/delegation-order.store.ts';
import { findOpenMeetingsOfBodyFrom } from '../../storage/follow-up.store.ts';
import { appendAuditEvent, findBodyById, inTransaction, type Database } from '../../storage/index.ts';
import { listParagraphsOfMeeting } from '../../storage/meeting-cycle.store.ts';
import { requireRegisterKeeper, requireRegisterReader } from '../accounts.service.ts';
import type { Actor } from '../meeting-cycle/common.ts';
import { addAgendaItemInside, standardAgendaItems } from '../meeting-cycle/planning.ts';
import { listDelegatedDecisions, listDelegatedDecisionsOnAgenda, type DelegatedDecisionEntry } from '../follow-up.service.ts';

const swedishOrder = new Intl.Collator('sv', { numeric: true });

/** A point of the delegationsordning, and whether it is in force on the day asked about. */
export interface DelegationOrderItem extends DelegationOrderItemListRow {
  inForce: boolean;
}

/** What a point of the delegationsordning needs. */
export interface DelegationOrderItemInput {
  bodyId: string;
  code: string;
  matter: string;
  delegate: string;
  limits?: string | null;
  legalBasis?: string | null;
  validFrom: string;
  validTo?: string | null;
}

/** Adds a point to a body's delegationsordning. Only a secretary or administrator of its organisation may. */
export async function addDelegationOrderItem(db: Database, input: DelegationOrderItemInput, actor: Actor): Promise<DelegationOrderItem> {
  const problems: Problem[] = [];
  for (const field of ['code', 'matter', 'delegate'] as const) {
    if (!input[field]?.trim()) problems.push({ path: field, code: 'required', message: `${field} is required` });
  }
  if (!isIsoDate(input.validFrom ?? '')) problems.push({ path: 'validFrom', code: 'invalid_date', message: `expected a date YYYY-MM-DD, got '${input.validFrom}'` });
  if (input.validTo && !isIsoDate(input.validTo)) problems.push({ path: 'validTo', code: 'invalid_date', message: `expected a date YYYY-MM-DD, got '${input.validTo}'` });
  if (input.validTo && isIsoDate(input.validTo) && isIsoDate(input.validFrom ?? '') && input.validTo < input.validFrom) {
    problems.push({ path: 'validTo', code: 'valid_to_before_valid_from', message: 'the point cannot end before it begins' });
  }
  if (problems.length) throw new InputError(problems);
  return inTransaction(db, async (tx) => {
    const body = await findBodyById(tx, input.bodyId);
    if (!body || !body.organizationId) throw new InputError({ path: 'bodyId', code: 'unknown_body', message: `no body with id ${input.bodyId}` });
    requireRegisterKeeper(actor.viewer ?? null, { organizationId: body.organizationId, bodyId: body.id });
    const row = await insertDelegationOrderItem(tx, {
      organizationId: body.organizationId,
      bodyId: body.id,
      code: input.code.trim(),
      matter: input.matter.trim(),
      delegate: input.delegate.trim(),
      limits: input.limits?.trim() || null,
      legalBasis: input.legalBasis?.trim() || null,
      validFrom: input.validFrom,
      validTo: input.validTo || null,
    });
    await appendAuditEvent(tx, { kind: 'delegation_order.item_added', entityType: 'delegation_order_item', entityId: row.id, actor: actor.userId ?? null, data: { bodyId: body.id, code: row.code } });
    const [entry] = await listDelegationOrderRows(tx, { ids: [row.id] });
    return { ...entry!, inForce: true };
  });
}

/** Ends a point of the delegationsordning on a day (the body revised its order). */
export async function endDelegationOrderItem(db: Database, input: { itemId: string; validTo: string }, actor: Actor): Promise<void> {
  if (!isIsoDate(input.validTo ?? '')) throw new InputError({ path: 'validTo', code: 'invalid_date', message: `expected a date YYYY-MM-DD, got '${input.validTo}'` });
  await inTransaction(db, async (tx) => {
    const item = isUuid(input.itemId) ? await findDelegationOrderItemById(tx, input.itemId) : null;
    if (!item) throw new NotFoundError('delegation_item_not_found', `no point ${input.itemId} in a delegationsordning`, { itemId: input.itemId });
    requireRegisterKeeper(actor.viewer ?? null, { organizationId: item.organizationId, bodyId: item.bodyId });
    if (input.validTo < item.validFrom) throw new InputError({ path: 'validTo', code: 'valid_to_before_valid_from', message: 'the point cannot end before it begins' });
    await updateDelegationOrderItem(tx, item.id, { validTo: input.validTo });
    await appendAuditEvent(tx, { kind: 'delegation_order.item_ended', entityType: 'delegation_order_item', entityId: item.id, actor: actor.userId ?? null, data: { validTo: input.validTo } });
  });
}

/** An organisation's delegationsordning for users with a role in it: every point, in code order. */
export async function listDelegationOrder(db: Database, filter: { organizationId: string; bodyId?: string; on: string }, actor: Actor | undefined): Promise<DelegationOrderItem[]> {
  if (actor?.viewer) requireRegisterReader(actor.viewer, { organizationId: filter.organizationId });
  return delegationOrder(db, filter);
}

/**
 * The delegationsordning as the public sees it: the points in force on the day, of every organisation
 * or of one. A delegationsordning is a public decision of the body; nothing in it is masked.
 */
export async function listPublicDelegationOrder(db: Database, filter: { organizationId?: string; on: string }): Promise<DelegationOrderItem[]> {
  return (await delegationOrder(db, filter)).filter((item) => item.inForce);
}

async function delegationOrder(db: Database, filter: { organizationId?: string; bodyId?: string; on: string }): Promise<DelegationOrderItem[]> {
  const rows = await listDelegationOrderRows(db, {
    ...(filter.organizationId ? { organizationId: filter.organizationId } : {}),
    ...(filter.bodyId ? { bodyId: filter.bodyId } : {}),
  });
  return rows
    .map((row) => ({ ...row, inForce: row.validFrom <= filter.on && (row.validTo === null || row.validTo >= filter.on) }))
    .sort((a, b) => swedishOrder.compare(a.bodyName, b.bodyName) || swedishOrder.compare(a.code, b.code) || a.validFrom.localeCompare(b.validFrom));
}

/** Where an anmälan went: the meeting and its "Anmälan av delegationsbeslut" §, and how many it lists. */
export interface DelegationReport {
  meetingId: string;
  heldOn: string;
  paragraphId: string;
  number: number | null;
  listed: number;
}

/**
 * Reports the body's registered delegationsbeslut to it (anmälan): on the agenda of its next open meeting
 * from `today`, in its "Anmälan av delegationsbeslut" §, added when the agenda has none. The decisions are
 * reported once those minutes are adjusted. Refused when the body has no open meeting to report to.
 */
export async function reportDelegatedDecisionsToBody(db: Database, input: { bodyId: string; today: string }, actor: Actor): Promise<DelegationReport> {
  return inTransaction(db, async (tx) => {
    const scope = isUuid(input.bodyId) ? await findBodyScope(tx, input.bodyId) : null;
    if (!scope) throw new NotFoundError('body_not_found', `no body with id ${input.bodyId}`, { bodyId: input.bodyId });
    requireRegisterKeeper(actor.viewer ?? null, scope);
    const [meeting] = await findOpenMeetingsOfBodyFrom(tx, scope.bodyId, input.today);
    if (!meeting || !meeting.heldOn || meeting.status === 'finalised') {
      throw new RuleError('no_open_meeting', 'the body has no coming meeting to report to; plan its next meeting first', { path: 'bodyId' });
    }
    const hasItem = (await listParagraphsOfMeeting(tx, meeting.id)).some((p) => p.agendaKind === 'delegated_decisions');
    if (!hasItem) await addAgendaItemInside(tx, meeting, { title: standardAgendaItems.delegated_decisions, agendaKind: 'delegated_decisions' }, actor);
    const listed = await listDelegatedDecisionsOnAgenda(tx, meeting);
    if (!listed) throw new RuleError('no_delegation_item', 'the meeting has no "Anmälan av delegationsbeslut" item that can still change', { meetingId: meeting.id });
    await appendAuditEvent(tx, {
      kind: 'minutes.saved',
      entityType: 'paragraph',
      entityId: listed.paragraphId,
      actor: actor.userId ?? null,
      data: { delegatedDecisions: listed.delegatedDecisionIds.length },
    });
    return { meetingId: meeting.id, heldOn: meeting.heldOn, paragraphId: listed.paragraphId, number: listed.number, listed: listed.delegatedDecisionIds.length };
  });
}

/**
 * The delegationsbeslut the public may see: those reported to the body in a § of adjusted, published
 * minutes that is not confidential. Masking of personal data in their text follows the minutes' masking
 * (see maskForPublic).
 */
export async function listPublicDelegatedDecisions(db: Database, filter: { organizationId?: string } = {}): Promise<DelegatedDecisionEntry[]> {
  const reported = await listDelegatedDecisions(db, { ...(filter.organizationId ? { organizationId: filter.organizationId } : {}), status: 'reported' });
  const published = new Set(await findPublishedParagraphIds(db, [...new Set(reported.flatMap((d) => (d.reportedIn ? [d.reportedIn.paragraphId] : [])))]));
  return reported.filter((d) => d.reportedIn && published.has(d.reportedIn.paragraphId)).map(maskForPublic);
}

/**
 * The hook where a public delegationsbeslut gets the same masking as the § that reported it. Today the
 * register's own fields (description, delegate, Dnr) are shown as entered: they are written for the
 * anmälan, which is public, and the secretary is told so on the form (docs/follow-up.md).
 */
function maskForPublic(entry: DelegatedDecisionEntry): DelegatedDecisionEntry {
  return entry;
}

function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}
