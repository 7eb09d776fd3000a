import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig, trustedProxiesFrom } from './config.ts';

describe('configuration', () => {
  it('defaults to the embedded database in ./data on 127.0.0.1:8080 without OpenID Connect', () => {
    expect(readConfig({})).toEqual({
      dataDir: resolve('./data'),
      databaseUrl: null,
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'info',
      oidc: null,
      publicUrl: 'http://127.0.0.1:8080',
      mail: { smtpUrl: null, from: 'Protokoll <protokoll@localhost>', folder: resolve('./data/outbox') },
      signing: { p12Path: null, p12Passphrase: null, timestampUrl: null, stepUpMinutes: 5 },
      trustProxy: false,
    });
  });

  it('builds open-data ids from PUBLIC_URL without a trailing slash, or from the port when it is unset', () => {
    expect(readConfig({ PUBLIC_URL: 'https://protokoll.example.se/' }).publicUrl).toBe('https://protokoll.example.se');
    expect(readConfig({ PORT: '9000' }).publicUrl).toBe('http://127.0.0.1:9000');
  });

  it('reads the environment, and flags win over it', () => {
    const env = { PROTOKOLL_DATA: '/srv/protokoll', DATABASE_URL: 'postgres://db/protokoll', PORT: '9000', HOST: '0.0.0.0', LOG_LEVEL: 'warn' };
    expect(readConfig(env)).toMatchObject({ dataDir: '/srv/protokoll', databaseUrl: 'postgres://db/protokoll', port: 9000, host: '0.0.0.0', logLevel: 'warn' });
    expect(readConfig(env, { dataDir: '/tmp/annan', port: 8181 })).toMatchObject({ dataDir: '/tmp/annan', port: 8181 });
  });

  it('turns on OpenID Connect only when all four settings are given', () => {
    const oidc = { OIDC_ISSUER: 'https://login.example.se', OIDC_CLIENT_ID: 'protokoll', OIDC_CLIENT_SECRET: 'hemligt', OIDC_REDIRECT_URL: 'https://protokoll.example.se/logga-in/oidc' };
    expect(readConfig(oidc).oidc).toEqual({ issuer: 'https://login.example.se', clientId: 'protokoll', clientSecret: 'hemligt', redirectUrl: 'https://protokoll.example.se/logga-in/oidc', signingAcr: null });
    expect(readConfig({ ...oidc, OIDC_SIGNING_ACR: 'http://id.elegnamnden.se/loa/1.0/loa3' }).oidc?.signingAcr).toBe('http://id.elegnamnden.se/loa/1.0/loa3');
    expect(readConfig({ ...oidc, OIDC_CLIENT_SECRET: '' }).oidc).toBeNull();
  });

  it('reads the signing certificate and the timestamp authority, none of them by default', () => {
    expect(readConfig({}).signing).toEqual({ p12Path: null, p12Passphrase: null, timestampUrl: null, stepUpMinutes: 5 });
    expect(readConfig({ SIGN_STEP_UP_MINUTES: '2' }).signing.stepUpMinutes).toBe(2);
    expect(readConfig({ SIGN_STEP_UP_MINUTES: 'snart' }).signing.stepUpMinutes).toBe(5);
    const env = { SIGNING_P12: 'certifikat/org.p12', SIGNING_P12_PASSPHRASE: 'hemligt', TIMESTAMP_URL: 'https://tsa.example.se/tsa' };
    expect(readConfig(env).signing).toEqual({ p12Path: resolve('certifikat/org.p12'), p12Passphrase: 'hemligt', timestampUrl: 'https://tsa.example.se/tsa', stepUpMinutes: 5 });
  });

  it('trusts no proxy unless TRUST_PROXY names addresses or CIDRs', () => {
    expect(trustedProxiesFrom(undefined)).toBe(false);
    expect(trustedProxiesFrom('')).toBe(false);
    expect(trustedProxiesFrom('off')).toBe(false);
    expect(trustedProxiesFrom(' 127.0.0.1, 10.0.0.0/8 ')).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(readConfig({ TRUST_PROXY: '10.0.0.0/8', PUBLIC_URL: 'https://protokoll.example.se' })).toMatchObject({ trustProxy: ['10.0.0.0/8'], publicUrl: 'https://protokoll.example.se' });
  });
});
