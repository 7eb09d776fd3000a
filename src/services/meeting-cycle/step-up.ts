/**
 * Step-up before signing (issue 16): a signature rests on a sign-in made within the last few minutes,
 * with the assurance level the organisation asks for, rather than on a session that may have been left
 * open on a shared computer since the morning.
 */
import { UnauthenticatedError } from '../../errors.ts';
import type { SessionAuthentication } from '../accounts.service.ts';
import type { SignerAuthentication, SigningConfiguration } from './pades.ts';

/**
 * The sign-in a signature may rest on, or `step_up_required` (HTTP 401) naming the limit and the acr
 * asked for, so that the edge can send the signer to sign in again. Without a session (an API token,
 * or none) there is nothing to rest on.
 */
export function requireFreshSignIn(
  authentication: SessionAuthentication | null | undefined,
  policy: Pick<SigningConfiguration, 'stepUpMinutes' | 'requiredAcr'>,
  now: Date,
): SignerAuthentication {
  const details = { maxAgeMinutes: policy.stepUpMinutes, acr: policy.requiredAcr, authenticatedAt: authentication?.at.toISOString() ?? null };
  if (!authentication) {
    throw new UnauthenticatedError('step_up_required', 'signing needs a sign-in of your own (a session), not an API token', details);
  }
  const ageMs = now.getTime() - authentication.at.getTime();
  if (ageMs > policy.stepUpMinutes * 60_000) {
    throw new UnauthenticatedError('step_up_required', `sign in again: signing needs a sign-in from the last ${policy.stepUpMinutes} minutes`, details);
  }
  if (policy.requiredAcr && authentication.acr !== policy.requiredAcr) {
    throw new UnauthenticatedError('step_up_required', `sign in again at the identity provider with assurance level ${policy.requiredAcr}`, details);
  }
  return { method: authentication.method, at: authentication.at, issuer: authentication.issuer, subject: authentication.subject, acr: authentication.acr };
}
