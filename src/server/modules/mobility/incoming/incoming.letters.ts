import { type Kysely, sql } from 'kysely'
import type { Language } from '../../../../shared/limits.js'
import { inLanguage } from '../../../../shared/text.js'
import type { DB } from '../../../db/schema.js'
import { newDocument, write } from '../../../pdf/document.js'
import { homeInstitution, letterhead, letterLine } from '../../../pdf/letterhead.js'
import { placedApplications } from '../../applications/applications/applications.repository.js'
import type { LetterKind } from './incoming.service.js'

// The letters of an incoming student, on our letterhead and in the reader's language: the letter
// of acceptance, the invitation for a study visa, and the certificate of attendance.

interface Labels {
  office: string
  titles: Record<LetterKind, string>
  bodies: Record<LetterKind, string>
  student: string
  from: string
  programme: string
  place: string
  period: string
  year: string
  nationality: string
  born: string
  passport: string
  passportValid: string
  attended: string
  hours: string
  evaluation: string
  address: string
  /** For a visiting member of staff: the person, the visit, and its programme. */
  staff: {
    bodies: Record<LetterKind, string>
    person: string
    visit: string
    department: string
    activities: string
    teachingHours: string
  }
}

const LABELS: Record<Language, Labels> = {
  en: {
    office: 'International office',
    titles: { acceptance: 'Letter of acceptance', visa: 'Invitation for a study visa', certificate: 'Certificate of attendance' },
    bodies: {
      acceptance:
        'We are pleased to confirm that the student below is accepted for the clinical elective named here at our institution.',
      visa: 'To the consular services concerned. We invite the student below to our institution for the clinical elective named here and confirm their place. Their studies and clinical training are supervised by our institution; travel, accommodation and insurance are at their own expense. We ask you to grant them a study visa for the period below.',
      certificate: 'We certify that the student below attended the clinical elective named here at our institution.',
    },
    student: 'Student',
    from: 'Home institution',
    programme: 'Programme and year of study',
    place: 'Elective',
    period: 'Period',
    year: 'Academic year',
    nationality: 'Nationality',
    born: 'Date of birth',
    passport: 'Passport number',
    passportValid: 'Passport valid until',
    attended: 'Attended',
    hours: 'Clinical hours per week',
    evaluation: 'Evaluation',
    address: 'Where',
    staff: {
      bodies: {
        acceptance:
          'We are pleased to confirm that the person below is welcome at our institution for the teaching or training visit named here.',
        visa: 'To the consular services concerned. We invite the person below to our institution for the teaching or training visit named here. Travel, accommodation and insurance are at their own or their institution’s expense. We ask you to grant them a visa for the period below.',
        certificate: 'We certify that the person below completed the teaching or training visit named here at our institution.',
      },
      person: 'Visitor',
      visit: 'Visit',
      department: 'Host department',
      activities: 'Activities',
      teachingHours: 'Teaching hours',
    },
  },
  ru: {
    office: 'Международный отдел',
    titles: {
      acceptance: 'Письмо о зачислении',
      visa: 'Приглашение для получения учебной визы',
      certificate: 'Сертификат о прохождении',
    },
    bodies: {
      acceptance: 'Рады подтвердить, что указанный ниже студент принят на клинический элективный курс нашего учреждения.',
      visa: 'В консульские службы. Приглашаем указанного ниже студента в наше учреждение для прохождения клинического элективного курса и подтверждаем его место. Обучение и клиническую практику контролирует наше учреждение; проезд, проживание и страховку студент оплачивает сам. Просим выдать ему учебную визу на указанный ниже срок.',
      certificate: 'Настоящим удостоверяем, что указанный ниже студент прошёл клинический элективный курс в нашем учреждении.',
    },
    student: 'Студент',
    from: 'Направляющее учреждение',
    programme: 'Специальность и курс',
    place: 'Элективный курс',
    period: 'Период',
    year: 'Учебный год',
    nationality: 'Гражданство',
    born: 'Дата рождения',
    passport: 'Номер паспорта',
    passportValid: 'Паспорт действителен до',
    attended: 'Проходил',
    hours: 'Клинических часов в неделю',
    evaluation: 'Оценка',
    address: 'Место',
    staff: {
      bodies: {
        acceptance:
          'Рады подтвердить, что указанного ниже гостя ждут в нашем учреждении для преподавательского или учебного визита.',
        visa: 'В консульские службы. Приглашаем указанного ниже гостя в наше учреждение для преподавательского или учебного визита. Проезд, проживание и страховку оплачивает гость или направляющее учреждение. Просим выдать визу на указанный ниже срок.',
        certificate:
          'Настоящим удостоверяем, что указанный ниже гость завершил преподавательский или учебный визит в нашем учреждении.',
      },
      person: 'Гость',
      visit: 'Визит',
      department: 'Принимающая кафедра',
      activities: 'Программа',
      teachingHours: 'Часов преподавания',
    },
  },
  pt: {
    office: 'Gabinete de relações internacionais',
    titles: { acceptance: 'Carta de aceitação', visa: 'Convite para visto de estudo', certificate: 'Certificado de frequência' },
    bodies: {
      acceptance:
        'Temos o prazer de confirmar que o estudante abaixo foi aceite no estágio clínico indicado na nossa instituição.',
      visa: 'Aos serviços consulares competentes. Convidamos o estudante abaixo para o estágio clínico indicado na nossa instituição e confirmamos a sua vaga. Os estudos e a formação clínica são supervisionados pela nossa instituição; viagem, alojamento e seguro ficam a seu cargo. Pedimos que lhe seja concedido um visto de estudo para o período abaixo.',
      certificate: 'Certificamos que o estudante abaixo frequentou o estágio clínico indicado na nossa instituição.',
    },
    student: 'Estudante',
    from: 'Instituição de origem',
    programme: 'Curso e ano curricular',
    place: 'Estágio',
    period: 'Período',
    year: 'Ano letivo',
    nationality: 'Nacionalidade',
    born: 'Data de nascimento',
    passport: 'Número do passaporte',
    passportValid: 'Passaporte válido até',
    attended: 'Frequentou',
    hours: 'Horas clínicas por semana',
    evaluation: 'Avaliação',
    address: 'Local',
    staff: {
      bodies: {
        acceptance:
          'Temos o prazer de confirmar que a pessoa abaixo é bem-vinda na nossa instituição para a visita de ensino ou de formação indicada.',
        visa: 'Aos serviços consulares competentes. Convidamos a pessoa abaixo para a visita de ensino ou de formação indicada na nossa instituição. Viagem, alojamento e seguro ficam a cargo da pessoa ou da sua instituição. Pedimos que lhe seja concedido um visto para o período abaixo.',
        certificate: 'Certificamos que a pessoa abaixo concluiu a visita de ensino ou de formação indicada na nossa instituição.',
      },
      person: 'Visitante',
      visit: 'Visita',
      department: 'Departamento de acolhimento',
      activities: 'Atividades',
      teachingHours: 'Horas de ensino',
    },
  },
  ko: {
    office: '국제처',
    titles: { acceptance: '입학 허가서', visa: '유학 비자 초청장', certificate: '이수 증명서' },
    bodies: {
      acceptance: '아래 학생이 본 기관의 다음 임상 선택 실습에 합격하였음을 알려 드립니다.',
      visa: '관계 영사 기관 귀중. 본 기관은 아래 학생을 다음 임상 선택 실습에 초청하며 그 자리를 확인합니다. 학업과 임상 실습은 본 기관이 지도하며, 여비·숙박·보험은 학생 본인이 부담합니다. 아래 기간 동안 유학 비자를 발급해 주시기 바랍니다.',
      certificate: '아래 학생이 본 기관에서 다음 임상 선택 실습을 이수하였음을 증명합니다.',
    },
    student: '학생',
    from: '소속 기관',
    programme: '전공 및 학년',
    place: '선택 실습',
    period: '기간',
    year: '학년도',
    nationality: '국적',
    born: '생년월일',
    passport: '여권 번호',
    passportValid: '여권 유효 기간',
    attended: '이수 기간',
    hours: '주당 임상 시간',
    evaluation: '평가',
    address: '장소',
    staff: {
      bodies: {
        acceptance: '아래 방문자가 본 기관의 다음 교육 또는 연수 방문을 위해 초청되었음을 알려 드립니다.',
        visa: '관계 영사 기관 귀중. 본 기관은 아래 방문자를 다음 교육 또는 연수 방문에 초청합니다. 여비·숙박·보험은 본인 또는 소속 기관이 부담합니다. 아래 기간 동안 비자를 발급해 주시기 바랍니다.',
        certificate: '아래 방문자가 본 기관에서 다음 교육 또는 연수 방문을 마쳤음을 증명합니다.',
      },
      person: '방문자',
      visit: '방문',
      department: '초청 부서',
      activities: '활동',
      teachingHours: '강의 시간',
    },
  },
  mn: {
    office: 'Гадаад харилцааны алба',
    titles: { acceptance: 'Элсэлтийн захидал', visa: 'Суралцах визийн урилга', certificate: 'Хамрагдсаны гэрчилгээ' },
    bodies: {
      acceptance: 'Доорх оюутан манай байгууллагын дараах эмнэлзүйн сонгон дадлагад хүлээн авагдсаныг баталгаажуулж байна.',
      visa: 'Холбогдох консулын албанд. Доорх оюутныг манай байгууллагад дараах эмнэлзүйн сонгон дадлагад урьж, түүний байрыг баталгаажуулж байна. Суралцах болон эмнэлзүйн дадлагыг манай байгууллага удирдана; зорчих, байрлах, даатгалын зардлыг оюутан өөрөө хариуцна. Доорх хугацаанд суралцах виз олгохыг хүсье.',
      certificate: 'Доорх оюутан манай байгууллагад дараах эмнэлзүйн сонгон дадлагад хамрагдсаныг гэрчилж байна.',
    },
    student: 'Оюутан',
    from: 'Илгээгч байгууллага',
    programme: 'Хөтөлбөр ба курс',
    place: 'Сонгон дадлага',
    period: 'Хугацаа',
    year: 'Хичээлийн жил',
    nationality: 'Иргэншил',
    born: 'Төрсөн огноо',
    passport: 'Гадаад паспортын дугаар',
    passportValid: 'Паспортын хүчинтэй хугацаа',
    attended: 'Хамрагдсан хугацаа',
    hours: 'Долоо хоногийн эмнэлзүйн цаг',
    evaluation: 'Үнэлгээ',
    address: 'Байршил',
    staff: {
      bodies: {
        acceptance: 'Доорх зочныг манай байгууллагад дараах заах буюу сургалтын айлчлалаар хүлээн авахыг баталгаажуулж байна.',
        visa: 'Холбогдох консулын албанд. Доорх зочныг манай байгууллагад дараах заах буюу сургалтын айлчлалаар урьж байна. Зорчих, байрлах, даатгалын зардлыг зочин эсвэл түүний байгууллага хариуцна. Доорх хугацаанд виз олгохыг хүсье.',
        certificate: 'Доорх зочин манай байгууллагад дараах заах буюу сургалтын айлчлалыг дуусгасныг гэрчилж байна.',
      },
      person: 'Зочин',
      visit: 'Айлчлал',
      department: 'Хүлээн авах тэнхим',
      activities: 'Үйл ажиллагаа',
      teachingHours: 'Заах цаг',
    },
  },
}

