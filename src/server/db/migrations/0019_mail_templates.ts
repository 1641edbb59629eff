import { type Kysely, sql } from 'kysely'

// Mail templates an admin has rewritten (issue 6, point 12; decision 031). Meridian's own text is
// the default in every language; a row here replaces it for one template in one language, and
// deleting the row restores the default.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mail_templates (
      key text not null,
      locale text not null,
      subject text not null,
      body text not null,
      updated_by uuid references users(id) on delete set null,
      updated_at timestamptz not null default now(),
      primary key (key, locale)
    );
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
