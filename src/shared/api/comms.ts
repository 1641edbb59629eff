import { z } from 'zod'
import { TASK_KINDS } from '../tasks.js'
import { IsoDateTime } from './primitives.js'

// What a person was told in Meridian, and what waits for them.

export const NotificationSchema = z.object({
  id: z.uuid(),
  subject: z.string(),
  body: z.string(),
  link: z.string().nullable().describe('The page it concerns, as a path such as /applications'),
  read: z.boolean(),
  createdAt: IsoDateTime,
})
export type NotificationDto = z.infer<typeof NotificationSchema>

export const TaskGroupSchema = z.object({
  kind: z.enum(TASK_KINDS),
  count: z.number().int(),
  items: z.array(z.object({ applicationId: z.uuid(), student: z.string() })).describe('The first five, oldest first'),
})
export type TaskGroupDto = z.infer<typeof TaskGroupSchema>
