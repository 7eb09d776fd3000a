import { describe, expect, it } from 'vitest';
import { cleanLines, joinHyphenatedLines, spacedCellsToTabs } from './clean-text.ts';

describe('joinHyphenatedLines', () => {
  it('joins a word split at a line break, also across a blank line', () => {
    expect(joinHyphenatedLines(['läggs där-', 'efter till handlingarna'])).toEqual(['läggs därefter till handlingarna']);
    expect(joinHyphenatedLines(['Som ett för-', '', 'sta steg'])).toEqual(['Som ett första steg']);
  });

  it('keeps a hyphen that belongs to a compound with "och"', () => {
    expect(joinHyphenatedLines(['inom hälso-', 'och sjukvården'])).toEqual(['inom hälso-', 'och sjukvården']);
  });

  it('keeps a hyphen inside the line', () => {
    expect(joinHyphenatedLines(['de läns-gemen-', 'samma frågorna'])).toEqual(['de läns-gemensamma frågorna']);
  });
});

describe('cleanLines', () => {
  it('removes page numbers and signature furniture', () => {
    const lines = cleanLines('Text.\n\n1 (12)\nJusterandes signatur:\tUtdragsbestyrkande:\nSida 3 av 10\nMer text.');
    expect(lines.filter((l) => l !== '')).toEqual(['Text.', 'Mer text.']);
  });

  it('removes a signature box with the initials on the line below', () => {
    const lines = cleanLines('slutet av\n\nMötesdatum Styrelsen 7 maj 2020 Justerandes signaturer:.....\n Erik Lövgren\n\nmeningen.');
    expect(lines).toEqual(['slutet av', 'meningen.']);
  });

  it('normalises newlines, non-breaking spaces and soft hyphens', () => {
    expect(cleanLines('a\u00a0b\r\nför\u00adslag')).toEqual(['a b', 'förslag']);
  });
});

describe('spacedCellsToTabs (extractors that write runs of spaces instead of tabs)', () => {
  it('keeps an empty cell of a column-aligned table, and a centred X in its column', () => {
    expect(spacedCellsToTabs([
      'Ledamöter          Utsedd av          Beslutande  Närvaro',
      'Anna Ek (S)        Lövsjö kommun        X',
      'Bo Al              Ekeby kommun                     X',
    ])).toEqual(['Ledamöter\tUtsedd av\tBeslutande\tNärvaro', 'Anna Ek (S)\tLövsjö kommun\tX', 'Bo Al\tEkeby kommun\t\tX']);
  });

  it('starts a line indented to a column with tabs, also for a column the widest row leaves empty', () => {
    expect(spacedCellsToTabs([
      'Underskrifter  Sekreterare',
      '                            Olle Granath',
      '               Ordförande',
      '                            Anders Lundgren',
    ])).toEqual(['Underskrifter\tSekreterare', '\t\tOlle Granath', '\tOrdförande', '\t\tAnders Lundgren']);
  });

  it('turns each gap into one tab where columns do not line up, and continues a cell on an indented line below', () => {
    expect(spacedCellsToTabs(['Plats  Kyrkgatan 12', 'Tid  kl. 9.00', 'Underskrifter  Ulla Berg Sekreterare', '  Per Ek Ordförande'])).toEqual([
      'Plats\tKyrkgatan 12', 'Tid\tkl. 9.00', 'Underskrifter\tUlla Berg Sekreterare', '\tPer Ek Ordförande',
    ]);
  });

  it('leaves justified prose and a shared left margin alone', () => {
    const prose = [
      '    Styrelsen  beslutar  att  godkänna  budgeten för år 2026 och att  uppdra åt',
      '    förbundschefen  att  återkomma  med  en  plan för  uppföljning  av  målen i',
      '    verksamheten under hösten.',
    ];
    expect(spacedCellsToTabs(prose)).toEqual(prose);
    expect(cleanLines(prose.join('\n'))).toEqual(prose.map((l) => l.trimStart()));
  });

  it('is used only when the text has more lines with gaps than with tabs', () => {
    expect(cleanLines('Plats\tKyrkgatan 12\nTid\tkl. 9\nText med  två mellanslag.')).toContain('Text med  två mellanslag.');
    expect(cleanLines('Plats  Kyrkgatan 12\nTid  kl. 9')).toEqual(['Plats\tKyrkgatan 12', 'Tid\tkl. 9']);
  });
});
