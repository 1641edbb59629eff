import type { z } from 'zod'
import type { MobilityView as MobilityViewSchema } from '../../../shared/api/mobilities'

// What the server says about a mobility (`GET /api/applications/:id/mobility`): inferred from the
// schema it answers with (src/shared/api), never written a second time.

export type MobilityView = z.infer<typeof MobilityViewSchema>
