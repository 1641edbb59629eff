import type { z } from 'zod'
import type { CatalogAnswerSchema, OpportunityDto } from '../../../shared/api/opportunities'

// An opportunity as the API answers it: the types are inferred from the server's schemas (src/shared/api).
export type { CatalogItem } from '../../../shared/api/opportunities'
export type CatalogAnswer = z.infer<typeof CatalogAnswerSchema>
export type Opportunity = OpportunityDto

/** A text in the reader's language, else English, else any. */
export { inLanguage } from '../../../shared/text'

export { READABLE } from '../../components/ToneBadge'
