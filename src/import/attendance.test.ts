import { describe, expect, it } from 'vitest';
import { contextFor, parseAttendanceEntry, splitPeopleRun } from './attendance.ts';

const voting = contextFor('voting')!;
const serving = contextFor('serving-substitutes')!;
const others = contextFor('others')!;
const present = contextFor('present')!;

describe('parseAttendanceEntry', () => {
  it('reads party, municipality and a vice-chair written after them', () => {
    expect(parseAttendanceEntry('Åsa Sjäöden (S), Sollefteå 2 v. ordf.', present)?.attendee).toMatchObject({
      name: 'Åsa Sjäöden',
      party: 'S',
      represents: 'Sollefteå',
      role: 'vice-chair',
    });
  });

  it('reads "1:e vice ordförande" and voting from a Beslutande section', () => {
    expect(parseAttendanceEntry('Per-Olof Bergman (M), 1:e vice ordförande', voting)?.attendee).toMatchObject({
      role: 'vice-chair',
      voting: true,
      party: 'M',
    });
  });

  it('reads the member a serving substitute serves for', () => {
    expect(parseAttendanceEntry('Gunnel Rask (S) tjänstgör för Ali Hassan (S)', serving)?.attendee).toMatchObject({
      name: 'Gunnel Rask',
      role: 'substitute',
      voting: true,
      servingFor: 'Ali Hassan',
    });
    expect(parseAttendanceEntry('Tobias Nyström (M) ersätter Eva Dahl (M)', serving)?.attendee.servingFor).toBe('Eva Dahl');
  });

  it('drops a job title from represents and keeps the organisation', () => {
    expect(parseAttendanceEntry('Marie Marell\tKvalitetslab, projektledare\t§ 22', others)?.attendee).toMatchObject({
      represents: 'Kvalitetslab',
      role: 'official',
      paragraphs: '22',
      voting: null,
    });
  });

  it('reads remote participation limited to some §§', () => {
    expect(parseAttendanceEntry('Lars Nord (S), Härjedalens kommun (Närvaro på distans §§10-12)', voting)?.attendee).toMatchObject({
      remote: true,
      paragraphs: '10-12',
      represents: 'Härjedalens kommun',
    });
  });

  it('takes the role from "(sekreterare)" in parentheses', () => {
    expect(parseAttendanceEntry('Fredrik Kjellman Ölmerud, Kommunförbundet (sekreterare)', present)?.attendee).toMatchObject({
      role: 'secretary',
      represents: 'Kommunförbundet',
      party: null,
    });
  });

  it('ignores text that is not a person', () => {
    expect(parseAttendanceEntry('Enligt förteckning', voting)).toBeUndefined();
  });
});

describe('splitPeopleRun', () => {
  it('splits people run together on one line, keeping § lists with their person', () => {
    expect(splitPeopleRun('Tomas Jonsson, Krokoms kommun Sara Schelin, Härjedalen §§ 15-19, 21 Ralf Westerlund, Bergslagen länsstyrelse')).toEqual([
      'Tomas Jonsson, Krokoms kommun',
      'Sara Schelin, Härjedalen §§ 15-19, 21',
      'Ralf Westerlund, Bergslagen länsstyrelse',
    ]);
  });

  it('does not split an organisation name that looks like a name', () => {
    expect(splitPeopleRun('Cristine Persson, Region Jämtland Härjedalen, ordförande')).toEqual([
      'Cristine Persson, Region Jämtland Härjedalen, ordförande',
    ]);
  });
});
