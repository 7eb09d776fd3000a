/**
 * `protokoll tokens create | list | revoke` through the real CLI entry, and the tokens it prints used as
 * `Authorization: Bearer` on the real app: only the SHA-256 is stored, use is recorded, each change is
 * in the audit log, and a revoked or expired token is a 401.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { createApiToken, createUser } from '../../src/services/accounts.service.ts';
import type { DatabaseHandle } from '../../src/storage/database.ts';
import { apiTokens, auditEvents } from '../../src/storage/schema.ts';
import { describeCliOnEachEngine } from './support/cli.ts';

const EMAIL = 'diariet.integration@example.test';

/** Calls GET /api/meetings with the token on a fresh app over `handle`. */
async function statusWith(handle: DatabaseHandle, token: string): Promise<number> {
  const app = await buildApp({ database: handle, web: false });
  try {
    return (await app.inject({ method: 'GET', url: '/api/meetings', headers: { authorization: `Bearer ${token}` } })).statusCode;
  } finally {
    await app.close();
  }
}

describeCliOnEachEngine('protokoll tokens', (cli) => {
  it('creates a token that works as Bearer, stores only its SHA-256, lists it and revokes it, with audit events', async () => {
    await cli().withDatabase((handle) => createUser(handle.db, { email: EMAIL, name: 'Diariet' }));

    const created = await cli().run('tokens', 'create', '--email', EMAIL, '--name', 'diariet', '--expires', '2099-12-31');
    expect(created.code, created.err).toBe(0);
    const token = created.out.trim();
    expect(token).toMatch(/^pk_[A-Za-z0-9_-]{43}$/);
    expect(created.err).toContain('expires after 2099-12-31');

    const id = await cli().withDatabase(async (handle) => {
      const rows = await handle.db.select().from(apiTokens);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(rows[0]!.lastUsedAt).toBeNull();
      expect(await statusWith(handle, token)).toBe(200);
      const [used] = await handle.db.select().from(apiTokens);
      expect(used!.lastUsedAt).toBeInstanceOf(Date);
      return rows[0]!.id;
    });

    const listed = await cli().run('tokens', 'list', '--email', EMAIL);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(`${id}  ${EMAIL}  diariet  active`);
    expect(listed.out).not.toContain(token);

    const revoked = await cli().run('tokens', 'revoke', id);
    expect(revoked).toMatchObject({ code: 0, out: `revoked ${id}\n` });
    expect((await cli().run('tokens', 'list')).out).toMatch(new RegExp(`${id}  ${EMAIL}  diariet  revoked`));

    await cli().withDatabase(async (handle) => {
      expect(await statusWith(handle, token)).toBe(401);
      const events = await handle.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
      expect(events.map((e) => e.kind).sort()).toEqual(['api_token.created', 'api_token.revoked']);
      expect(events.every((e) => e.actor?.startsWith('cli:'))).toBe(true);
    });
    // Seven openings of the database, each a few seconds with PGlite on a busy machine.
  }, 240_000);

  it('refuses an unknown user, a date that has passed and an unknown token id with exit code 1', async () => {
    const unknown = await cli().run('tokens', 'create', '--email', 'ingen@example.test', '--name', 'x');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('error: email: no user with the email ingen@example.test');
    const past = await cli().run('tokens', 'create', '--email', EMAIL, '--name', 'x', '--expires', '2020-01-01');
    expect(past.code).toBe(1);
    expect(past.err).toContain('error: expires: 2020-01-01 has passed');
    const missing = await cli().run('tokens', 'revoke', '00000000-0000-4000-8000-000000000000');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('api_token_not_found');
  });

  it('answers 401 to a token past its last day, and to a token never issued', async () => {
    await cli().withDatabase(async (handle) => {
      const expired = await createApiToken(handle.db, { email: EMAIL, name: 'gammal', expiresOn: '2024-06-30', actor: 'test', now: new Date('2024-01-01T00:00:00Z') });
      expect(await statusWith(handle, expired.token)).toBe(401);
      expect(await statusWith(handle, `pk_${'A'.repeat(43)}`)).toBe(401);
    });
  });
});
