import type { Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { DB } from '../db/schema.js'
import type { Ctx } from '../http/context.js'
import { AppError } from '../http/errors.js'
import { defineLifecycle } from './lifecycle.js'

type Status = 'draft' | 'open' | 'closed'

const lifecycle = defineLifecycle({
  entity: 'thing',
  noun: 'A thing',
  table: 'calls',
  steps: {
    draft: { from: [] as Status[], to: 'draft' as Status, past: 'drafted', creates: true },
    open: { from: ['draft'] as Status[], to: 'open' as Status, past: 'opened' },
    close: { from: ['open'] as Status[], to: 'closed' as Status, past: 'closed', variants: ['by_hand', 'by_date'] },
  },
})

/** A transaction that records what it is asked to write instead of writing it. */
function recorder() {
  const writes: { table: string; values: unknown }[] = []
  const chain = (table: string, values?: unknown) => ({
    set: (v: unknown) => chain(table, v),
    values: (v: unknown) => chain(table, v),
    where: () => chain(table, values),
    execute: async () => {
      writes.push({ table, values })
      return []
    },
    returning: () => ({
      executeTakeFirstOrThrow: async () => {
        writes.push({ table, values })
        return { id: 'new-row' }
      },
    }),
  })
  const trx = { updateTable: (t: string) => chain(t), insertInto: (t: string) => chain(t) }
  return { trx: trx as unknown as Kysely<DB>, writes }
}

const ctx = { actor: { id: 'u1', email: 'admin@example.org' }, requestId: 'req-1' } as unknown as Ctx

describe('a lifecycle table', () => {
  it('answers what may be done from each status, in the table order', () => {
    expect(lifecycle.possible('draft')).toEqual(['open'])
    expect(lifecycle.possible('open')).toEqual(['close'])
    expect(lifecycle.possible('closed')).toEqual([])
    expect(lifecycle.can('close', 'draft')).toBe(false)
  })

  it('refuses a step its status does not allow with a conflict naming both', () => {
    const refused = (() => {
      try {
        lifecycle.refuse('open', 'closed')
      } catch (e) {
        return e
      }
    })()
    expect(refused).toBeInstanceOf(AppError)
    expect((refused as AppError).message).toBe('A thing that is closed cannot be opened.')
  })

  it('writes the status and the audit, naming the variant taken as the action', async () => {
    const { trx, writes } = recorder()
    await expect(
      lifecycle.take(trx, ctx, { id: 'c1', status: 'open' }, 'close', {}, { note: 'x' }, { as: 'by_date' }),
    ).resolves.toBe('closed')
    expect(writes[0]).toMatchObject({ table: 'calls', values: { status: 'closed' } })
    expect(writes[1]).toMatchObject({
      table: 'audit_events',
      values: { action: 'by_date', entity_type: 'thing', entity_id: 'c1' },
    })
  })

  it('takes no step whose variant is missing or unknown, and writes nothing', async () => {
    const { trx, writes } = recorder()
    const row = { id: 'c1', status: 'open' as Status }
    await expect(lifecycle.take(trx, ctx, row, 'close')).rejects.toThrow(/variant/)
    await expect(lifecycle.take(trx, ctx, row, 'close', {}, {}, { as: 'by_magic' })).rejects.toThrow(/variant/)
    await expect(lifecycle.take(trx, ctx, { id: 'c1', status: 'draft' }, 'open', {}, {}, { as: 'by_hand' })).rejects.toThrow(
      /variant/,
    )
    await expect(lifecycle.take(trx, ctx, row, 'open')).rejects.toBeInstanceOf(AppError)
    expect(writes).toEqual([])
  })

  it("creates a row in a creating step's status, audited under its new id or the entity named", async () => {
    const { trx, writes } = recorder()
    await expect(lifecycle.create(trx, ctx, 'draft', { title: { en: 'A' } } as never, { note: 'x' })).resolves.toBe('new-row')
    expect(writes[0]).toMatchObject({ table: 'calls', values: { title: { en: 'A' }, status: 'draft' } })
    expect(writes[1]).toMatchObject({
      table: 'audit_events',
      values: { action: 'draft', entity_type: 'thing', entity_id: 'new-row', before: null },
    })
    await expect(lifecycle.create(trx, ctx, 'draft', {} as never, {}, { entityId: 'parent' })).resolves.toBe('parent')
    expect(writes[3]).toMatchObject({ table: 'audit_events', values: { entity_id: 'parent' } })
  })

  it('creates nothing with a step that does not create', async () => {
    const { trx, writes } = recorder()
    await expect(lifecycle.create(trx, ctx, 'open', {} as never)).rejects.toThrow(/does not create/)
    expect(writes).toEqual([])
  })
})
