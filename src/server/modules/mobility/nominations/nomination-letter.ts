import type { Kysely } from 'kysely'
import type { Language } from '../../../../shared/limits.js'
import { inLanguage } from '../../../../shared/text.js'
import type { DB } from '../../../db/schema.js'
import { newDocument, write } from '../../../pdf/document.js'
import { homeInstitution, letterhead, letterLine } from '../../../pdf/letterhead.js'
import { placedApplications } from '../../applications/applications/applications.repository.js'

// The nomination letter: on the home institution's letterhead (its logo when it has a PNG or
// JPEG one), to the host, naming the student, the place and the academic year, in the reader's
// language.

const LABELS: Record<
  Language,
  {
    title: string
    body: string
    student: string
    number: string
    programme: string
    year: string
    languages: string
    place: string
    period: string
    office: string
  }
> = {
  en: {
    title: 'Nomination',
    body: 'We are pleased to nominate the student below for the place our institutions agreed on, and ask you to confirm their acceptance.',
    student: 'Student',
    number: 'Student number',
    programme: 'Programme and year of study',
    year: 'Academic year',
    languages: 'Languages',
    place: 'Place',
    period: 'Nominated on',
    office: 'International office',
  },
  ru: {
    title: 'Номинация',
    body: 'Рады номинировать указанного ниже студента на место, согласованное нашими учреждениями, и просим подтвердить его принятие.',
    student: 'Студент',
    number: 'Номер студенческого билета',
    programme: 'Специальность и курс',
    year: 'Учебный год',
    languages: 'Языки',
    place: 'Место',
    period: 'Дата номинации',
    office: 'Международный отдел',
  },
  pt: {
    title: 'Nomeação',
    body: 'Temos o prazer de nomear o estudante abaixo para a vaga acordada entre as nossas instituições e pedimos que confirmem a sua aceitação.',
    student: 'Estudante',
    number: 'Número de estudante',
    programme: 'Curso e ano curricular',
    year: 'Ano letivo',
    languages: 'Línguas',
    place: 'Vaga',
    period: 'Nomeado em',
    office: 'Gabinete de relações internacionais',
  },
  ko: {
    title: '추천서',
    body: '양 기관이 합의한 자리에 아래 학생을 추천하오니 수락 여부를 확인해 주시기 바랍니다.',
    student: '학생',
    number: '학번',
    programme: '전공 및 학년',
    year: '학년도',
    languages: '언어',
    place: '자리',
    period: '추천일',
    office: '국제처',
  },
  mn: {
    title: 'Нэр дэвшүүлэх захидал',
    body: 'Манай байгууллагуудын тохиролцсон байранд доорх оюутныг нэр дэвшүүлж байгаа бөгөөд хүлээн авснаа баталгаажуулахыг хүсье.',
    student: 'Оюутан',
    number: 'Оюутны дугаар',
    programme: 'Хөтөлбөр ба курс',
    year: 'Хичээлийн жил',
    languages: 'Хэлнүүд',
    place: 'Байр',
    period: 'Нэр дэвшүүлсэн огноо',
    office: 'Гадаад харилцааны алба',
  },
}

export async function nominationLetter(db: Kysely<DB>, applicationId: string, lang: Language): Promise<Buffer> {
  const L = LABELS[lang]
  const row = await placedApplications(db)
    .leftJoin('users as n', 'n.id', 'a.nominated_by')
    .select([
      'u.name',
      'u.email',
      'a.profile',
      'a.nominated_at',
      'c.academic_year',
      'o.title',
      'h.name as host',
      'h.city',
      'h.country',
      'n.name as officer',
      'n.email as officer_email',
    ])
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const home = await homeInstitution(db)
  const p = row.profile as {
    studentNumber?: string
    programme?: string
    yearOfStudy?: number
    languages?: Record<string, string>
  }
  const languageName = new Intl.DisplayNames([lang], { type: 'language' })
  const countryName = new Intl.DisplayNames([lang], { type: 'region' })
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(row.nominated_at ?? new Date())

  const { doc, done } = newDocument(`${L.title} — ${row.name}`)
  letterhead(doc, home, L.office, lang)
  write(doc, `${row.host}${row.city ? `, ${row.city}` : ''}, ${countryName.of(row.country) ?? row.country}`, { size: 10 })
  write(doc, date, { size: 10, color: '#6b6f76' })
  doc.moveDown(1.5)
  write(doc, L.title, { bold: true, size: 16 })
  doc.moveDown(0.5)
  write(doc, L.body, { size: 11 })
  doc.moveDown(1)
  const line = (label: string, value: string) => letterLine(doc, label, value)
  line(L.student, `${row.name} <${row.email}>`)
  line(L.number, p.studentNumber ?? '')
  line(L.programme, [p.programme, p.yearOfStudy].filter(Boolean).join(', '))
  line(
    L.languages,
    Object.entries(p.languages ?? {})
      .map(([code, level]) => `${languageName.of(code) ?? code} ${level}`)
      .join(', '),
  )
  line(L.place, inLanguage(row.title, lang))
  line(L.year, row.academic_year)
  line(L.period, date)
  doc.moveDown(2)
  write(doc, row.officer ?? L.office, { bold: true, size: 11 })
  if (row.officer_email) write(doc, row.officer_email, { size: 10 })
  write(doc, `${L.office}, ${home?.name ?? ''}`, { size: 10, color: '#6b6f76' })
  doc.end()
  return done
}
