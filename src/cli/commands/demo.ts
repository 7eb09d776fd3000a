import { existsSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../errors.ts';
import { todayInSweden } from '../../domain/legal-dates.ts';
import { configFor } from '../context.ts';

// Written into a demo data folder, so that a later `protokoll demo` may replace it and nothing else.
const MARKER = '.protokoll-demo';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('fill a fresh embedded database with a fictional förbund and start the server')
    .option('--port <port>', 'port to listen on (default 8080 or $PORT)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1 or $HOST)')
    .action(async (options: { port?: string; host?: string }, command: Command) => {
      const port = options.port === undefined ? undefined : Number(options.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
        throw new InputError({ path: '--port', code: 'invalid_port', message: `not a port number: ${options.port}` });
      }
      const globals = command.optsWithGlobals<{ data?: string }>();
      const dataDir = resolve(globals.data ?? './data-demo');
      if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
        if (!existsSync(join(dataDir, MARKER))) {
          throw new InputError({ path: '--data', code: 'data_folder_in_use', message: `${dataDir} holds data that is not a demo; give an empty folder with --data` });
        }
        rmSync(dataDir, { recursive: true, force: true });
      }
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(join(dataDir, MARKER), 'This folder holds the Protokoll demo; `protokoll demo` replaces it.\n');

      const { buildApp } = await import('../../api/app.ts');
      const { openConfiguredDatabase, applyMigrations } = await import('../../services/system.service.ts');
      const { seedDemo, DEMO_PASSWORD } = await import('../../demo/seed-demo.ts');
      const config = configFor(command, { dataDir, databaseUrl: null, ...(port !== undefined ? { port } : {}), ...(options.host ? { host: options.host } : {}) });
      const handle = await openConfiguredDatabase(config);
      await applyMigrations(handle);
      process.stdout.write('Fyller demodatabasen med Räddningstjänstförbundet Mellersta Älvdalen (fiktivt) …\n');
      const demo = await seedDemo(handle, { today: todayInSweden(new Date()) });
      const { seedSecondOrganization } = await import('../../demo/second-organization.ts');
      demo.accounts.push(...(await seedSecondOrganization(handle, { today: todayInSweden(new Date()), password: DEMO_PASSWORD })));
      const app = await buildApp({ database: handle, logger: { level: 'warn' }, oidc: config.oidc, publicUrl: config.publicUrl });
      const stop = async () => {
        await app.close();
        await handle.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      const address = await app.listen({ port: config.port, host: config.host });
      process.stdout.write(`\nProtokoll-demo körs på ${address}\n`);
      process.stdout.write(`  Anslagstavla: ${address}/anslagstavla\n  Arkiv:        ${address}/arkiv\n\n`);
      process.stdout.write(`Demokonton (lösenord för alla: ${DEMO_PASSWORD}):\n`);
      for (const account of demo.accounts) process.stdout.write(`  ${account.email.padEnd(36)} ${account.name} – ${account.what}\n`);
      process.stdout.write(`\nData: ${dataDir} (ersätts nästa gång du kör demo). Stoppa med Ctrl-C.\n`);
      await new Promise(() => {});
    });
}
