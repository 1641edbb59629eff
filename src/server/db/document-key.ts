import { createHmac } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from './schema.js'
import { unseal } from './seal.js'

// The documents sealed at rest (passports, immunisation records) open only with the key that sealed
// them. The data keeps the key's fingerprint (never the key), so a start or a restore with another
// key is refused with the fingerprint it needs, instead of every sealed document answering 500.

const SETTING = 'document_key_fingerprint'

/** Meridian was given a document key that does not open the documents of its data. */
export class DocumentKeyError extends Error {}

/** A short, one-way name of a key: HMAC-SHA-256 under the key itself of a fixed text. */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('meridian document key fingerprint').digest('hex').slice(0, 16)
}

export type KeyCheck = { ok: true; recorded: boolean } | { ok: false; expected: string | null; actual: string; message: string }

/**
 * Checks the key against the data: against the fingerprint kept with it, or, in data from before
 * fingerprints were kept, by opening one sealed document. Records the fingerprint when the data
 * has none and the key fits (`record: false` only checks).
 */
export async function checkDocumentKey(db: Kysely<DB>, key: Buffer, { record = true } = {}): Promise<KeyCheck> {
  const actual = keyFingerprint(key)
  const kept = await db.selectFrom('app_settings').select('value').where('key', '=', SETTING).executeTakeFirst()
  const expected = typeof kept?.value === 'string' ? kept.value : null
  if (expected) return expected === actual ? { ok: true, recorded: false } : refusal(expected, actual)
  const sample = await db.selectFrom('documents').select('content').where('encrypted', '=', true).limit(1).executeTakeFirst()
  if (sample?.content) {
    try {
      unseal(key, sample.content)
    } catch {
      return refusal(null, actual)
    }
  }
  if (!record) return { ok: true, recorded: false }
  await db
    .insertInto('app_settings')
    .values({ key: SETTING, value: JSON.stringify(actual) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  return { ok: true, recorded: true }
}

function refusal(expected: string | null, actual: string): KeyCheck {
  const which = expected ? `the document key with fingerprint ${expected}` : 'another document key'
  return {
    ok: false,
    expected,
    actual,
    message:
      `The documents in this database were sealed with ${which}, but this Meridian has the key with fingerprint ${actual}. ` +
      'Give it the original key: set DOCUMENT_KEY to it, or put it in the data directory as "document-key" ' +
      '(restore a backup made with "meridian backup FILE --with-key" to bring it along). ' +
      'Without that key the sealed documents (passports, immunisation records) cannot be read.',
  }
}
