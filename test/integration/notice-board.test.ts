import { expect, it } from 'vitest';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { getNoticeBoard } from '../../src/services/publication.service.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildMinutes } from '../support/factories.ts';

describeOnEachEngine('the notice board (anslagstavlan)', (database) => {
  it('lists the newest notices first, and bodies of the same day in Swedish order', async () => {
    const { db } = database();
    const organization = 'Testförbundet Anslag';
    // In code-point order (PGlite has no Swedish collation) Ä sorts before Å: Swedish puts Å first.
    const sameDay = ['Överförmyndarnämnden', 'Äldrenämnden', 'Arbetsutskottet', 'Ålandsnämnden'];
    for (const body of sameDay) {
      const minutes = buildMinutes({ organization, body, date: '2026-03-02' });
      minutes.adjustment.date = '2026-03-05';
      minutes.notice = { postedFrom: '2026-03-06', postedUntil: '2026-03-27', storage: 'Förbundskansliet' };
      await saveMinutes(db, minutes);
    }
    const later = buildMinutes({ organization, body: 'Styrelsen', date: '2026-03-09' });
    later.adjustment.date = '2026-03-10';
    later.notice = { postedFrom: '2026-03-11', postedUntil: '2026-04-01', storage: 'Förbundskansliet' };
    await saveMinutes(db, later);

    const board = await getNoticeBoard(db, { today: '2026-03-12' });
    expect(board.map((n) => [n.postedOn, n.bodyName])).toEqual([
      ['2026-03-11', 'Styrelsen'],
      ['2026-03-06', 'Arbetsutskottet'],
      ['2026-03-06', 'Ålandsnämnden'],
      ['2026-03-06', 'Äldrenämnden'],
      ['2026-03-06', 'Överförmyndarnämnden'],
    ]);
    // Taken down after the appeal period: a notice posted 6 March is gone on 28 March.
    expect((await getNoticeBoard(db, { today: '2026-03-28' })).map((n) => n.bodyName)).toEqual(['Styrelsen']);
  });
});
