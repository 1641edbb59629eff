import { COUNTRY_CODES } from '../../../shared/identifiers.js'
import { fold } from '../../../shared/text.js'

/** The fields an institution import can fill, in the order the mapping step shows them. */
export const IMPORT_FIELDS = [
  'name',
  'country',
  'city',
  'kind',
  'website',
  'erasmusCode',
  'schacId',
  'rorId',
  'tags',
  'contactName',
  'contactEmail',
  'contactPhone',
  'places',
  'subjectArea',
  'mobilityType',
  'academicYearFrom',
  'academicYearTo',
] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]
export const REQUIRED_FIELDS: readonly ImportField[] = ['name', 'country']
/** Fields that may take several columns: each places column is one degree programme. */
export const MULTI_FIELDS: readonly ImportField[] = ['places']

/** What an import reads: its fields, those it needs, those that take several columns, and header words for each. */
export interface FieldSet<F extends string = string> {
  fields: readonly F[]
  required: readonly F[]
  multi: readonly F[]
  synonyms: Record<F, string[]>
}

/** Folded header words, in the languages our partners write, that suggest each field. */
const SYNONYMS: Record<ImportField, string[]> = {
  name: [
    'name',
    'institution',
    'university',
    'partner',
    'hei',
    'nome',
    'instituicao',
    'universidade',
    'название',
    'наименование',
    'университет',
    'вуз',
    'учреждение',
    'организация',
    'нэр',
    'байгууллага',
    'их сургууль',
    '기관',
    '대학',
    '기관명',
    '대학명',
    'nombre',
    'universidad',
    'institucion',
    'hochschule',
    'universitat',
    'etablissement',
  ],
  country: ['country', 'pais', 'страна', 'улс', '국가', 'land', 'pays', 'nation'],
  city: ['city', 'town', 'cidade', 'город', 'хот', '도시', 'ciudad', 'stadt', 'ville'],
  kind: ['type', 'kind', 'tipo', 'тип', 'төрөл', '유형', 'art'],
  website: ['website', 'web', 'url', 'site', 'sitio', 'сайт', 'вэб', '웹사이트', 'homepage'],
  erasmusCode: ['erasmus', 'erasmus code', 'codigo erasmus', 'код erasmus', 'эразмус', 'pic'],
  schacId: ['schac', 'hei id', 'heiid', 'domain', 'dominio', 'домен'],
  rorId: ['ror'],
  tags: ['tags', 'tag', 'network', 'networks', 'rede', 'сеть', 'теги', 'метки'],
  contactName: [
    'contact',
    'contact name',
    'coordinator',
    'contacto',
    'контакт',
    'координатор',
    'контактное лицо',
    '담당자',
    'холбоо барих',
  ],
  contactEmail: ['email', 'e mail', 'mail', 'почта', 'электронная почта', 'и мэйл', '이메일', 'correio', 'correo'],
  contactPhone: ['phone', 'telephone', 'tel', 'telefone', 'телефон', 'утас', '전화'],
  places: [
    'places',
    'place',
    'slots',
    'seats',
    'quota',
    'vagas',
    'места',
    'мест',
    'квота',
    'суудал',
    '정원',
    'plazas',
    'platze',
    'mobilities',
  ],
  subjectArea: [
    'isced',
    'subject',
    'subject area',
    'field',
    'programme',
    'program',
    'area',
    'curso',
    'специальность',
    'направление',
    'программа',
    'мэргэжил',
    '전공',
    'area de estudo',
  ],
  mobilityType: ['mobility type', 'mobility', 'tipo de mobilidade', 'вид мобильности', 'мобильность'],
  academicYearFrom: ['from', 'year from', 'start year', 'academic year', 'ano letivo', 'учебный год', 'с'],
  academicYearTo: ['to', 'year to', 'end year', 'ate', 'по'],
}

export const INSTITUTION_FIELDS: FieldSet<ImportField> = {
  fields: IMPORT_FIELDS,
  required: REQUIRED_FIELDS,
  multi: MULTI_FIELDS,
  synonyms: SYNONYMS,
}

/** Header words for the columns both imports read. */
export const COMMON_SYNONYMS = SYNONYMS

/**
 * Suggests a mapping from headers: a header that folds to a synonym, or contains one as a word.
 * "Places – Medicine" and "Места (стоматология)" both map to places.
 */
export function suggestMapping<F extends string>(
  headers: string[],
  set: FieldSet<F> = INSTITUTION_FIELDS as unknown as FieldSet<F>,
): Partial<Record<F, number[]>> {
  const out: Partial<Record<F, number[]>> = {}
  const taken = new Set<number>()
  const folded = headers.map((h) => fold(h))
  for (const exact of [true, false]) {
    for (const field of set.fields) {
      if (out[field] && !set.multi.includes(field)) continue
      folded.forEach((h, i) => {
        if (taken.has(i) || !h) return
        const hit = set.synonyms[field].some((s) => (exact ? h === s : ` ${h} `.includes(` ${s} `)))
        if (!hit) return
        if (out[field] && !set.multi.includes(field)) return
        out[field] = [...(out[field] ?? []), i]
        taken.add(i)
      })
    }
  }
  return out
}

