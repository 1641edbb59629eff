import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'

// The reads most of a mobility's pages, letters and mail start from, written once: an application
// (a) with its applicant (u), its call (c), the place it was offered (o) and that place's host (h).
// Callers add the columns they need, their own joins and the row they want.

/** Every application, with its offered place and host when it has one (o and h may be null). */
export const applicationsWithPlace = (db: Kysely<DB>) =>
  db
    .selectFrom('applications as a')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .leftJoin('opportunities as o', 'o.id', 'a.offered_opportunity_id')
    .leftJoin('institutions as h', 'h.id', 'o.host_institution_id')

/** Only the applications that were offered a place: the nominated, the accepted, those abroad. */
export const placedApplications = (db: Kysely<DB>) =>
  db
    .selectFrom('applications as a')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('opportunities as o', 'o.id', 'a.offered_opportunity_id')
    .innerJoin('institutions as h', 'h.id', 'o.host_institution_id')
