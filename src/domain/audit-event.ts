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
  'archive.exported',
  'follow_up.proposed',
  'assignment.confirmed',
  'assignment.reported',
  'delegated_decision.confirmed',
  'delegated_decision.registered',
  'delegated_decision.reported',
  'appointment.confirmed',
  'appointment.registered',
  'appointment.ended',
  'consultation.registered',
  'consultation.answered',
  'goal.created',
  'goal.updated',
  'goal.deleted',
  'indicator.created',
  'indicator.updated',
  'indicator.deleted',
  'indicator_follow_up.recorded',
  'indicator_follow_up.deleted',
  'annual_report.drafted',
  'annual_report.edited',
  'user.created',
  'user.signed_in',
  'user.password_changed',
  'role.granted',
  'role.revoked',
] as const;

/** One kind of audit event, e.g. 'minutes.imported'. */
export type AuditEventKind = (typeof auditEventKinds)[number];
