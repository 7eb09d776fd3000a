/** Builders of fictional test data. Each call makes its own names unless told otherwise. */
import type { Minutes } from '../../src/domain/minutes.ts';

export interface BuildMinutesOptions {
  organization?: string;
  body?: string;
  date?: string;
  paragraphs?: number[];
}

/** A small, valid protocol of a fictional board with three members, a secretary and numbered §§. */
export function buildMinutes(options: BuildMinutesOptions = {}): Minutes {
  const numbers = options.paragraphs ?? [1, 2, 3];
  return {
    kind: 'protocol',
    organization: options.organization ?? `Testförbundet ${Math.random().toString(36).slice(2, 8)}`,
    body: options.body ?? 'Styrelsen',
    meeting: { date: options.date ?? '2021-05-06', start: '09:00', end: '11:30', location: 'Förbundshuset, Storsalen', remote: false },
    paragraphRange: numbers.length ? { first: numbers[0]!, last: numbers[numbers.length - 1]! } : null,
    adjustment: { adjusters: ['Bo Gran'], date: null, place: null },
    signatures: [
      { role: 'secretary', name: 'Dan Sekr', signedAt: null },
      { role: 'chair', name: 'Anna Ek', signedAt: null },
      { role: 'adjuster', name: 'Bo Gran', signedAt: null },
    ],
    notice: null,
    attendees: [
      { name: 'Anna Ek', party: 'S', represents: 'Älvby', role: 'chair', voting: true, remote: false, paragraphs: null },
      { name: 'Bo Gran', party: 'M', represents: 'Sjöstad', role: 'member', voting: true, remote: false, paragraphs: null },
      { name: 'Cecilia Alm', party: 'C', represents: 'Åby', role: 'member', voting: true, remote: true, paragraphs: '2-3' },
      { name: 'Dan Sekr', party: null, represents: null, role: 'secretary', voting: null, remote: false, paragraphs: null },
    ],
    items: numbers.map((number, i) => ({
      number,
      title: `Ärende ${i + 1}`,
      caseNumber: i === 0 ? null : `2021/${number}`,
      presenters: [],
      decisions: [`Styrelsen godkänner förslag ${i + 1}.`],
      attachments: [],
      text: `Underlag för ärende ${i + 1}.`,
    })),
  };
}
