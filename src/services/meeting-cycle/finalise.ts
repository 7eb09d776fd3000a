/** Finalising the draft (färdigställande) and omedelbar justering of one §. */
import { renderMinutesPdf } from '../../documents/index.ts';
import {
  adjustParagraphImmediately,
  draftMinutesApproval,
  finalise,
  isAdjusted,
  type MinutesApproval,
} from '../../domain/minutes-state.ts';
import { InputError } from '../../errors.ts';
import {
  appendAuditEvent,
  findPersonById,
  inTransaction,
  loadMinutes,
  storeFile,
  type DatabaseHandle,
} from '../../storage/index.ts';
import {
  listAdjusters,
  listAttendance,
  listParagraphsOfMeeting,
  listSignatures,
  replaceAttendance,
  replaceSignatures,
  updateMeeting,
  updateParagraphRow,
  updateSignature,
} from '../../storage/meeting-cycle.store.ts';
import type { Database } from '../../storage/database.ts';
import { type Actor, contextOf, isoInstant, lockEditableMeeting, requirePerson } from './common.ts';
import { enforceLegalChecks } from './legal-gate.ts';
import { appendPersonSignature } from './pades.ts';
import { authenticationColumns, authenticationRecord, completeAdjustment } from './signing.ts';
import { queueSigningRequests } from '../signing-links.service.ts';


// ————— justering —————

/**
 * The secretary finalises the draft: the protocol is rendered as PDF/A with a page naming those who are
 * to sign, and stored; its SHA-256 is what the chair and adjusters approve. The secretary's own
 * signature is the first PAdES signature in the file (finalising is the secretary's signing; no step-up
 * is asked for it, docs/decisions.md). The legal checks run before anything is written (legal-gate.ts):
 * an error refuses, warnings need `legalReason`. With `mail` (the site's address, when mail is
 * configured) every pending signer with an e-mail address is asked to sign, in this transaction: a link
 * to the signing page, or for a signer without an account a one-time link (signing-links.service.ts).
 */
