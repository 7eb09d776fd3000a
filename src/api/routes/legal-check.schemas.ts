/**
 * The legal checks in the API: the `legalReason` a step of the meeting cycle may carry, and the 422 that
 * answers a step the checks stop (src/errors.ts, LegalCheckError), in the shape of every API error.
 */
import { z } from 'zod';

export const legalReasonField = z
  .string()
  .max(2000)
  .nullable()
  .optional()
  .describe('Why the step goes on despite the warnings of the legal checks; kept in the audit trail. Needed only when the checks find warnings (422 legal_reason_required).');

const reportedFindingSchema = z.object({
  code: z.string().describe('A finding code, e.g. quorum_not_met, kallelse_late'),
  severity: z.enum(['error', 'warning']),
  paragraph: z.number().int().nullable().describe('The § it concerns, or null for the meeting as a whole'),
  persons: z.array(z.string()),
  reference: z.string().describe('The provision, e.g. KL 5:45, 6:27'),
  messages: z.object({ sv: z.string(), en: z.string() }),
});

export const legalCheckRefusalSchema = z
  .object({
    error: z.object({
      code: z.enum(['legal_check_failed', 'legal_reason_required']),
      message: z.string(),
      details: z.object({ step: z.enum(['kallelse', 'finalise', 'sign', 'notice']), findings: z.array(reportedFindingSchema) }),
    }),
  })
  .describe(
    'The legal checks stop the step: legal_check_failed lists the errors (and any warnings), which must be corrected; legal_reason_required lists the warnings: send the request again with legalReason.',
  );
