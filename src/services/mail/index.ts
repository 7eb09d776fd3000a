/** Outgoing e-mail for the server: the transport the configuration names and the outbox worker on it. */
import type { DatabaseHandle } from '../../storage/index.ts';
import { todayInSweden } from '../../domain/legal-dates.ts';
import { queueReminders } from '../reminders.service.ts';
import { queueWatchMail } from '../watch.service.ts';
import { OutboxWorker } from './outbox-worker.ts';
import { createMailTransport, type MailSettings } from './transport.ts';

export { OutboxWorker, type OutboxRunResult } from './outbox-worker.ts';
export { createMailTransport, type MailSettings, type MailTransport } from './transport.ts';

/** Starts sending what the outbox holds; `stop` waits for the message in hand and closes the connection. */
export function startMailDelivery(
  handle: DatabaseHandle,
  settings: MailSettings & { publicUrl: string },
  options: { onError?: (error: unknown) => void; intervalMs?: number; today?: () => string } = {},
): { description: string; stop: () => Promise<void> } {
  const transport = createMailTransport(settings);
  // PGlite is opened by one process at a time: a claim left in it belongs to a process that is gone.
  const worker = new OutboxWorker(handle, transport, { ...options, ...(handle.engine === 'pglite' ? { abandonedAfterMs: 0 } : {}) });
  worker.start();
  // Reminders and watch mail are written every hour; each has a key the outbox takes once, so repeating is harmless.
  const today = options.today ?? (() => todayInSweden(new Date()));
  const remind = () => {
    const run = { today: today(), publicUrl: settings.publicUrl, mailDomain: new URL(settings.publicUrl).hostname };
    void queueReminders(handle.db, run).catch((error: unknown) => options.onError?.(error));
    // Watches (bevakningar): newly adjusted minutes for those who watch a body or a search; keyed the same way.
    void queueWatchMail(handle.db, run).catch((error: unknown) => options.onError?.(error));
  };
  const reminders = setInterval(remind, 60 * 60_000);
  reminders.unref();
  remind();
  return {
    description: transport.description,
    stop: async () => {
      clearInterval(reminders);
      await worker.stop();
      transport.close();
    },
  };
}
