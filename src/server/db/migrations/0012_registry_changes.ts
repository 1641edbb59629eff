import { type Kysely, sql } from 'kysely'

// The partner and agreement lists are searched in memory (decision 023). Each process keeps its
// index in step with the database by reading only what changed since its last look:
//
// - institutions.row_txid, agreements.row_txid and users.row_txid (the lists show the responsible
//   officer's name): the transaction that last wrote the row, set
//   by a trigger on every insert and update (also one a trigger makes, such as the counts of
//   migration 0004, and rows a restore copies in). A process remembers the snapshot of its last
//   read (pg_current_snapshot) and reads the rows whose transaction that snapshot did not see:
//   at or after its xmax, or in progress then. No write is missed, whatever order they commit in.
// - registry_removed: a row per deleted institution or agreement, for the same reading; the
//   daily agreement pass clears those older than 30 days.
// - The search documents are no longer queried with @@, so their GIN indexes go.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function meridian_row_txid() returns trigger language plpgsql as $fn$
    begin
      new.row_txid := pg_current_xact_id();
      return new;
    end $fn$;

    alter table institutions add column row_txid xid8 not null default pg_current_xact_id();
    alter table agreements add column row_txid xid8 not null default pg_current_xact_id();
    create index institutions_row_txid on institutions (row_txid);
    create index agreements_row_txid on agreements (row_txid);
    alter table users add column row_txid xid8 not null default pg_current_xact_id();
    create index users_row_txid on users (row_txid);
    create trigger users_row_txid before insert or update on users
      for each row execute function meridian_row_txid();
    create trigger institutions_row_txid before insert or update on institutions
      for each row execute function meridian_row_txid();
    create trigger agreements_row_txid before insert or update on agreements
      for each row execute function meridian_row_txid();

    create table registry_removed (
      kind text not null check (kind in ('institution', 'agreement')),
      id uuid not null,
      row_txid xid8 not null default pg_current_xact_id(),
      removed_at timestamptz not null default now()
    );
    create index registry_removed_row_txid on registry_removed (row_txid);
    create function meridian_registry_removed() returns trigger language plpgsql as $fn$
    begin
      insert into registry_removed (kind, id) values (tg_argv[0], old.id);
      return null;
    end $fn$;
    create trigger institutions_removed after delete on institutions
      for each row execute function meridian_registry_removed('institution');
    create trigger agreements_removed after delete on agreements
      for each row execute function meridian_registry_removed('agreement');

    drop index institutions_search;
    drop index agreements_search;
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
