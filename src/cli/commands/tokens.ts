/**
 * `protokoll tokens`: long-lived API tokens for integrations (create, list, revoke). The token is printed
 * once at creation; the database keeps only its SHA-256.
 */
import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { withDatabase } from '../context.ts';

// Loaded when the command runs, not when it is registered: `protokoll --help` registers every command.
const accounts = () => import('../../services/accounts.service.ts');

/** The operator who runs the command, as the audit log names them. */
function operator(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

const day = (date: Date | null): string => (date ? date.toISOString().slice(0, 10) : '–');

export function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('API tokens for integrations (Authorization: Bearer)');

  tokens
    .command('create')
    .description('create an API token acting as a user; prints the token once')
    .requiredOption('--email <email>', 'the user the integration acts as')
    .requiredOption('--name <name>', 'what uses the token, e.g. "diariet"')
    .option('--expires <YYYY-MM-DD>', 'the last day the token works')
    .action(async (options: { email: string; name: string; expires?: string }, command: Command) => {
      const created = await withDatabase(command, async (db) =>
        (await accounts()).createApiToken(db, { email: options.email, name: options.name, expiresOn: options.expires ?? null, actor: operator() }),
      );
      process.stdout.write(`${created.token}\n`);
      process.stderr.write(`token ${created.id} for ${options.email} (${options.name}), ${created.expiresAt ? `expires after ${day(created.expiresAt)}` : 'no expiry'}; shown only now\n`);
    });

  tokens
    .command('list')
    .description('list API tokens (never the tokens themselves)')
    .option('--email <email>', 'only the tokens of this user')
    .option('--json', 'as JSON')
    .action(async (options: { email?: string; json?: boolean }, command: Command) => {
      const rows = await withDatabase(command, async (db) => (await accounts()).listApiTokens(db, options.email ? { email: options.email } : {}));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const state = (r: (typeof rows)[number]) => (r.revokedAt ? `revoked ${day(r.revokedAt)}` : r.expiresAt && r.expiresAt <= new Date() ? 'expired' : 'active');
      const lines = rows.map((r) => `${r.id}  ${r.email}  ${r.name}  ${state(r)}  created ${day(r.createdAt)}  last used ${day(r.lastUsedAt)}  expires ${day(r.expiresAt)}`);
      process.stdout.write(`${lines.length ? lines.join('\n') : 'no API tokens'}\n`);
    });

  tokens
    .command('revoke')
    .description('revoke an API token; it is refused from now on')
    .argument('<id>', 'the token id, as `tokens list` shows it')
    .action(async (id: string, _options: unknown, command: Command) => {
      await withDatabase(command, async (db) => (await accounts()).revokeApiToken(db, { id, actor: operator() }));
      process.stdout.write(`revoked ${id}\n`);
    });
}
