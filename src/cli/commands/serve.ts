import type { Command } from 'commander';
import { InputError } from '../../errors.ts';
import { configFor } from '../context.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP server (migrates the database first)')
    .option('--port <port>', 'port to listen on (default 8080 or $PORT)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1 or $HOST)')
    .action(async (options: { port?: string; host?: string }, command: Command) => {
      const port = options.port === undefined ? undefined : Number(options.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
        throw new InputError({ path: '--port', code: 'invalid_port', message: `not a port number: ${options.port}` });
      }
      // Loaded here, not at the top, so that other commands start without the server's dependencies.
      const { buildApp } = await import('../../api/app.ts');
      const { applyMigrations, describeDatabase, openConfiguredDatabase } = await import('../../services/system.service.ts');
      const config = configFor(command, { ...(port !== undefined ? { port } : {}), ...(options.host ? { host: options.host } : {}) });
      const handle = await openConfiguredDatabase(config);
      await applyMigrations(handle);
      // The first start creates an administrator and prints how to sign in.
      const { ensureFirstAdministrator } = await import('../../services/accounts.service.ts');
      await ensureFirstAdministrator(handle.db);
      const app = await buildApp({ database: handle, logger: { level: config.logLevel }, oidc: config.oidc, trustProxy: config.trustProxy, publicUrl: config.publicUrl });
      const { startMailDelivery } = await import('../../services/mail/index.ts');
      const mail = startMailDelivery(handle, { ...config.mail, publicUrl: config.publicUrl }, { onError: (error) => app.log.error({ err: error }, 'outbox worker') });
      // Imports uploaded on the web are parsed here, one file at a time; a restart goes on where it stopped.
      const { ImportWorker } = await import('../../services/import-batches.service.ts');
      const { todayInSweden } = await import('../../domain/legal-dates.ts');
      const imports = new ImportWorker(handle, { today: () => todayInSweden(new Date()), onError: (error) => app.log.error({ err: error }, 'import worker') });
      imports.start();
      const stop = async () => {
        await imports.stop();
        await mail.stop();
        await app.close();
        await handle.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      const address = await app.listen({ port: config.port, host: config.host });
      process.stdout.write(`Protokoll is running at ${address} on the ${describeDatabase(config)}\n`);
      process.stdout.write(`API description: ${address}/api/openapi.json\n`);
      process.stdout.write(`E-mail: ${mail.description}\n`);
      // Keep the process alive until a signal stops it.
      await new Promise(() => {});
    });
}
