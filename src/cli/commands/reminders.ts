import type { Command } from 'commander';
import { isIsoDate, todayInSweden } from '../../domain/legal-dates.ts';
import { InputError } from '../../errors.ts';
import { configFor } from '../context.ts';

/**
 * Registers `protokoll reminders`: writes today's reminders and the watch mail (bevakningar) to the outbox
 * (the server does this every hour by itself); with --send, also sends what the outbox holds, for installations that run it from cron.
 */
export function registerReminders(program: Command): void {
  program
    .command('reminders')
    .description("write today's reminders (justering, report-backs, remisser) and watch mail to the outbox; --send also sends the outbox")
    .option('--today <date>', 'as of this day, YYYY-MM-DD (default: today in Sweden)')
    .option('--send', 'send what the outbox holds now, through SMTP_URL or to <data>/outbox')
    .action(async (options: { today?: string; send?: boolean }, command: Command) => {
      if (options.today !== undefined && !isIsoDate(options.today)) {
        throw new InputError({ path: '--today', code: 'invalid_date', message: `expected a date YYYY-MM-DD, got '${options.today}'` });
      }
      const { applyMigrations, openConfiguredDatabase } = await import('../../services/system.service.ts');
      const { queueReminders } = await import('../../services/reminders.service.ts');
      const { queueWatchMail } = await import('../../services/watch.service.ts');
      const config = configFor(command);
      const handle = await openConfiguredDatabase(config);
      try {
        await applyMigrations(handle);
        const settings = { today: options.today ?? todayInSweden(new Date()), publicUrl: config.publicUrl, mailDomain: new URL(config.publicUrl).hostname };
        const run = await queueReminders(handle.db, settings);
        process.stdout.write(`reminders written: ${run.signing} justering, ${run.followUp} follow-up\n`);
        const watched = await queueWatchMail(handle.db, settings);
        process.stdout.write(`watch mail written: ${watched.written}\n`);
        if (options.send) {
          const { OutboxWorker, createMailTransport } = await import('../../services/mail/index.ts');
          const transport = createMailTransport(config.mail);
          try {
            const sent = await new OutboxWorker(handle, transport).runOnce();
            process.stdout.write(`outbox (${transport.description}): ${sent.sent} sent, ${sent.retried} to retry, ${sent.failed} failed, ${sent.uncertain} uncertain\n`);
          } finally {
            transport.close();
          }
        }
      } finally {
        await handle.close();
      }
    });
}
