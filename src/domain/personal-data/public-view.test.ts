import { describe, expect, it } from 'vitest';
import type { MinutesItem } from '../minutes.ts';
import { locateFindings, maskText, parseTargetKey, publicAttendees, publicItem, sha256OfText, targetKey, type StoredMasking } from './public-view.ts';

const osl = { law: 'OSL', chapter: 26, section: 1 } as const;
const masking = (text: string, start: number, end: number, target: StoredMasking['target']): StoredMasking => ({ target, start, end, reason: osl, textSha256: sha256OfText(text) });

describe('the public view of minutes', () => {
  const decision = 'Bidrag beviljas 19121212-1212 med 12 000 kronor.';
  const item: MinutesItem = { number: 4, title: 'Bidrag', caseNumber: null, decisions: [decision], text: 'Ansökan 2026-03-01.' };
  const target = { kind: 'paragraph' as const, paragraphId: 'p1', field: 'decisions.0' };

  it('replaces a masked span with its marker and leaves the other fields and the original alone', () => {
    const masked = publicItem(item, 'p1', [masking(decision, 16, 29, target)]);
    expect(masked.decisions).toEqual(['Bidrag beviljas [maskerat enligt OSL 26:1] med 12 000 kronor.']);
    expect(masked.text).toBe(item.text);
    expect(item.decisions[0]).toBe(decision);
  });

  it('withholds the whole text when it changed since the masking was made (fail closed)', () => {
    const stale = masking('another text entirely', 0, 5, target);
    expect(maskText(decision, [stale])).toBe('[maskerat enligt OSL 26:1]');
  });

  it('masks an attendee line by its place in the list', () => {
    const attendees = [{ name: 'Greta Gäst', party: null, represents: 'Sökande, 201212121212', role: 'guest' as const, voting: null, remote: false, paragraphs: null }];
    const [line] = publicAttendees(attendees, [masking('Sökande, 201212121212', 9, 21, { kind: 'attendee', position: 0, field: 'represents' })]);
    expect(line!.represents).toBe('Sökande, [maskerat enligt OSL 26:1]');
  });

  it('counts a finding inside a masking as handled, and one reviewed by the hash of its text', () => {
    const texts = [{ target, text: decision }];
    expect(locateFindings(texts, [], [], new Set())[0]).toMatchObject({ handled: null, blocking: true });
    expect(locateFindings(texts, [masking(decision, 16, 29, target)], [], new Set())[0]).toMatchObject({ handled: 'masked' });
    const review = { target, start: 16, end: 29, textSha256: sha256OfText('19121212-1212'), reason: 'Egen uppgift' };
    expect(locateFindings(texts, [], [review], new Set())[0]).toMatchObject({ handled: 'reviewed', reviewReason: 'Egen uppgift' });
    expect(locateFindings(texts, [], [], new Set(['p1']))[0]).toMatchObject({ handled: 'withheld' });
  });

  it('reads back the target keys the forms carry', () => {
    for (const t of [target, { kind: 'attendee' as const, position: 3, field: 'represents' }, { kind: 'attachment' as const, attachmentId: 'a1', field: 'text' as const }]) {
      expect(parseTargetKey(targetKey(t))).toEqual(t);
    }
    expect(parseTargetKey('nonsense')).toBeNull();
  });
});
