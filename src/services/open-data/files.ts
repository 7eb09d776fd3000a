/**
 * OParl Files beyond the protocol's own object: bilagor of public §§ as `auxiliaryFile`, the checksums of
 * the protocol, and what is no longer public as deleted objects.
 */
import type { AnnouncedMeetingRow, OpenAttachmentRow, OpenMeetingRow, OpenParagraphKeyRow, OpenSealRow } from '../../storage/open-data.store.ts';
import { findFileById, readStoredFile, type DatabaseHandle } from '../../storage/index.ts';
import { deletedObject, iso, latest, OPEN_DATA_LICENSE, SCHEMA, type OParlObject } from './common.ts';
import { publicAgendaItems } from './agenda-rule.ts';
import { attachmentFileName, factsOf, INVITATION_STATUSES, publicProtocolFile, type FileFacts } from './public-files.ts';

/** The size and checksums of a meeting's public PDF, keyed by what its bytes depend on (the seal, the §§ under secrecy). */
export function protocolFacts(handle: DatabaseHandle, meetingId: string, seal: OpenSealRow | undefined): Promise<FileFacts | null> {
  if (!seal) return Promise.resolve(null);
  const key = seal.confidential_ids ? `rendition:${meetingId}:${seal.content_sha256}:${seal.confidential_ids}` : `sealed:${meetingId}:${seal.file_sha256 ?? ''}`;
  return factsOf(key, async () => (await publicProtocolFile(handle, meetingId))?.bytes ?? null);
}

export const attachmentUrl = (web: string, attachmentId: string) => `${web}/arkiv/bilagor/${attachmentId}`;
export const invitationUrl = (web: string, meetingId: string) => `${web}/kommande/${meetingId}/kallelse.pdf`;

/** The bilagor of a meeting's public §§ as File objects, with the § each belongs to. */
export async function attachmentObjects(
  handle: DatabaseHandle,
  input: { base: string; web: string; meeting: OpenMeetingRow; attachments: OpenAttachmentRow[] },
): Promise<{ paragraphId: string; file: OParlObject }[]> {
  const out: { paragraphId: string; file: OParlObject }[] = [];
  for (const a of input.attachments) {
    // Stored files are addressed by their SHA-256, so its checksums are computed once per content.
    const facts = await factsOf(`stored:${a.sha256}`, async () => {
      const file = await findFileById(handle.db, a.file_id);
      return file ? readStoredFile(handle.filesDir, file) : null;
    });
    out.push({
      paragraphId: a.paragraph_id,
      file: {
        id: `${input.base}/files/${a.id}-bilaga`,
        type: `${SCHEMA}File`,
        name: a.title,
        fileName: attachmentFileName(a.title, a.original_name),
        mimeType: a.content_type.split(';')[0]!.trim(),
        date: input.meeting.held_on,
        size: facts?.size ?? Number(a.size),
        ...(facts ? { sha512Checksum: facts.sha512 } : {}),
        accessUrl: attachmentUrl(input.web, a.id),
        downloadUrl: attachmentUrl(input.web, a.id),
        meeting: [`${input.base}/meetings/${input.meeting.id}`],
        agendaItem: [`${input.base}/agendaitems/${a.paragraph_id}`],
        license: OPEN_DATA_LICENSE,
        created: iso(a.file_created_at),
        modified: latest(a.file_created_at, a.paragraph_updated_at),
      },
    });
  }
  return out;
}

/**
 * Objects that were public and are not any more, derived from the data as it stands (no record of
 * deletions is kept; nothing published is ever deleted from the database, adjusted minutes cannot be):
 *
 * - a § put under secrecy after justering, or an item under secrecy on an announced agenda: its
 *   AgendaItem, Consultation and bilagor, as of the § 's last change;
 * - the agenda and kallelse of a meeting once it is held: from then on its §§ are draft minutes, public
 *   again (the same ids) when adjusted; as of the meeting's last change;
 * - the kallelse of adjusted minutes, which the protocol replaces.
 */
export function withdrawnObjects(input: {
  base: string;
  web: string;
  adjusted: OpenMeetingRow[];
  announced: AnnouncedMeetingRow[];
  paragraphKeys: OpenParagraphKeyRow[];
  attachments: OpenAttachmentRow[];
}): { agendaitems: OParlObject[]; consultations: OParlObject[]; files: OParlObject[] } {
  const { base, web } = input;
  const agendaitems: OParlObject[] = [];
  const consultations: OParlObject[] = [];
  const files: OParlObject[] = [];
  const item = (p: OpenParagraphKeyRow, modified: Date | string) => deletedObject(`${base}/agendaitems/${p.id}`, 'AgendaItem', p.created_at, modified, { order: p.position + 1 });
  const invitation = (m: { id: string; created_at: Date | string; updated_at: Date | string }) =>
    deletedObject(`${base}/files/${m.id}-kallelse`, 'File', m.created_at, m.updated_at, { accessUrl: invitationUrl(web, m.id) });

  for (const m of input.adjusted) {
    for (const p of input.paragraphKeys.filter((k) => k.meeting_id === m.id && k.confidential)) {
      agendaitems.push(item(p, p.updated_at));
      if (p.case_id) consultations.push(deletedObject(`${base}/consultations/${p.id}`, 'Consultation', p.created_at, p.updated_at));
      for (const a of input.attachments.filter((x) => x.paragraph_id === p.id)) {
        files.push(deletedObject(`${base}/files/${a.id}-bilaga`, 'File', a.file_created_at, latest(a.file_created_at, p.updated_at), { accessUrl: attachmentUrl(web, a.id) }));
      }
    }
    if (m.convened_at) files.push(invitation(m));
  }
  for (const m of input.announced) {
    const own = input.paragraphKeys.filter((k) => k.meeting_id === m.id);
    if (INVITATION_STATUSES.has(m.status)) {
      const visible = new Set(publicAgendaItems(own).map((p) => p.id));
      for (const p of own.filter((k) => !visible.has(k.id))) agendaitems.push(item(p, p.updated_at));
    } else {
      for (const p of own) agendaitems.push(item(p, latest(m.updated_at, p.updated_at)));
      files.push(invitation(m));
    }
  }
  return { agendaitems, consultations, files };
}
