/**
 * A real OpenID Provider (`oidc-provider`) for tests of sign-in and step-up: it listens before the app is
 * built, so that the app's settings can name its issuer, and is given the app's callback once the app has a
 * port. Its login screen logs in one test account at the given acr, as a user filling it in would.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const TEST_CLIENT = { clientId: 'protokoll', clientSecret: 'en-hemlighet-for-test' } as const;

export interface TestAccount {
  sub: string;
  email: string;
  name: string;
  /** The assurance level the provider reports for this login. */
  acr: string;
}

export interface TestOpenIdProvider {
  issuer: string;
  /** Starts answering as a provider with one client whose callback is `redirectUri`. */
  serve(options: { redirectUri: string; acrValues: string[]; account: TestAccount }): void;
  close(): Promise<void>;
}

export async function listenAsOpenIdProvider(): Promise<TestOpenIdProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    serve({ redirectUri, acrValues, account }) {
      const provider = new Provider(issuer, {
        clients: [{ client_id: TEST_CLIENT.clientId, client_secret: TEST_CLIENT.clientSecret, redirect_uris: [redirectUri], token_endpoint_auth_method: 'client_secret_post' }],
        acrValues,
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        conformIdTokenClaims: false,
        cookies: { keys: ['nycklar-for-testets-kakor'] },
        ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
        features: { devInteractions: { enabled: false } },
        findAccount: (_context: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub, email: account.email, email_verified: true, name: account.name }) }),
      });
      const callback = provider.callback();
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
        void (async () => {
          const details = await provider.interactionDetails(req, res);
          const grant = new provider.Grant({ accountId: account.sub, clientId: details.params.client_id as string });
          grant.addOIDCScope('openid email profile');
          const grantId = await grant.save();
          await provider.interactionFinished(req, res, { login: { accountId: account.sub, acr: account.acr, amr: ['pwd'] }, consent: { grantId } }, { mergeWithLastSubmission: false });
        })().catch((error: unknown) => {
          res.statusCode = 500;
          res.end(String(error));
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