let countryIndex: Map<string, string> | null = null
const ALIASES: Record<string, string> = {
  russia: 'RU',
  'south korea': 'KR',
  korea: 'KR',
  'republic of korea': 'KR',
  uk: 'GB',
  'united kingdom': 'GB',
  england: 'GB',
  usa: 'US',
  'united states of america': 'US',
  turkey: 'TR',
  'czech republic': 'CZ',
  holland: 'NL',
}

/** A country written as an ISO code, or as its name in any of the languages we know. */
export function countryCode(raw: string): string | null {
  const trimmed = raw.trim()
  if (/^[A-Za-z]{2}$/.test(trimmed) && COUNTRY_CODES.has(trimmed.toUpperCase())) return trimmed.toUpperCase()
  if (!countryIndex) {
    countryIndex = new Map(Object.entries(ALIASES))
    for (const lang of ['en', 'ru', 'pt', 'ko', 'mn', 'es', 'fr', 'de', 'it', 'kk']) {
      const names = new Intl.DisplayNames([lang], { type: 'region' })
      for (const code of COUNTRY_CODES) {
        const name = names.of(code)
        if (name && name !== code) countryIndex.set(fold(name), code)
      }
    }
  }
  return countryIndex.get(fold(trimmed)) ?? null
}

/** Degree programmes as offices name them, to ISCED-F codes. */
const PROGRAMMES: [string[], string][] = [
  [
    ['medicine', 'general medicine', 'medicina', 'медицина', 'лечебное дело', 'анагаах', '의학', 'medizin', 'medecine', 'md'],
    '0912',
  ],
  [['dentistry', 'dental', 'medicina dentaria', 'odontologia', 'стоматология', 'шүд', '치의학', 'zahnmedizin'], '0911'],
  [['nursing', 'enfermagem', 'enfermeria', 'сестринское дело', 'сувилахуй', '간호학', 'pflege', 'midwifery'], '0913'],
  [['pharmacy', 'farmacia', 'фармация', 'эм зүй', '약학', 'pharmazie'], '0916'],
  [['public health', 'saude publica', 'общественное здравоохранение', 'нийгмийн эрүүл мэнд', '보건학'], '0919'],
  [['biomedical sciences', 'biomedicine', 'ciencias biomedicas', 'биомедицина'], '0914'],
  [['physiotherapy', 'rehabilitation', 'fisioterapia', 'реабилитация'], '0915'],
]

/** An ISCED-F code from a code or a programme name, and a clarification keeping what was written. */
export function subjectArea(raw: string): { isced: string; clarification: string | null } | null {
  const v = raw.trim()
  const code = /^(\d{2,4})\b\s*[-–:]?\s*(.*)$/.exec(v)
  if (code && /^(0\d|10)(\d{1,2})?$/.test(code[1]!)) return { isced: code[1]!, clarification: code[2] || null }
  // The longest name that fits wins: "medicina dentária" is dentistry, not medicine.
  const f = fold(v)
  let best: { isced: string; length: number } | null = null
  for (const [names, isced] of PROGRAMMES) {
    for (const n of names) {
      if ((f === n || ` ${f} `.includes(` ${n} `)) && n.length > (best?.length ?? 0)) best = { isced, length: n.length }
    }
  }
  return best ? { isced: best.isced, clarification: v } : null
}

const KINDS: [string[], string][] = [
  [
    [
      'university',
      'universidade',
      'universidad',
      'университет',
      'их сургууль',
      '대학',
      'hei',
      'college',
      'institute of higher education',
    ],
    'university',
  ],
  [['hospital', 'clinic', 'hospital universitario', 'больница', 'клиника', 'эмнэлэг', '병원'], 'hospital'],
  [['research institute', 'research', 'институт', 'nii', '연구소'], 'research_institute'],
  [['ngo', 'non governmental organisation', 'foundation', 'нко', 'фонд'], 'ngo'],
  [['international organisation', 'international organization', 'io', 'международная организация'], 'international_organisation'],
  [['other'], 'other'],
]
export function institutionKind(raw: string): string | null {
  const f = fold(raw).replace(/ /g, '_')
  if (['university', 'hospital', 'research_institute', 'ngo', 'international_organisation', 'other'].includes(f)) return f
  const spaced = fold(raw)
  for (const [names, kind] of KINDS) if (names.includes(spaced)) return kind
  return null
}
