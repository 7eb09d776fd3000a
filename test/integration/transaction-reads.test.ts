// Its own file: Node reports a deprecation once per process, so an earlier test's warning would hide this one's.
import { expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/storage/database.ts';
import { inTransaction } from '../../src/storage/index.ts';
import { describeOnEachEngine } from '../support/databases.ts';

describeOnEachEngine('a transaction read in parallel', (database) => {
  it('answers every read of a Promise.all inside one transaction, with no warning from the driver', async () => {
    const { db } = database();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const values = await inTransaction(db, (tx) =>
        Promise.all(Array.from({ length: 8 }, (_, i) => queryRows<{ n: number }>(tx, sql`select ${i}::int + 1 as n, pg_sleep(0.01)`))),
      );
      expect(values.map(([row]) => Number(row!.n))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      // A failing read rolls back the whole transaction and does not block the ones after it.
      const failed = await inTransaction(db, (tx) => Promise.all([queryRows(tx, sql`select 1/0`), queryRows(tx, sql`select 2`)])).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(Error);
      expect(await queryRows<{ n: number }>(db, sql`select 3::int as n`)).toEqual([{ n: 3 }]);
      // Node reports warnings on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => /already executing a query/.test(w))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
