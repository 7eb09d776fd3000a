/**
 * The meeting cycle, from planning to a protocol that is adjusted, signed, publicly noticed and never
 * changes again: the secretary's work as use cases, one module per step in `meeting-cycle/`. Each
 * function is one transaction that checks who may act and the domain's rules, writes, and appends its
 * audit event.
 */
export { type Actor, rulesOf } from './meeting-cycle/common.ts';
export { createOrganization, createBody, createPerson, addMandate } from './meeting-cycle/bodies.ts';
export { standardAgendaItems, type AgendaKind, planMeeting, addAgendaItem, type ParagraphChanges, paragraphVersion, updateParagraph, sendMeetingNotice, attachableTypes, MAX_ATTACHMENT_BYTES, attachDocument, meetingOfFile, readFileForDownload } from './meeting-cycle/planning.ts';
export { type AttendanceInput, type OtherParticipantInput, recordAttendance } from './meeting-cycle/attendance.ts';
export { finaliseMinutes, adjustParagraphAtMeeting } from './meeting-cycle/finalise.ts';
export { type SignatureProvider, builtInSignatureProvider, signMinutes, rejectMinutes } from './meeting-cycle/signing.ts';
export { postNotice, createExtract, type ExtractRecipient } from './meeting-cycle/notice.ts';
export { type CurrentLegalFindings, currentLegalFindings } from './meeting-cycle/legal-gate.ts';
export { type MeetingOverview, getMeetingOverview, exportMinutes, type MinutesFormat, DOCX_TYPE, listMeetings, listAwaitingSignature } from './meeting-cycle/reading.ts';
export { configureSigning, signingConfigurationOf, usesSelfSignedCertificate, DEFAULT_STEP_UP_MINUTES, type SigningConfiguration } from './meeting-cycle/pades.ts';
export { getSignatureReceipt, readDocumentToSign, type SignatureReceipt } from './meeting-cycle/receipt.ts';