export async function finaliseMinutes(
  handle: DatabaseHandle,
  meetingId: string,
  input: { at: Date; legalReason?: string | null; mail?: { publicUrl: string; mailDomain: string } | null },
  actor: Actor,
): Promise<{ sha256: string; fileId: string }> {
  const by = requirePerson(actor);
  return inTransaction(handle.db, async (tx) => {
    const meeting = await lockEditableMeeting(tx, meetingId, actor);
    const { body, organization, rules } = await contextOf(tx, meeting);
    const attendanceRows = await listAttendance(tx, meetingId);
    const adjusterRows = await listAdjusters(tx, meetingId);
    const chair = attendanceRows.find((a) => a.role === 'chair') ?? attendanceRows.find((a) => a.role === 'vice-chair');
    const previous = (meeting.approval as MinutesApproval | null) ?? null;
    const draft = previous && previous.status === 'draft'
      ? { ...previous, secretaryId: by, chairId: chair?.personId ?? null, adjusterIds: adjusterRows.flatMap((a) => (a.personId ? [a.personId] : [])) }
      : draftMinutesApproval({ secretaryId: by, chairId: chair?.personId ?? null, adjusterIds: adjusterRows.flatMap((a) => (a.personId ? [a.personId] : [])) });
    const approval = finalise(draft, { by, at: isoInstant(input.at), rules });
    const legal = await enforceLegalChecks(tx, { step: 'finalise', meeting, at: input.at, legalReason: input.legalReason });

    const secretary = await findPersonById(tx, by);
    // The secretary is listed among those present, as Swedish minutes do, when the roll-call did not name them.
    if (secretary && !attendanceRows.some((a) => a.personId === by)) {
      const kept = attendanceRows.map(({ id: _id, meetingId: _meetingId, ...rest }) => rest);
      await replaceAttendance(tx, meetingId, [
        ...kept,
        { position: kept.length, personId: by, name: secretary.name, role: 'secretary', party: null, represents: null, voting: null, remote: false, paragraphs: null },
      ]);
    }
    const signerRows = [
      { role: 'secretary', name: secretary?.name ?? actor.name ?? null, personId: by, status: 'signed', signedAt: input.at, provider: 'built-in' },
      ...(approval.chairId && rules.signerRoles.includes('chair') ? [{ role: 'chair', name: chair?.name ?? null, personId: approval.chairId, status: 'pending', signedAt: null, provider: null }] : []),
      ...(rules.signerRoles.includes('adjuster') ? adjusterRows.map((a) => ({ role: 'adjuster', name: a.name, personId: a.personId, status: 'pending', signedAt: null, provider: null })) : []),
    ];
    await replaceSignatures(tx, meetingId, signerRows);
    await updateMeeting(tx, meetingId, { status: 'finalised', approval: approval as unknown as Record<string, unknown>, adjustedOn: null });

    // The document signed is the protocol as finalised, with a page naming the signers; their signatures go into the file.
    const minutes = await loadMinutes(tx, meetingId);
    const pdf = await renderMinutesPdf(minutes, {
      createdAt: input.at,
      signatureRecord: { documentSha256: null, signatures: signerRows.map((row) => ({ role: row.role as 'secretary' | 'chair' | 'adjuster', name: row.name, signedAt: null, provider: null })) },
    });
    const file = await storeFile(tx, handle.filesDir, { bytes: pdf, contentType: 'application/pdf', originalName: `protokoll-${body.name}-${meeting.heldOn}-v${approval.version}.pdf` });
    await updateMeeting(tx, meetingId, { minutesFileId: file.id, minutesSha256: file.sha256 });
    const rows = await listSignatures(tx, meetingId);
    const authentication = { method: actor.viewer?.authentication?.method ?? 'system', at: actor.viewer?.authentication?.at ?? null, issuer: actor.viewer?.authentication?.issuer ?? null, subject: actor.viewer?.authentication?.subject ?? null, acr: actor.viewer?.authentication?.acr ?? null } as const;
    const signed = await appendPersonSignature(tx, handle, {
      meeting: { ...meeting, minutesFileId: file.id },
      organisation: { id: organization?.id ?? null, name: organization?.name ?? 'Protokoll' },
      location: meeting.location ?? organization?.name ?? '',
      signatureRows: rows,
      signer: { role: 'secretary', name: rows[0]!.name ?? '' },
      provider: 'built-in',
      authentication,
      at: input.at,
    });
    await updateSignature(tx, rows[0]!.id, { documentSha256: file.sha256, fileId: signed.id, fileSha256: signed.sha256, ...authenticationColumns(authentication) });
    await appendAuditEvent(tx, { kind: 'minutes.finalised', entityType: 'meeting', entityId: meetingId, actor: actor.userId ?? by, data: { sha256: file.sha256, fileSha256: signed.sha256, version: approval.version, authentication: authenticationRecord(authentication), ...legal } });
    if (input.mail && meeting.heldOn && !isAdjusted(approval)) {
      await queueSigningRequests(tx, {
        meeting: { id: meetingId, heldOn: meeting.heldOn },
        bodyName: body.name,
        organization: organization ? { id: organization.id, name: organization.name } : null,
        version: approval.version,
        signers: signerRows.filter((row) => row.status === 'pending'),
        publicUrl: input.mail.publicUrl,
        mailDomain: input.mail.mailDomain,
        now: input.at,
        actor: actor.userId ?? by,
      });
    }
    // Where the rules ask nobody else to sign (an association's or a network's own choice), finalising adjusts.
    if (isAdjusted(approval)) await completeAdjustment(tx, handle, { meeting: { ...meeting, minutesFileId: file.id }, approval, at: input.at, actor });
    return { sha256: file.sha256, fileId: file.id };
  });
}

/** Omedelbar justering: one § is adjusted at the meeting, so it may be executed before the whole protocol. */
export async function adjustParagraphAtMeeting(db: Database, meetingId: string, input: { paragraph: number; on: string }, actor: Actor): Promise<void> {
  const by = requirePerson(actor);
  await inTransaction(db, async (tx) => {
    const meeting = await lockEditableMeeting(tx, meetingId, actor);
    const rows = await listParagraphsOfMeeting(tx, meetingId);
    const row = rows.find((p) => p.number === input.paragraph);
    if (!row) throw new InputError({ path: 'paragraph', code: 'unknown_paragraph', message: `the meeting has no § ${input.paragraph}` });
    const adjusterRows = await listAdjusters(tx, meetingId);
    const chair = (await listAttendance(tx, meetingId)).find((a) => a.role === 'chair');
    const approval = (meeting.approval as MinutesApproval | null) ??
      draftMinutesApproval({ secretaryId: by, chairId: chair?.personId ?? null, adjusterIds: adjusterRows.flatMap((a) => (a.personId ? [a.personId] : [])) });
    const next = adjustParagraphImmediately(approval, { paragraph: input.paragraph, adjustedOn: input.on });
    await updateParagraphRow(tx, row.id, { adjustedImmediately: true });
    await updateMeeting(tx, meetingId, { approval: next as unknown as Record<string, unknown> });
    await appendAuditEvent(tx, { kind: 'minutes.adjusted', entityType: 'paragraph', entityId: row.id, actor: actor.userId ?? by, data: { immediately: true, on: input.on } });
  });
}

