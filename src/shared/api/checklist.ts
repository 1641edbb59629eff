import { z } from 'zod'
import { CHECKLIST_ITEMS, ITEM_STATES } from '../checklist.js'
import { IsoDateTime } from './primitives.js'

// A mobility's checklist before departure as GET /api/applications/:id/checklist answers it: the
// server validates and documents its answers with this schema, the web app reads the inferred type.

export const ChecklistView = z.object({
  applicationId: z.uuid(),
  student: z.string(),
  host: z.string().nullable(),
  /** The last day of the stay as far as it is known: the travel item's return, else the learning agreement's last month. */
  stayEnd: z.string().nullable(),
  complete: z.boolean().describe('Every item verified and none expired: the student may leave'),
  editable: z.boolean().describe('The student (or the office) may still submit items'),
  verifier: z.boolean().describe('The reader verifies items (the office)'),
  items: z.array(
    z.object({
      item: z.enum(CHECKLIST_ITEMS),
      state: z.enum(ITEM_STATES),
      needsProof: z.boolean(),
      expiring: z.boolean().describe('The item has an expiry date that is watched'),
      details: z.record(z.string(), z.unknown()).nullable(),
      expiresOn: z.string().nullable(),
      daysToExpiry: z.number().int().nullable(),
      coversStay: z.boolean().nullable().describe('Valid until the end of the stay; null when either is unknown'),
      proof: z.object({ id: z.uuid(), fileName: z.string(), createdAt: IsoDateTime }).nullable(),
      submittedAt: IsoDateTime.nullable(),
      verifiedAt: IsoDateTime.nullable(),
      verifiedBy: z.string().nullable(),
      rejection: z.string().nullable(),
    }),
  ),
})
