/**
 * Settings, read once from the environment with defaults. Nothing else reads process.env.
 */
import { resolve } from 'node:path';

export interface Config {
  /** Folder of the embedded database and its files (PGlite). */
  dataDir: string;
  /** A PostgreSQL server to use instead of the embedded database. */
  databaseUrl: string | null;
  port: number;
  host: string;
  logLevel: string;
  /** OpenID Connect sign-in (Entra ID and the like), when all four OIDC_* settings are given. */
  oidc: OidcSettings | null;
  /** The site's canonical public address (PUBLIC_URL), used for ids and links in open data; never the Host header. */
  publicUrl: string;
}

/** OpenID Connect client settings. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = overrides.port ?? Number(env.PORT ?? 8080);
  return {
    dataDir: resolve(overrides.dataDir ?? env.PROTOKOLL_DATA ?? './data'),
    databaseUrl: overrides.databaseUrl ?? (env.DATABASE_URL || null),
    port,
    host: overrides.host ?? env.HOST ?? '127.0.0.1',
    logLevel: overrides.logLevel ?? env.LOG_LEVEL ?? 'info',
    oidc: overrides.oidc !== undefined ? overrides.oidc : oidcSettingsFrom(env),
    publicUrl: (overrides.publicUrl ?? (env.PUBLIC_URL || `http://127.0.0.1:${port}`)).replace(/\/+$/, ''),
  };
}

/** Reads OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URL; null unless all are set. */
export function oidcSettingsFrom(env: NodeJS.ProcessEnv): OidcSettings | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL } = env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET || !OIDC_REDIRECT_URL) return null;
  return { issuer: OIDC_ISSUER, clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET, redirectUrl: OIDC_REDIRECT_URL };
}
