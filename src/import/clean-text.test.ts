import { describe, expect, it } from 'vitest';
import { cleanLines, joinHyphenatedLines } from './clean-text.ts';

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
