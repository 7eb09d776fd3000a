import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMinutesPdf } from '../index.ts';
import { buildFictionalMinutes } from '../../../test/documents/fictional-minutes.ts';
import { createOrganisationP12, signPdf, verifyPdf } from './index.ts';

const folder = mkdtempSync(join(tmpdir(), 'protokoll-tsa-'));

/** Runs a tool; a missing one fails the test saying which Debian package to install. */
function run(tool: string, args: string[], input?: Buffer): { stdout: string; status: number | null } {
  const result = spawnSync(tool, args, { encoding: 'utf8', input });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(`${tool} is not installed: install the Debian package ${tool === 'openssl' ? 'openssl' : 'poppler-utils'}`);
  }
  if (result.error) throw result.error;
  return { stdout: `${result.stdout}${result.stderr}`, status: result.status };
}

/** A real RFC 3161 timestamp authority on localhost: `openssl ts -reply` with a throwaway TSA certificate. */
function startTimestampAuthority(): Promise<Server> {
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(folder, 'tsa.key'), '-out', join(folder, 'tsa.crt'), '-subj', '/CN=Test TSA', '-addext', 'extendedKeyUsage=critical,timeStamping', '-days', '30']);
  writeFileSync(join(folder, 'serial'), '01\n');
  writeFileSync(
    join(folder, 'tsa.cnf'),
    ['[ tsa ]', 'default_tsa = tsa_config', '[ tsa_config ]', `serial = ${join(folder, 'serial')}`, 'crypto_device = builtin', 'signer_digest = sha256', 'default_policy = 1.2.3.4.1', 'digests = sha256', 'ess_cert_id_alg = sha256', ''].join('\n'),
  );
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const query = join(folder, 'query.der');
      const reply = join(folder, 'reply.der');
      writeFileSync(query, Buffer.concat(chunks));
      const { status, stdout } = run('openssl', ['ts', '-reply', '-config', join(folder, 'tsa.cnf'), '-queryfile', query, '-signer', join(folder, 'tsa.crt'), '-inkey', join(folder, 'tsa.key'), '-out', reply]);
      if (status !== 0) {
        response.writeHead(500).end(stdout);
        return;
      }
      response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(readFileSync(reply));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('signPdf with a timestamp authority (TIMESTAMP_URL)', () => {
  let server: Server;
  let signed: Buffer;

  beforeAll(async () => {
    server = await startTimestampAuthority();
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
    const signer = { p12: createOrganisationP12({ organisationName: 'Älvby kommun', passphrase: 'p', validFrom: new Date('2024-01-01T00:00:00Z') }), passphrase: 'p' };
    const pdf = await renderMinutesPdf(buildFictionalMinutes({ count: 2 }), { createdAt: '2024-10-02T12:00:00Z' });
    signed = await signPdf(pdf, { signer, name: 'Åsa Ödmark', reason: 'Justering: ordförande', location: 'Älvby', signedAt: new Date('2024-10-03T08:15:00Z'), timestampUrl: url });
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('adds the TSA’s token over the signature value, leaving the signature valid for pdfsig', async () => {
    const result = await verifyPdf(signed);
    expect(result.signatures).toHaveLength(1);
    expect(result.signatures[0]!.valid).toBe(true);
    expect(result.signatures[0]!.timestamp?.imprintMatches).toBe(true);
    // The time is the TSA's clock when it answered, not the signer's claim.
    expect(result.signatures[0]!.timestamp?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/u);
    expect(result.signatures[0]!.timestamp?.at).not.toBe(result.signatures[0]!.claimedSigningTime);
    const file = join(folder, 'timestamped.pdf');
    writeFileSync(file, signed);
    expect(run('pdfsig', [file]).stdout).toContain('Signature Validation: Signature is Valid.');
  });
});
