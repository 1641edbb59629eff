import { z } from 'zod'
import { ProgrammeViewSchema } from '../../../../shared/api/mobilities.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { SignedIn } from '../../../http/policy.js'
import { type App, IdParams } from '../../../http/types.js'
import { CalendarDate, Text } from '../../../kernel/schema.js'
import { approveProgramme, loadProgramme, saveProgramme } from './staff.service.js'

const tags = ['staff']

const ProgrammeBody = z
  .object({
    hostDepartment: Text(200).min(1, 'is required'),
    startsOn: CalendarDate,
    endsOn: CalendarDate,
    activities: Text(4000).min(1, 'is required'),
    teachingHours: z
      .number('must be a whole number of hours')
      .int('must be a whole number of hours')
      .min(1, 'must be at least 1')
      .max(200, 'must be at most 200')
      .nullable()
      .default(null),
  })
  .strict()

export function staffRoutes(app: App, deps: Deps): void {
  const path = '/api/applications/:id/staff-programme'

  app.get(
    path,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'The programme of a staff visit (the visitor, the office, the host)',
        params: IdParams,
        response: { 200: ProgrammeViewSchema },
      },
    },
    async (request) => loadProgramme(deps.db, ctxOf(request), request.params.id),
  )

  app.put(
    path,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Propose the programme of a staff visit; a change after approval needs a new one (the visitor or the office)',
        params: IdParams,
        body: ProgrammeBody,
        response: { 200: ProgrammeViewSchema },
      },
    },
    async (request) => {
      await saveProgramme(deps, ctxOf(request), request.params.id, request.body)
      return loadProgramme(deps.db, ctxOf(request), request.params.id)
    },
  )

  app.post(
    `${path}/approve`,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Approve the programme of a staff visit (the office)',
        params: IdParams,
        response: { 200: ProgrammeViewSchema },
      },
    },
    async (request) => {
      await approveProgramme(deps, ctxOf(request), request.params.id)
      return loadProgramme(deps.db, ctxOf(request), request.params.id)
    },
  )
}
