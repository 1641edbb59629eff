import { z } from 'zod'
import { FlowSchema, RealisedFlowSchema } from '../../../../shared/api/institutions.js'
import type { Deps } from '../../../deps.js'
import { type App, IdParams } from '../../../http/types.js'
import { REGISTRY_READERS } from '../../../kernel/roles.js'
import { plannedFlows, realisedFlows } from './partner-flows.js'

// A partner's flows, served beside its profile (the paths are the registry's, the reading is ours).
const tags = ['institutions']

export function flowsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/institutions/:id/flows',
    {
      config: { policy: REGISTRY_READERS },
      schema: {
        tags,
        summary: 'Places per academic year that agreements signed or in force plan with this institution, out and in',
        params: IdParams,
        response: { 200: z.array(FlowSchema) },
      },
    },
    async (request) => plannedFlows(deps.db, request.auth!.actor, request.params.id),
  )

  app.get(
    '/api/institutions/:id/mobility-flows',
    {
      config: { policy: REGISTRY_READERS },
      schema: {
        tags,
        summary: 'The mobilities with this institution that took place or are under way, per academic year, out and in',
        params: IdParams,
        response: {
          200: z.array(RealisedFlowSchema),
        },
      },
    },
    async (request) => realisedFlows(deps.db, request.auth!.actor, request.params.id),
  )
}
