import { z } from 'zod';
import { isoDateTime } from '../links/links.schemas.js';
import { pageOf } from '../platform/http/pagination.js';
import { projectCostCodeSchema } from '../projects/projects.schemas.js';

/** A cost code list; the Spectrum Standard Cost Codes list is marked `isSpectrumList` (LIM-2). */
export const costCodeListSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    isSpectrumList: z.boolean(),
    codeCount: z.number().int(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'CostCodeList' });

export const costCodeListPageSchema = pageOf(costCodeListSchema, 'CostCodeListPage');

/** A code of a cost code list (`listId`), stored without dashes. */
export const listCostCodeSchema = z
  .object({ id: z.string(), listId: z.string(), code: z.string(), description: z.string() })
  .meta({ id: 'ListCostCode' });

/** A code of a project (`projectId`) with its cost types. */
export const projectCostCodeRowSchema = projectCostCodeSchema
  .extend({ projectId: z.string() })
  .meta({ id: 'ProjectCostCodeRow' });

/** `listCostCodes`: codes of a list (with `listId`) or of a project (with `projectId`), as asked. */
export const costCodePageSchema = pageOf(
  z.union([listCostCodeSchema, projectCostCodeRowSchema]),
  'CostCodePage',
);
