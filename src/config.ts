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
  /**
   * Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (addresses or CIDRs), or false:
   * then the client is the connecting address and https is what this process itself serves.
   */
  trustProxy: string[] | false;
  /** The address users reach Protokoll at; when it is https, cookies are Secure and HSTS is sent. */
  publicUrl: string | null;
}

/** OpenID Connect client settings. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  return {
    dataDir: resolve(overrides.dataDir ?? env.PROTOKOLL_DATA ?? './data'),
    databaseUrl: overrides.databaseUrl ?? (env.DATABASE_URL || null),
    port: overrides.port ?? Number(env.PORT ?? 8080),
    host: overrides.host ?? env.HOST ?? '127.0.0.1',
    logLevel: overrides.logLevel ?? env.LOG_LEVEL ?? 'info',
    oidc: overrides.oidc !== undefined ? overrides.oidc : oidcSettingsFrom(env),
    trustProxy: overrides.trustProxy ?? trustedProxiesFrom(env.TRUST_PROXY),
    publicUrl: overrides.publicUrl !== undefined ? overrides.publicUrl : env.PUBLIC_URL || null,
  };
}

/** TRUST_PROXY: a comma-separated list of addresses or CIDRs (e.g. `10.0.0.0/8,127.0.0.1`); unset, empty or `off` trusts none. */
export function trustedProxiesFrom(value: string | undefined): string[] | false {
  const list = (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (!list.length || (list.length === 1 && ['off', 'false', 'no', '0'].includes(list[0]!.toLowerCase()))) return false;
  return list;
}

/** Reads OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URL; null unless all are set. */
export function oidcSettingsFrom(env: NodeJS.ProcessEnv): OidcSettings | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL } = env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET || !OIDC_REDIRECT_URL) return null;
  return { issuer: OIDC_ISSUER, clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET, redirectUrl: OIDC_REDIRECT_URL };
}
