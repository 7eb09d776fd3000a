import { describe, expect, it } from 'vitest';
import type { Minutes } from '../domain/minutes.ts';
import { importedStatusOf } from './document-status.ts';

/** Minutes of our own, with only what the rule looks at filled in. */
function minutes(overrides: Partial<Minutes> = {}): Minutes {
  return {
    kind: 'protocol',
    organization: 'Vattenförbundet Östra Lid',
    body: 'Förbundsstyrelsen',
    meeting: { date: '2019-05-06', start: null, end: null, location: null, remote: null },
    paragraphRange: null,
    adjustment: { adjusters: ['Karl Öst'], date: null, place: null },
    signatures: [],
    notice: null,
    attendees: [],
    items: [{ number: 1, title: 'Mötets öppnande', caseNumber: null, decisions: [] }],
    ...overrides,
  };
}

describe('how an imported document is stored', () => {
  it('is adjusted when it shows its justering: a date, a dated signature or the words', () => {
    expect(importedStatusOf(minutes({ adjustment: { adjusters: ['Karl Öst'], date: '2019-05-10', place: null } }), '')).toEqual({ storeAs: 'adjusted', basis: 'adjustment_shown' });
    expect(importedStatusOf(minutes({ signatures: [{ role: 'adjuster', name: 'Karl Öst', signedAt: '2019-05-10T10:00:00+02:00' }] }), '')).toEqual({ storeAs: 'adjusted', basis: 'adjustment_shown' });
    expect(importedStatusOf(minutes(), 'Protokollet är justerat.\n')).toEqual({ storeAs: 'adjusted', basis: 'adjustment_shown' });
  });

  it('is adjusted when it was posted (anslag), even without signatures', () => {
    expect(importedStatusOf(minutes({ notice: { postedFrom: '2019-05-11', postedUntil: null, storage: null } }), '')).toEqual({ storeAs: 'adjusted', basis: 'notice_posted' });
  });

  it('stores notes as final notes, and a document that calls itself a draft as a draft, whatever else it shows', () => {
    expect(importedStatusOf(minutes({ kind: 'notes' }), '')).toEqual({ storeAs: 'adjusted', basis: 'notes' });
    const dated = minutes({ adjustment: { adjusters: [], date: '2019-05-10', place: null } });
    for (const marker of ['UTKAST', 'Preliminärt protokoll', 'Ej justerat', 'Ojusterat protokoll', '  Förslag till protokoll', 'UTKAST 2019-05-08', 'Utkast version 2']) {
      expect(importedStatusOf(dated, `Förbundsstyrelsen\n${marker}\n§ 1 Mötets öppnande\n`), marker).toEqual({ storeAs: 'held', basis: 'draft_marker' });
    }
  });

  it('does not read a draft in a sentence that only mentions one, and marks a protocol that shows nothing for review', () => {
    const text = 'Förbundsstyrelsen\n§ 4 Budget\nUtkast till budget presenteras.\nStyrelsen godkänner utkastet och skickar det vidare.\n';
    expect(importedStatusOf(minutes(), text)).toEqual({ storeAs: 'adjusted', basis: 'nothing_shown' });
  });
});
