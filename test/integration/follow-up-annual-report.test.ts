import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import {
  confirmAllProposals,
  createGoal,
  createIndicator,
  proposeFollowUp,
  recordIndicatorFollowUp,
  resolveOrganizationId,
} from '../../src/services/follow-up.service.ts';
import {
  draftAnnualReport,
  renderAnnualReportAsHtml,
  renderAnnualReportAsPdf,
  updateAnnualReportSections,
} from '../../src/services/annual-report.service.ts';
import { getBodies } from '../../src/services/registers.service.ts';
import type { Minutes } from '../../src/domain/minutes.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { annotatedSeeds } from '../support/seeds.ts';
import { buildMinutes } from '../support/factories.ts';


describeOnEachEngine('drafting the annual report (verksamhetsberättelse)', (database) => {
  async function yearOfMeetings(organization: string) {
    const { db } = database();
    const seed000 = annotatedSeeds().find((s) => s.name.startsWith('000'))!.expected as Minutes;
    const stored = [
      await saveMinutes(db, buildMinutes({ organization, date: '2020-02-13', paragraphs: [1, 2, 3] })),
      await saveMinutes(db, { ...seed000, organization }),
      await saveMinutes(db, { ...buildMinutes({ organization, date: '2020-10-16', paragraphs: [30, 31] }), meeting: { date: '2020-10-16', start: '09:00', end: '11:00', location: 'Teams', remote: true } }),
    ];
    for (const { meetingId } of stored) await proposeFollowUp(db, meetingId);
    const organizationId = await resolveOrganizationId(db, organization);
    await confirmAllProposals(db, { organizationId });
    const [board] = await getBodies(db, organizationId);
    const goal = await createGoal(db, { organizationId, planYear: 2020, area: 'Utbildning och arbetsliv', title: 'Utveckla gymnasiesamverkan', bodyId: board!.id });
    const indicator = await createIndicator(db, { goalId: goal.id, title: 'Möten i nätverket för gymnasiechefer', unit: 'st', targetValue: '20' });
    await recordIndicatorFollowUp(db, { indicatorId: indicator.id, year: 2020, period: 'T1', value: '6' });
    await recordIndicatorFollowUp(db, { indicatorId: indicator.id, year: 2020, period: 'T2', value: '14', comment: 'Digitala möten under pandemin' });
    return { db, organizationId };
  }

  it('counts the meetings and digital meetings, lists the representation and each area with its goals and follow-ups', async () => {
    const { db, organizationId } = await yearOfMeetings('Kommunförbundet Årsberättelse');
    const report = await draftAnnualReport(db, { organizationId, year: 2020 });
    expect(report.sections.map((s) => s.heading)).toEqual([
      'Styrelsens arbete',
      'Styrelsens representation och externa politiska uppdrag',
      'Utbildning och arbetsliv',
    ]);
    expect(report.sections[0]!.text).toContain('Styrelsen har under 2020 haft tre möten, varav två digitala');
    expect(report.sections[1]!.text).toBe('- Föreningsarkivet Västernorrland – Christina Lindberg, Stefan Dalin (ersättare)');
    const area = report.sections[2]!.text;
    expect(area).toContain('Mål: Utveckla gymnasiesamverkan');
    expect(area).toContain('Indikator: Möten i nätverket för gymnasiechefer (målvärde 20 st)');
    expect(area).toContain('- T2: 14 st. Digitala möten under pandemin');
    expect(area).toContain('Utse Christina Lindberg som ordinarie och Stefan Dalin som ersättare till Föreningsarkivet Västernorrland.');
  });

  it('keeps the edited draft when drafted again, and renders it as HTML and PDF', async () => {
    const { db, organizationId } = await yearOfMeetings('Kommunförbundet Redigerad');
    await draftAnnualReport(db, { organizationId, year: 2020 });
    const edited = await updateAnnualReportSections(db, {
      organizationId,
      year: 2020,
      sections: [{ heading: 'Styrelsens arbete', text: 'Styrelsen har under året haft tre möten.\n\n- Ny besluts- och delegationsordning' }],
    });
    expect((await draftAnnualReport(db, { organizationId, year: 2020 })).sections).toEqual(edited.sections);

    const html = await renderAnnualReportAsHtml(db, { organizationId, year: 2020 });
    expect(html).toContain('<h1>Verksamhetsberättelse 2020</h1>');
    expect(html).toContain('<li>Ny besluts- och delegationsordning</li>');
    const pdf = await renderAnnualReportAsPdf(db, { organizationId, year: 2020, createdAt: new Date('2021-02-01T00:00:00Z') });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const folder = mkdtempSync(join(tmpdir(), 'annual-report-'));
    writeFileSync(join(folder, 'report.pdf'), pdf);
    const text = execFileSync('pdftotext', [join(folder, 'report.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Verksamhetsberättelse 2020');
    expect(text).toContain('Innehåll');
    expect(text).toContain('Ny besluts- och delegationsordning');
  });
});
