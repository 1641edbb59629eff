import { z } from 'zod'

// An import as the office's import page reads it: the file's sheets with a suggested mapping, then
// the preview of every row (what it creates, updates, or why it cannot).

export const IMPORT_KINDS = ['institutions', 'opportunities'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

const RowResult = z.object({
  row: z.number().int(),
  name: z.string(),
  country: z.string(),
  action: z.enum(['create', 'update', 'error']),
  places: z.number().int(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
})
export const PreviewSchema = z
  .object({
    total: z.number().int(),
    truncated: z.boolean(),
    creates: z.number().int(),
    updates: z.number().int(),
    errors: z.number().int(),
    rows: z.array(RowResult),
  })
  .meta({ id: 'ImportPreview' })
export const UploadSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(IMPORT_KINDS),
    fileName: z.string(),
    fields: z.array(z.string()),
    required: z.array(z.string()),
    sheets: z.array(
      z.object({
        name: z.string(),
        headers: z.array(z.string()),
        rowCount: z.number().int(),
        sample: z.array(z.array(z.string())),
        mapping: z.record(z.string(), z.array(z.number().int())),
        remembered: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'ImportUpload' })
export type PreviewDto = z.infer<typeof PreviewSchema>
export type UploadDto = z.infer<typeof UploadSchema>
