/**
 * Settings, read once from the environment with defaults. Nothing else reads process.env.
 */
import { join, resolve } from 'node:path';

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
  /** The site's canonical address (PUBLIC_URL) for links in feeds and mail; never taken from a request's Host. */
  publicUrl: string;
  /** Outgoing e-mail: SMTP_URL and MAIL_FROM; without SMTP_URL, .eml files in <data>/outbox. */
  mail: { smtpUrl: string | null; from: string; folder: string };
  /**
   * PAdES signing (docs/signatures.md): the organisation's certificate and key (SIGNING_P12, a PKCS#12
   * file, and SIGNING_P12_PASSPHRASE; unset, a self-signed one in <data>/signing), and an RFC 3161
   * timestamp authority (TIMESTAMP_URL; unset, signing times are the signer's claim). A signer must have
   * signed in within SIGN_STEP_UP_MINUTES (default 5) to sign.
   */
  signing: { p12Path: string | null; p12Passphrase: string | null; timestampUrl: string | null; stepUpMinutes: number };
  /**
   * Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (addresses or CIDRs), or false:
   * then the client is the connecting address and https is what this process itself serves.
   */
  trustProxy: string[] | false;
}

/** OpenID Connect client settings. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  /** OIDC_SIGNING_ACR: the acr (e.g. loa3) asked of the identity provider when a signer signs in again to sign; null asks for none. */
  signingAcr?: string | null;
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
    publicUrl: (overrides.publicUrl ?? env.PUBLIC_URL ?? `http://${overrides.host ?? env.HOST ?? '127.0.0.1'}:${overrides.port ?? Number(env.PORT ?? 8080)}`).replace(/\/+$/u, ''),
    mail: overrides.mail ?? {
      smtpUrl: env.SMTP_URL || null,
      from: env.MAIL_FROM || 'Protokoll <protokoll@localhost>',
      folder: join(resolve(overrides.dataDir ?? env.PROTOKOLL_DATA ?? './data'), 'outbox'),
    },
    signing: overrides.signing ?? {
      p12Path: env.SIGNING_P12 ? resolve(env.SIGNING_P12) : null,
      p12Passphrase: env.SIGNING_P12_PASSPHRASE ?? null,
      timestampUrl: env.TIMESTAMP_URL || null,
      stepUpMinutes: positiveNumber(env.SIGN_STEP_UP_MINUTES, 5),
    },
    trustProxy: overrides.trustProxy ?? trustedProxiesFrom(env.TRUST_PROXY),
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

/** Reads OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URL (null unless all are set), and OIDC_SIGNING_ACR. */
export function oidcSettingsFrom(env: NodeJS.ProcessEnv): OidcSettings | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL } = env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET || !OIDC_REDIRECT_URL) return null;
  return { issuer: OIDC_ISSUER, clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET, redirectUrl: OIDC_REDIRECT_URL, signingAcr: env.OIDC_SIGNING_ACR || null };
}

/** A positive number from the environment, or the default when unset or not one. */
function positiveNumber(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return value && Number.isFinite(number) && number > 0 ? number : fallback;
}
