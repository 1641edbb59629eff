import type { Insertable, Kysely, Updateable } from 'kysely'
import type { DB } from '../db/schema.js'
import type { Ctx } from '../http/context.js'
import { AppError, AppErrorCode } from '../http/errors.js'
import { recordAudit } from './audit.js'

// Every aggregate's statuses and steps as one table, the agreements' style: which statuses a step
// may be taken from and where it leads. The same table answers "what may be done now" (the
// actions a page receives) and enforces it (`take`), so the two cannot drift apart.

export interface StepRule<S extends string> {
  from: readonly S[]
  to: S
  /** How the refusal names the step: "cannot be <past>". */
  past: string
  /**
   * The ways the step is taken, when there are several (the end of a stay: the host's transcript,
   * the host's certificate, the office's confirmation): the audit names the variant as its action.
   */
  variants?: readonly string[]
  /** The audit's action when it is not the step's name (and the step has no variants). */
  action?: string
  /** The step also brings a row into being (`create`): a first submission, an arrival. */
  creates?: boolean
}

/** How a step is recorded in the audit beyond its status: the variant taken, and what else changed. */
export interface StepAudit {
  /** The variant of a step that has several; required then, and the audit's action. */
  as?: string
  /** What the audit's "before" records besides the status (e.g. the transcript being corrected). */
  before?: Record<string, unknown>
  /** The aggregate the audit is filed under, when the row is a part of it (a learning agreement's version). */
  entityId?: string
}

export interface LifecycleDefinition<S extends string, Step extends string, T extends keyof DB> {
  /** The audit's entity type, e.g. 'application'. */
  entity: string
  /** How a refusal begins, e.g. 'An application'. */
  noun: string
  table: T
  /** The columns that find a row, when it is not `id` (a checklist item: its application and item). */
  key?: readonly string[]
  steps: Record<Step, StepRule<S>>
  /** Fields written with every step, e.g. `{ updated_at: new Date() }`. */
  stamp?: () => Omit<Updateable<DB[T]>, 'status'>
}

export interface Lifecycle<S extends string, Step extends string, T extends keyof DB> extends LifecycleDefinition<S, Step, T> {
  /** Whether the step may be taken from this status. */
  can(step: Step, status: S): boolean
  /** The steps that may be taken from this status, in the table's order. */
  possible(status: S): Step[]
  /** Refuses (409, naming the status and the step) a step the status does not allow. */
  refuse(step: Step, status: S): void
  /**
   * Takes a step on a row the caller has locked: refused when the status does not allow it,
   * otherwise writes the new status with the step's own fields and the audit entry, in `trx`.
   */
  take(
    trx: Kysely<DB>,
    ctx: Ctx,
    row: { status: S } & Record<string, unknown>,
    step: Step,
    fields?: Omit<Updateable<DB[T]>, 'status'>,
    detail?: Record<string, unknown>,
    audit?: StepAudit,
  ): Promise<S>
  /**
   * Takes a creating step where there is no row yet: inserts it in the step's status with its
   * values and writes the audit entry, in `trx`; the new row's id when the audit is not filed
   * under another entity.
   */
  create(
    trx: Kysely<DB>,
    ctx: Ctx,
    step: Step,
    values: Omit<Insertable<DB[T]>, 'status'>,
    detail?: Record<string, unknown>,
    audit?: Omit<StepAudit, 'before'>,
  ): Promise<string>
}

export function defineLifecycle<S extends string, Step extends string, T extends keyof DB>(
  definition: LifecycleDefinition<S, Step, T>,
): Lifecycle<S, Step, T> {
  const { entity, noun, table, steps, stamp, key = ['id'] } = definition
  const can = (step: Step, status: S) => steps[step].from.includes(status)
  const refuse = (step: Step, status: S) => {
    if (!can(step, status)) throw new AppError(AppErrorCode.CONFLICT, `${noun} that is ${status} cannot be ${steps[step].past}.`)
  }
  return {
    ...definition,
    can,
    refuse,
    possible: (status) => (Object.keys(steps) as Step[]).filter((step) => can(step, status)),
    async take(trx, ctx, row, step, fields, detail = {}, audit = {}) {
      const action = actionOf(step, audit)
      refuse(step, row.status)
      const status = steps[step].to
      // The table's row type is known only by name here; the step's fields were typed by the caller.
      let update = (trx as unknown as Kysely<Record<string, Record<string, unknown>>>)
        .updateTable(table as string)
        .set({ ...(stamp?.() as object), ...(fields as object), status })
      for (const column of key) {
        if (row[column] === undefined) throw new Error(`${entity}: the row has no ${column}`)
        update = update.where(column, '=', row[column])
      }
      // Checked before the write: a row found by other keys must name the aggregate its audit is filed under.
      const entityId = audit.entityId ?? row.id
      if (typeof entityId !== 'string') throw new Error(`${entity}: step ${step} names no entity for its audit`)
      await update.execute()
      await recordAudit(trx, ctx, {
        entityType: entity,
        entityId,
        action,
        before: { ...audit.before, status: row.status },
        after: { status, ...detail },
      })
      return status
    },
    async create(trx, ctx, step, values, detail = {}, audit = {}) {
      const action = actionOf(step, audit)
      if (!steps[step].creates) throw new Error(`${entity}: step ${step} does not create a row`)
      const status = steps[step].to
      const insert = (trx as unknown as Kysely<Record<string, Record<string, unknown>>>)
        .insertInto(table as string)
        .values({ ...(stamp?.() as object), ...(values as object), status })
      let entityId = audit.entityId
      if (entityId) await insert.execute()
      else entityId = String((await insert.returning('id').executeTakeFirstOrThrow()).id)
      await recordAudit(trx, ctx, { entityType: entity, entityId, action, after: { status, ...detail } })
      return entityId
    },
  }

  /** The audit's action for a step: its variant (required where it has several), else its own name. */
  function actionOf(step: Step, audit: StepAudit): string {
    const { variants, action } = steps[step]
    // A programming error, not a person's: the caller names a variant the table does not have.
    if (variants ? !audit.as || !variants.includes(audit.as) : audit.as)
      throw new Error(`${entity}: step ${step} has no variant ${audit.as ?? '(none given)'}`)
    return audit.as ?? action ?? step
  }
}
