/**
 * The kallelse package for reading: the latest kallelse PDF followed by every PDF document of the agenda,
 * as one file. For those who may read the meeting's unpublished documents (its members, signers and
 * secretaries: the same check as for each document), since the package holds them all, confidential
 * items' underlag included.
 */
import { buildKallelsePackage } from '../documents/kallelse-package.ts';
import { NotFoundError, RuleError } from '../errors.ts';
import { findFileById, listInvitations, listParagraphsOfMeeting, listStoredAttachments, readStoredFile, type DatabaseHandle } from '../storage/index.ts';
import { requireMemberOfMeeting, type Viewer } from './accounts.service.ts';

export interface KallelsePackageTexts {
  /** The PDF's title; asked for only once access is granted. */
  title: () => Promise<string>;
  notMerged: { heading: string; lead: string; unreadable: string };
  /** The bookmark of the kallelse in the package's outline. */
  noticeBookmark?: string;
}

export async function getKallelsePackage(
  handle: DatabaseHandle,
  viewer: Viewer | null,
  meetingId: string,
  texts: KallelsePackageTexts,
): Promise<{ pdf: Uint8Array; merged: number; listed: number }> {
  await requireMemberOfMeeting(handle.db, viewer, meetingId);
  const invitations = await listInvitations(handle.db, meetingId);
  // Each sending of the kallelse stores its own PDF; the newest is the one in force.
  const latest = invitations.filter((i) => i.fileId).sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime())[0];
  if (!latest?.fileId) throw new RuleError('kallelse_not_sent', 'the kallelse of this meeting has not been sent yet', { meetingId });
  const notice = await findFileById(handle.db, latest.fileId);
  if (!notice) throw new NotFoundError('file_not_found', `no file ${latest.fileId}`);
  // One bookmark per agenda item, in the agenda's order (kallelse-package.ts draws the outline).
  const items = await listParagraphsOfMeeting(handle.db, meetingId);
  const agenda = items.map((p) => `${p.number !== null ? `§ ${p.number} ` : ''}${p.title}`);
  const documents = [];
  for (const attachment of await listStoredAttachments(handle.db, meetingId)) {
    const file = await findFileById(handle.db, attachment.fileId);
    if (!file) continue;
    documents.push({
      item: attachment.number !== null ? `§ ${attachment.number}` : '§',
      itemIndex: items.findIndex((p) => p.id === attachment.paragraphId),
      title: attachment.title,
      contentType: file.contentType.split(';')[0]!.trim().toLowerCase(),
      bytes: readStoredFile(handle.filesDir, file),
    });
  }
  const result = await buildKallelsePackage({ title: await texts.title(), notice: readStoredFile(handle.filesDir, notice), documents, notMerged: texts.notMerged, agenda, noticeBookmark: texts.noticeBookmark ?? 'Kallelse' });
  return { pdf: result.pdf, merged: result.merged, listed: result.listed.length };
}
