import { z } from 'zod';
import { isoDateTime } from '../links/links.schemas.js';

const caughtMailShape = {
  id: z.string(),
  receivedAt: isoDateTime,
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
};

/** A message the demo's mail catcher received, without its body (the list). */
export const caughtMailSummarySchema = z.object(caughtMailShape).meta({ id: 'CaughtMailSummary' });

/** One caught message with its text. */
export const caughtMailSchema = z
  .object({ ...caughtMailShape, text: z.string().describe('The plain-text body as received') })
  .meta({ id: 'CaughtMail' });

export const caughtMailListSchema = z
  .object({
    enabled: z.boolean().describe('Whether the demo mail catcher runs (demo mode without SMTP_URL)'),
    note: z.string().describe('Where this service sends its mail, in words'),
    items: z.array(caughtMailSummarySchema).describe('Newest first; the catcher keeps the last 200'),
  })
  .meta({ id: 'CaughtMailList' });
