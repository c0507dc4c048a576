import { z } from 'zod';

/** One entry of a problem's `errors[]` (API-3), as `ProblemItem`. */
export const problemItemSchema = z
  .object({
    field: z.string().optional().describe('The request field at fault (dotted path), when there is one'),
    rule: z.string().optional().describe('The SPEC rule ID that refused it, when there is one'),
    code: z.string().describe('Machine-readable reason'),
    message: z.string().describe('The reason in plain words'),
  })
  .meta({ id: 'ProblemItem' });

/** RFC 9457 problem details, the one error shape of the API (API-3), as `ProblemDetails`. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(problemItemSchema),
  })
  .meta({ id: 'Problem' });
