/**
 * Händelselogg: the kinds of event the audit log records. Every use case that changes data appends
 * one of these in the same transaction as the change.
 */
export const auditEventKinds = [
  'organization.created',
  'body.created',
  'person.created',
  'mandate.created',
  'meeting.created',
  'minutes.saved',
  'minutes.imported',
  'minutes.finalised',
  'minutes.signed',
  'minutes.rejected',
  'minutes.adjusted',
  'notice.posted',
  'extract.certified',
] as const;

/** One kind of audit event, e.g. 'minutes.imported'. */
export type AuditEventKind = (typeof auditEventKinds)[number];
