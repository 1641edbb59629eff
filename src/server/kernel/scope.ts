import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Actor } from '../http/context.js'

// The coordinator's rule, written once: admins and officers act for every unit; a faculty
// coordinator for their own unit only (a coordinator always has one, users.scope.ts sees to it).
// Routes let the office in (kernel/roles.ts OFFICE); the services narrow it with these.

/** Whether the actor may act for records of this unit (null: the university as a whole). */
export function actsForUnit(actor: Actor, orgUnitId: string | null): boolean {
  if (actor.role === 'admin' || actor.role === 'officer') return true
  return actor.role === 'coordinator' && actor.orgUnitId !== null && actor.orgUnitId === orgUnitId
}

/** The unit the actor's lists are narrowed to: their own for a coordinator, none (every unit) otherwise. */
export function unitOfScope(actor: Actor): string | null {
  return actor.role === 'coordinator' ? actor.orgUnitId : null
}

/** Whether a record of this unit is in the actor's lists. */
export function inUnitScope(actor: Actor, orgUnitId: string | null): boolean {
  return actor.role !== 'coordinator' || (actor.orgUnitId !== null && orgUnitId === actor.orgUnitId)
}

/**
 * A where-condition keeping a coordinator's lists to rows whose `column` (a unit id) is theirs;
 * true for everyone else. `query.where(unitScope(actor, 'c.org_unit_id'))`.
 */
export function unitScope(actor: Actor, column: string) {
  // The condition fits any query that has the column.
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    if (actor.role !== 'coordinator') return sql<SqlBool>`true`
    if (actor.orgUnitId === null) return sql<SqlBool>`false`
    return eb(sql.ref(column), '=', actor.orgUnitId)
  }
}
