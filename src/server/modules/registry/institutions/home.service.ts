import type { Kysely } from 'kysely'
import { DEMO_DOMAIN } from '../../../../shared/demo.js'
import { LOGO_MAX_BYTES } from '../../../../shared/limits.js'
import type { DB, InstitutionRow } from '../../../db/schema.js'
import type { Deps } from '../../../deps.js'
import type { Ctx } from '../../../http/context.js'
import { AppError } from '../../../http/errors.js'
import { looksLike } from '../../../http/file-types.js'
import { recordAudit } from '../../../kernel/audit.js'
import {
  assertIdentifiersFree,
  hasDemoAccounts,
  homeInstitutionRow,
  homeLogoRow,
  homeUnits,
  identityColumns,
  indexColumns,
  presentInstitution,
  updateInstitutionReturning,
} from './institutions.repository.js'
import type { HomeSettingsInput } from './institutions.schema.js'

export async function listOrgUnits(deps: Deps) {
  return homeUnits(deps.db)
}

async function homeRow(db: Kysely<DB>) {
  const row = await homeInstitutionRow(db)
  if (!row) throw AppError.notFound('The home institution')
  return row
}

export function presentHome(row: InstitutionRow) {
  return {
    ...presentInstitution(row),
    languages: row.languages as ('en' | 'ru' | 'pt' | 'ko' | 'mn')[],
    defaultLanguage: row.default_language as 'en' | 'ru' | 'pt' | 'ko' | 'mn',
    hasLogo: row.logo !== null,
    updatedAt: new Date(row.updated_at).toISOString(),
  }
}

/** The home institution as the settings page and the sign-in page need it. */
async function homeSettingsOf(db: Kysely<DB>, row: InstitutionRow) {
  const demo = await hasDemoAccounts(db, DEMO_DOMAIN)
  // The sign-in page mentions the demo password only while demo accounts exist.
  return { ...presentHome(row), demoAccounts: !!demo }
}

export async function getHomeSettings(deps: Deps) {
  return homeSettingsOf(deps.db, await homeRow(deps.db))
}

export async function updateHomeSettings(deps: Deps, ctx: Ctx, input: HomeSettingsInput) {
  return deps.db.transaction().execute(async (trx) => {
    const before = await homeRow(trx)
    await assertIdentifiersFree(trx, before.id, input)
    const after = await updateInstitutionReturning(trx, before.id, {
      ...identityColumns(input),
      languages: input.languages,
      default_language: input.defaultLanguage,
      ...indexColumns({
        ...before,
        name: input.name,
        city: input.city,
        erasmus_code: input.erasmusCode,
        schac_id: input.schacId,
        ror_id: input.rorId,
      }),
      updated_at: new Date(),
    })
    await recordAudit(trx, ctx, {
      entityType: 'institution',
      entityId: before.id,
      action: 'update_settings',
      before: presentHome(before),
      after: presentHome(after),
    })
    return homeSettingsOf(trx, after)
  })
}

/** The logo is checked by its bytes, not by what the client says it is. */
export async function setHomeLogo(deps: Deps, ctx: Ctx, dataUrl: string | null) {
  let logo: Buffer | null = null
  let mime: string | null = null
  if (dataUrl) {
    const m = /^data:(image\/(?:png|jpeg|webp));base64,(.*)$/.exec(dataUrl)
    if (!m) throw AppError.validation('body.dataUrl', 'must be a PNG, JPEG or WebP image as a data: URL')
    mime = m[1]!
    logo = Buffer.from(m[2]!, 'base64')
    if (logo.length > LOGO_MAX_BYTES) throw AppError.validation('body.dataUrl', `must be at most ${LOGO_MAX_BYTES / 1024} KB`)
    if (!looksLike(mime, logo)) throw AppError.validation('body.dataUrl', `is not a ${mime} image`)
  }
  return deps.db.transaction().execute(async (trx) => {
    const before = await homeRow(trx)
    const after = await updateInstitutionReturning(trx, before.id, { logo, logo_mime: mime, updated_at: new Date() })
    await recordAudit(trx, ctx, {
      entityType: 'institution',
      entityId: before.id,
      action: logo ? 'set_logo' : 'remove_logo',
      before: { logo: before.logo, logo_mime: before.logo_mime },
      after: { logo: after.logo, logo_mime: after.logo_mime },
    })
    return homeSettingsOf(trx, after)
  })
}

export async function getHomeLogo(deps: Deps): Promise<{ logo: Buffer; mime: string } | null> {
  const row = await homeLogoRow(deps.db)
  if (!row?.logo || !row.logo_mime) return null
  return { logo: row.logo, mime: row.logo_mime }
}
