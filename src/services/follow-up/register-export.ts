/**
 * Every register of an organisation in one file, CSV or XLSX, for the auditors: uppdrag with their
 * återrapportering, delegationsbeslut, the delegationsordning, representation, remisser, and mål with
 * indikatorer and uppföljningar. Read by users with a role in the organisation; the column headings are
 * Swedish, as the registers are kept.
 */
import { renderCsv, renderXlsx, type Sheet } from '../../documents/spreadsheet.ts';
import { projectsSheet } from '../projects.service.ts';
import { InputError } from '../../errors.ts';
import type { Database } from '../../storage/index.ts';
import { requireRegisterReader } from '../accounts.service.ts';
import type { Actor } from '../meeting-cycle/common.ts';
import { listAppointments, listConsultations, listDelegatedDecisions, listGoals, type ParagraphRef } from '../follow-up.service.ts';
import { listDelegationOrder } from './delegation.ts';
import { listAssignmentRegister } from './report-back.ts';

export const REGISTER_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type RegisterExportFormat = (typeof REGISTER_EXPORT_FORMATS)[number];

const contentTypes: Record<RegisterExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The registers of an organisation as tables, one per register. */
export async function registerSheets(db: Database, input: { organizationId: string; today: string }, actor: Actor | null): Promise<Sheet[]> {
  // The CLI (no signed-in user) is the operator; a signed-in user needs a role in the organisation.
  if (actor?.viewer) requireRegisterReader(actor.viewer, { organizationId: input.organizationId });
  const system = actor ?? undefined;
  const { organizationId, today } = input;
  const ref = (p: ParagraphRef | null) => (p ? `${p.bodyName} ${p.heldOn ?? ''} § ${p.number ?? ''}`.trim() : '');
  const assignments = await listAssignmentRegister(db, { organizationId, status: 'all', today }, system);
  const delegated = await listDelegatedDecisions(db, { organizationId, status: 'all' });
  const order = await listDelegationOrder(db, { organizationId, on: today }, system);
  const appointments = await listAppointments(db, { organizationId, status: 'all' });
  const consultations = await listConsultations(db, { organizationId, today });
  const goals = await listGoals(db, { organizationId });
  const projects = await projectsSheet(db, organizationId, system);
  return [
    {
      name: 'Uppdrag',
      columns: ['Ansvarig', 'Uppdrag', 'Ska återrapporteras', 'Status', 'Försenat', 'Beslutat i', 'Återrapporterat', 'Återrapportering', 'På dagordningen', 'Återrapporterat i'],
      rows: assignments.map((a) => [
        a.assignee,
        a.description,
        a.dueOn,
        a.status,
        a.overdue ? 'ja' : 'nej',
        ref(a.source),
        a.report?.reportSubmittedOn ?? null,
        a.report?.reportText ?? null,
        ref(a.listedIn),
        ref(a.reportedIn),
      ]),
    },
    {
      name: 'Delegationsbeslut',
      columns: ['Organ', 'Beslutsdatum', 'Dnr', 'Punkt', 'Beslutat av', 'Beslut', 'Status', 'På dagordningen', 'Anmält i'],
      rows: delegated.map((d) => [d.bodyName, d.decidedOn, d.caseNumber, d.rulePoint, d.delegate, d.description, d.status, ref(d.listedIn), ref(d.reportedIn)]),
    },
    {
      name: 'Delegationsordning',
      columns: ['Organ', 'Punkt', 'Ärende', 'Delegat', 'Begränsningar', 'Lagrum', 'Gäller från', 'Gäller till', 'Gäller idag'],
      rows: order.map((i) => [i.bodyName, i.code, i.matter, i.delegate, i.limits, i.legalBasis, i.validFrom, i.validTo, i.inForce ? 'ja' : 'nej']),
    },
    {
      name: 'Representation',
      columns: ['Externt organ', 'Namn', 'Roll', 'Från', 'Till', 'Status', 'Beslutat i'],
      rows: appointments.map((a) => [a.externalBody, a.personName, a.role === 'substitute' ? 'ersättare' : 'ordinarie', a.since, a.endsOn, a.status, ref(a.decidedIn)]),
    },
    {
      name: 'Remisser',
      columns: ['Avsändare', 'Remiss', 'Dnr', 'Inkom', 'Svar senast', 'Försenad', 'Besvarad i'],
      rows: consultations.map((c) => [c.sender, c.title, c.caseNumber, c.receivedOn, c.dueOn, c.overdue ? 'ja' : 'nej', ref(c.answeredIn)]),
    },
    {
      name: 'Mål och indikatorer',
      columns: ['År', 'Område', 'Mål', 'Indikator', 'Enhet', 'Utgångsläge', 'Målvärde', 'Period', 'Värde', 'Kommentar'],
      rows: goals.flatMap((g) =>
        g.indicators.length === 0
          ? [[g.planYear, g.area, g.title, null, null, null, null, null, null, null]]
          : g.indicators.flatMap((i) =>
              (i.followUps.length ? i.followUps : [null]).map((f) => [g.planYear, g.area, g.title, i.title, i.unit, i.baseline, i.targetValue, f ? `${f.year} ${f.period}` : null, f?.value ?? null, f?.comment ?? null]),
            ),
      ),
    },
    projects,
  ];
}

/** The registers as a file: its bytes, content type and a file name. */
export async function exportRegisters(
  db: Database,
  input: { organizationId: string; organizationName: string; today: string; format: string },
  actor: Actor | null,
): Promise<{ bytes: Uint8Array; contentType: string; fileName: string }> {
  if (!(REGISTER_EXPORT_FORMATS as readonly string[]).includes(input.format)) {
    throw new InputError({ path: 'format', code: 'invalid_format', message: `use csv or xlsx, not '${input.format}'` });
  }
  const format = input.format as RegisterExportFormat;
  const sheets = await registerSheets(db, input, actor);
  const bytes = format === 'csv' ? renderCsv(sheets) : renderXlsx(sheets);
  const slug = input.organizationName.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'organisation';
  return { bytes, contentType: contentTypes[format], fileName: `register-${slug}-${input.today}.${format}` };
}
