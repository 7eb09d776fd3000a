import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Minutes } from '../domain/minutes.ts';
import { asciiName, buildSubmissionPackage, type ArchiveDocument, type ArchiveInput } from './package.ts';

const minutes: Minutes = {
  kind: 'protocol',
  organization: 'Räddningsförbundet Norrvik',
  body: 'Direktionen',
  meeting: { date: '2026-03-12', start: '13:00', end: null, location: null, remote: null },
  paragraphRange: { first: 9, last: 9 },
  adjustment: { adjusters: ['Bo Gran'], date: '2026-03-16', place: null },
  signatures: [],
  notice: null,
  attendees: [],
  items: [{ number: 9, title: 'Budget & taxa <2027>', caseNumber: '2026/10', decisions: ['Budgeten fastställs.'] }],
};

const document = (name: string, text: string): ArchiveDocument => ({
  name,
  bytes: new TextEncoder().encode(text),
  mimeType: 'text/plain',
  createdAt: '2026-03-16T08:00:00.000Z',
  role: 'source',
  title: name,
  originalName: null,
  formatName: 'text/plain',
  formatVersion: null,
});

function packageOf(documents: ArchiveDocument[]): Map<string, string> {
  const input: ArchiveInput = {
    objectId: 'norrvik-direktionen-2026-test',
    label: 'Protokoll 2026, Direktionen, Räddningsförbundet Norrvik',
    createdAt: '2026-12-18T10:00:00.000Z',
    software: { name: 'Protokoll', version: '0.1.0' },
    organization: { id: 'org-1', name: 'Räddningsförbundet Norrvik' },
    body: { name: 'Direktionen' },
    year: 2026,
    meetings: [{ meetingId: 'meeting-1', folder: '2026-03-12-direktionen', minutes, documents, events: [] }],
    agents: [{ id: 'software:protokoll', name: 'Protokoll', type: 'software', version: '0.1.0' }],
    leftOut: [],
  };
  return new Map(buildSubmissionPackage(input).map((file) => [file.path, new TextDecoder().decode(file.bytes)]));
}

describe('the submission package', () => {
  it('lays out the CSIP folders and lists each document in the representation METS with its SHA-256', () => {
    const files = packageOf([document('original.txt', 'Protokoll\n')]);
    expect([...files.keys()].sort()).toEqual([
      'METS.xml',
      'metadata/descriptive/ead.xml',
      'metadata/descriptive/minutes/2026-03-12-direktionen.json',
      'metadata/preservation/premis.xml',
      'representations/rep1/METS.xml',
      'representations/rep1/data/2026-03-12-direktionen/original.txt',
      'representations/rep1/metadata/preservation/premis.xml',
    ]);
    const sha = createHash('sha256').update('Protokoll\n').digest('hex');
    expect(files.get('representations/rep1/METS.xml')).toContain(`CHECKSUM="${sha}" CHECKSUMTYPE="SHA-256"`);
    expect(JSON.parse(files.get('metadata/descriptive/minutes/2026-03-12-direktionen.json')!)).toStrictEqual(minutes);
    // Titles are escaped wherever they are written.
    expect(files.get('metadata/descriptive/ead.xml')).toContain('<unittitle>Budget &amp; taxa &lt;2027&gt;</unittitle>');
  });

  it('describes one document as a dao and several as a daoset, as EAD 3 asks', () => {
    expect(packageOf([document('original.txt', 'a')]).get('metadata/descriptive/ead.xml')).not.toContain('<daoset');
    const two = packageOf([document('original.txt', 'a'), document('bilaga-9-1-taxa.txt', 'b')]).get('metadata/descriptive/ead.xml')!;
    expect(two.match(/<daoset coverage="whole">/g)).toHaveLength(1);
    expect(two.match(/<dao /g)).toHaveLength(2);
  });

  it.each([
    ['Förbundsdirektionen', 'forbundsdirektionen'],
    ['Budget & taxa 2027', 'budget-taxa-2027'],
    ['§§ ', 'fil'],
  ])('names %j in ASCII as %j', (text, name) => {
    expect(asciiName(text)).toBe(name);
  });
});
