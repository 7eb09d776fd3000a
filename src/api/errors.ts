/**
 * The one place where errors become HTTP answers: `{ error: { code, message, details } }`. Stacks and
 * SQL go to the log, never to the caller.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { InputError, isProtokollError } from '../errors.ts';
import { isRefusedTextValue } from './request-guards.ts';

// 422: the request was understood but the law (as the legal checks read it) does not let the step go on.
const statusByKind = { input: 400, rule: 409, legal: 422, not_found: 404, forbidden: 403, unauthenticated: 401 } as const;

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems = error.validation.map((v) => ({
      path: `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
      code: 'invalid_field',
      message: v.message ?? 'invalid value',
    }));
    void reply.status(400).send({ error: { code: 'invalid_input', message: 'the request is not valid', details: { problems } } });
    return;
  }
  if (isProtokollError(error)) {
    const details = error instanceof InputError ? { problems: error.problems } : error.details;
    void reply.status(statusByKind[error.kind]).send({ error: { code: error.code, message: error.message, details } });
    return;
  }
  if (isRefusedTextValue(error)) {
    // A safety net behind the request guards: a value the database cannot read is the caller's input.
    request.log.warn({ err: error }, 'the database refused a value');
    void reply.status(400).send({ error: { code: 'value_refused', message: 'a value in the request could not be accepted', details: {} } });
    return;
  }
  const status = (error as FastifyError).statusCode;
  if (status === 413) {
    void reply.status(413).send({ error: { code: 'body_too_large', message: 'the request body is too large', details: {} } });
    return;
  }
  if (status && status >= 400 && status < 500) {
    // Fastify's own refusals: malformed JSON, unsupported media type, body too large.
    const code = (error as FastifyError).code?.toLowerCase() ?? 'bad_request';
    void reply.status(status).send({ error: { code, message: error.message, details: {} } });
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  void reply.status(500).send({
    error: { code: 'internal_error', message: 'something went wrong on our side; please report it with the request id', details: { requestId: request.id } },
  });
}
