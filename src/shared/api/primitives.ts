import { z } from 'zod'

// The primitives the API's answers share, in one place for the server's schemas and the web's types.

/** A moment as ISO 8601 with its offset, e.g. 2026-12-04T10:15:00.000Z. */
export const IsoDateTime = z.string().meta({ format: 'date-time' })

/** The host institution of a place, as the catalog and the calls show it. */
export const HostSchema = z.object({ id: z.uuid(), name: z.string(), country: z.string(), city: z.string().nullable() })
