/** Checks of the identifiers institutions carry. Form only: whether the code exists is not known here. */

// ISO 3166-1 alpha-2, officially assigned codes.
const ISO_COUNTRIES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
export const COUNTRY_CODES: ReadonlySet<string> = new Set(ISO_COUNTRIES.split(' '))

export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.has(code)
}

/** Erasmus institution code: country part padded to three characters, city part, number: "P  BRAGA01". */
export const ERASMUS_CODE = /^(?=[A-Z ]{3}[A-Z])[A-Z]{1,3} {0,2}[A-Z][A-Z-]*[0-9]{2,3}$/

/** Collapses the spaces people type into the form the EWP registry uses ("P BRAGA01" → "P  BRAGA01"). */
export function normaliseErasmusCode(raw: string): string {
  const m = /^\s*([A-Za-z]{1,3})\s*([A-Za-z][A-Za-z-]*[0-9]{2,3})\s*$/.exec(raw)
  if (!m) return raw.trim().toUpperCase()
  return `${m[1]!.toUpperCase().padEnd(3, ' ')}${m[2]!.toUpperCase()}`
}

/** SCHAC home organisation (EWP hei-id): a lower-case domain such as "uminho.pt". */
export const SCHAC_ID = /^(?=.{3,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/

/** ROR id, bare ("037wpkx04") or as its URL; stored bare. */
export const ROR_ID = /^0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$/

export function normaliseRorId(raw: string): string {
  return raw
    .trim()
    .replace(/^https?:\/\/ror\.org\//i, '')
    .toLowerCase()
}

/** Kinds of institution the registry keeps. */
export const INSTITUTION_KINDS = [
  'university',
  'hospital',
  'research_institute',
  'ngo',
  'international_organisation',
  'other',
] as const
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number]
