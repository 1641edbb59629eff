import type { Kysely } from 'kysely'
import type { Role } from '../../shared/roles.js'
import type { DB } from '../db/schema.js'
import type { Ctx } from '../http/context.js'

// What one room tells others, so a lower room need not import a higher one: the room where it
// happens emits inside its transaction, and the rooms that act on it listen (wired once in
// src/server/events.ts). Listeners run in order, in the same transaction: if one fails, nothing
// of the step is kept.

export interface DomainEvents {
  /** A person's account was made from an invitation (a visiting student's nominations become applications). */
  accountCreated: { id: string; email: string; role: Role; institutionId: string | null }
}

export type Listener<K extends keyof DomainEvents> = (trx: Kysely<DB>, ctx: Ctx, event: DomainEvents[K]) => Promise<void>

export class Events {
  private readonly listeners: { [K in keyof DomainEvents]?: Listener<K>[] } = {}

  on<K extends keyof DomainEvents>(name: K, listener: Listener<K>): this {
    const list: Listener<K>[] = this.listeners[name] ?? []
    list.push(listener)
    this.listeners[name] = list as (typeof this.listeners)[K]
    return this
  }

  async emit<K extends keyof DomainEvents>(trx: Kysely<DB>, ctx: Ctx, name: K, event: DomainEvents[K]): Promise<void> {
    for (const listener of (this.listeners[name] ?? []) as Listener<K>[]) await listener(trx, ctx, event)
  }
}
