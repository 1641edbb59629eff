import type { AgreementViewDto } from '../../../shared/api/learning-agreements'

// The learning agreement as GET /api/applications/:id/learning-agreement gives it: the type is
// inferred from the schema the server answers with (src/shared/api), never written a second time.

export type View = AgreementViewDto
export type Version = NonNullable<View['agreement']>['versions'][number]
