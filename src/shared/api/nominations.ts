import { z } from 'zod'
import { APPLICATION_STATUSES } from '../applications.js'
import { IsoDateTime } from './primitives.js'

// Nominations as the host and the nominating partner read them.

/** A text in several languages, by language code. */
const Text = z.record(z.string(), z.string())

/** Someone nominated to a host, as its partner coordinators see them. */
export const NomineeSchema = z.object({
  id: z.uuid(),
  status: z.enum(['nominated', 'host_accepted', 'host_rejected']),
  applicant: z.object({ name: z.string(), email: z.string() }),
  academicYear: z.string(),
  opportunity: z.object({ id: z.uuid(), title: Text }),
  nominatedAt: IsoDateTime.nullable(),
  decidedAt: IsoDateTime.nullable(),
  reason: z.string().nullable(),
  acceptanceLetterId: z.uuid().nullable(),
})
export type NomineeDto = z.infer<typeof NomineeSchema>

/** One of our calls a partner may nominate its students to, with its electives. */
export const NominationCallSchema = z.object({
  id: z.uuid(),
  title: Text,
  academicYear: z.string(),
  opensAt: IsoDateTime,
  closesAt: IsoDateTime,
  timeZone: z.string(),
  opportunities: z.array(z.object({ id: z.uuid(), title: Text })),
})
export type NominationCallDto = z.infer<typeof NominationCallSchema>

/** A partner's nomination of one of its students, with where the student's application stands. */
export const PartnerNominationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  callId: z.uuid(),
  callTitle: Text,
  opportunityTitle: Text,
  nominatedBy: z.string().nullable(),
  createdAt: IsoDateTime,
  status: z.enum([...APPLICATION_STATUSES, 'invited', 'withdrawn']).describe("Where the student's application stands"),
})
export type PartnerNominationDto = z.infer<typeof PartnerNominationSchema>