export async function incomingLetter(db: Kysely<DB>, applicationId: string, kind: LetterKind, lang: Language): Promise<Buffer> {
  const L = LABELS[lang]
  const row = await placedApplications(db)
    .leftJoin('institutions as s', 's.id', 'u.institution_id')
    .leftJoin('users as d', 'd.id', 'a.host_decided_by')
    .leftJoin('mobilities as m', 'm.application_id', 'a.id')
    .leftJoin('incoming_details as v', 'v.application_id', 'a.id')
    .leftJoin('staff_programmes as sp', 'sp.application_id', 'a.id')
    .select([
      'u.name',
      'u.email',
      'a.profile',
      'a.host_decided_at',
      'c.academic_year',
      'c.audience',
      'sp.host_department',
      'sp.activities',
      'sp.teaching_hours',
      'sp.starts_on as programme_starts_on',
      'sp.ends_on as programme_ends_on',
      'o.title',
      'o.clinical_hours_per_week',
      's.name as sending',
      'd.name as officer',
      'd.email as officer_email',
      'm.arrived_on',
      'm.left_on',
      'm.evaluation',
      'v.nationality',
      'v.date_of_birth',
      'v.passport_number',
      'v.passport_expires_on',
      sql<string | null>`(select min(b.starts_on)::text from opportunity_blocks b where b.opportunity_id = o.id)`.as('starts_on'),
      sql<string | null>`(select max(b.ends_on)::text from opportunity_blocks b where b.opportunity_id = o.id)`.as('ends_on'),
    ])
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const home = await homeInstitution(db)
  const p = row.profile as { programme?: string; yearOfStudy?: number }
  const day = (d: string | Date) =>
    new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
      typeof d === 'string' ? new Date(`${d}T00:00:00Z`) : d,
    )
  const span = (from: string | null, to: string | null) => (from && to ? `${day(from)} – ${day(to)}` : '')
  const countryName = new Intl.DisplayNames([lang], { type: 'region' })

  const { doc, done } = newDocument(`${L.titles[kind]} — ${row.name}`)
  letterhead(doc, home, L.office, lang)
  write(doc, day(kind === 'certificate' && row.left_on ? row.left_on : (row.host_decided_at ?? new Date())), {
    size: 10,
    color: '#6b6f76',
  })
  doc.moveDown(1.5)
  write(doc, L.titles[kind], { bold: true, size: 16 })
  doc.moveDown(0.5)
  const staff = row.audience === 'staff'
  write(doc, staff ? L.staff.bodies[kind] : L.bodies[kind], { size: 11 })
  doc.moveDown(1)
  const line = (label: string, value: string) => letterLine(doc, label, value)
  line(staff ? L.staff.person : L.student, row.name)
  if (kind === 'visa') {
    line(L.nationality, row.nationality ? (countryName.of(row.nationality.trim()) ?? row.nationality) : '')
    line(L.born, row.date_of_birth ? day(row.date_of_birth) : '')
    line(L.passport, row.passport_number ?? '')
    line(L.passportValid, row.passport_expires_on ? day(row.passport_expires_on) : '')
  }
  line(L.from, row.sending ?? '')
  if (!staff) line(L.programme, [p.programme, p.yearOfStudy].filter(Boolean).join(', '))
  line(staff ? L.staff.visit : L.place, inLanguage(row.title, lang))
  if (staff && row.host_department) {
    line(L.staff.department, row.host_department)
    line(L.staff.activities, row.activities ?? '')
    if (row.teaching_hours) line(L.staff.teachingHours, String(row.teaching_hours))
  }
  if (kind === 'certificate') {
    line(L.attended, span(row.arrived_on, row.left_on))
    if (row.clinical_hours_per_week) line(L.hours, String(row.clinical_hours_per_week))
    line(L.evaluation, row.evaluation ?? '')
  } else {
    line(
      L.period,
      staff && row.programme_starts_on ? span(row.programme_starts_on, row.programme_ends_on) : span(row.starts_on, row.ends_on),
    )
    line(L.year, row.academic_year)
    if (kind === 'visa')
      line(L.address, [home?.name, home?.city, home?.country ? countryName.of(home.country) : null].filter(Boolean).join(', '))
  }
  doc.moveDown(2)
  write(doc, row.officer ?? L.office, { bold: true, size: 11 })
  if (row.officer_email) write(doc, row.officer_email, { size: 10 })
  write(doc, `${L.office}, ${home?.name ?? ''}`, { size: 10, color: '#6b6f76' })
  doc.end()
  return done
}
