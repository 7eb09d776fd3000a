/**
 * The outbox worker as its own process, for the crash test: `node --import tsx outbox-worker-process.ts
 * <PGlite data folder | postgres:// URL> <SMTP URL>`. It runs what `protokoll serve` runs
 * (startMailDelivery), says "ready" on stdout, and stops cleanly on SIGTERM; the test kills it with
 * SIGKILL mid-send to play a crash.
 */
import { startMailDelivery } from '../../src/services/mail/index.ts';
import { openMigratedDatabase } from '../../src/storage/index.ts';

const [database, smtpUrl] = process.argv.slice(2);
if (!database || !smtpUrl) throw new Error('usage: outbox-worker-process.ts <data folder | postgres URL> <smtp URL>');
const handle = await openMigratedDatabase(database.startsWith('postgres') ? { databaseUrl: database } : { dataDir: database });
const delivery = startMailDelivery(
  handle,
  { smtpUrl, from: 'Protokoll <protokoll@forbundet.example>', folder: '/nonexistent', publicUrl: 'https://protokoll.example.se' },
  { intervalMs: 50, onError: (error) => console.error(error) },
);
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void delivery
    .stop()
    .then(() => handle.close())
    .then(() => process.exit(0));
});
