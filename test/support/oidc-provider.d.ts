/**
 * The few parts of oidc-provider 8 (a dev dependency without its own types) that the step-up test
 * uses to run a real OpenID Provider; see its docs for the full API.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Grant {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  interface InteractionResult {
    login?: { accountId: string; acr?: string; amr?: string[]; ts?: number };
    consent?: { grantId: string };
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<{ uid: string; params: Record<string, unknown> }>;
    interactionFinished(request: IncomingMessage, response: ServerResponse, result: InteractionResult, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    Grant: new (options: { accountId: string; clientId: string }) => Grant;
  }
}
