import { describe, expect, it } from 'vitest';
import { renderNoticeOfMeetingHtml, renderNoticeOfMeetingPdf, type NoticeOfMeeting } from './index.ts';
import { readPdfText } from '../../test/documents/pdf-text.ts';

const notice: NoticeOfMeeting = {
  organization: 'Sjöbygdens kommunalförbund',
  body: 'Förbundsstyrelsen',
  meeting: { date: '2024-11-21', start: '09:00', end: '12:00', location: 'Förbundshuset, Sammanträdesrum Forsen' },
  sentOn: '2024-11-12',
  items: [
    { number: 52, title: 'Val av justerare', caseNumber: null },
    { number: 53, title: 'Budget 2025 för räddningstjänsten', caseNumber: 'SBF 2024/22', presenters: ['Göran Nyström'] },
  ],
  invited: [
    { name: 'Åsa Ödmark', party: 'S', represents: 'Norrsjö kommun', role: 'chair' },
    { name: 'Märta Åkesson', party: 'C', represents: 'Gråbergs kommun', role: 'member' },
    { name: 'Sofia Ärlig', party: 'L', represents: 'Gråbergs kommun', role: 'substitute' },
    { name: 'Göran Nyström', role: 'official' },
  ],
  chair: 'Åsa Ödmark',
  secretary: 'Karl-Åke Lindqvist',
  absenceContact: 'sekreteraren Karl-Åke Lindqvist, 0611-123 45',
};

describe('kallelse', () => {
  it('prints time, place, the agenda with §, Dnr and presenter, and who is called', async () => {
    const lines = (await readPdfText(await renderNoticeOfMeetingPdf(notice, { createdAt: '2024-11-12T08:00:00Z' }))).flat();
    expect(lines[1]).toBe('KALLELSE');
    expect(lines).toContain('Tid torsdag 21 november 2024, kl. 09.00–12.00');
    expect(lines).toContain('Plats Förbundshuset, Sammanträdesrum Forsen');
    expect(lines).toContain('§ Ärende Dnr Föredragande');
    expect(lines).toContain('§ 53 Budget 2025 för räddningstjänsten SBF 2024/22 Göran Nyström');
    expect(lines).toContain('Ledamöter');
    expect(lines).toContain('Åsa Ödmark (S), Norrsjö kommun, ordförande');
    expect(lines).toContain('Ersättare');
    expect(lines).toContain('Sofia Ärlig (L), Gråbergs kommun, ersättare');
    expect(lines).toContain('Förhinder anmäls till sekreteraren Karl-Åke Lindqvist, 0611-123 45.');
    expect(lines).not.toContain('Justerandes signatur Utdragsbestyrkande');
  });

  it('is also an HTML page with the agenda as a table', () => {
    const html = renderNoticeOfMeetingHtml(notice);
    expect(html).toContain('<h1>KALLELSE</h1>');
    expect(html).toContain('<th scope="col">Föredragande</th>');
    expect(html).toContain('<td>§ 53</td><td>Budget 2025 för räddningstjänsten</td><td>SBF 2024/22</td><td>Göran Nyström</td>');
  });
});
