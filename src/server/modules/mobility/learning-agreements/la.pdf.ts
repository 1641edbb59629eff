import type { z } from 'zod'
import type { AgreementView } from '../../../../shared/api/learning-agreements.js'
import { changesOf, creditsOf, type LaComponent, type LaGroup } from '../../../../shared/learning-agreements.js'
import type { Language } from '../../../../shared/limits.js'
import { inLanguage } from '../../../../shared/text.js'
import { field, newDocument, write } from '../../../pdf/document.js'

// A version of the learning agreement as a PDF, laid out as the European template is: the
// parties, table A (components at the receiving institution) and table B (recognised at the
// sending one), for a change proposal the components it deletes and inserts with their reasons
// (tables A2 and B2), and the three signatures.

type Agreement = NonNullable<z.infer<typeof AgreementView>['agreement']>

interface Labels {
  title: string
  changes: string
  student: string
  sending: string
  receiving: string
  period: string
  year: string
  place: string
  version: string
  status: Record<string, string>
  groups: Record<LaGroup, string>
  deleted: string
  inserted: string
  total: string
  credits: string
  signatures: string
  unsigned: string
  reason: string
}

const LABELS: Record<Language, Labels> = {
  en: {
    title: 'Learning agreement',
    changes: 'Changes to the learning agreement',
    student: 'Student',
    sending: 'Sending institution',
    receiving: 'Receiving institution',
    period: 'Planned period',
    year: 'Academic year',
    place: 'Place',
    version: 'Version',
    status: { draft: 'draft', proposed: 'proposed', approved: 'approved', rejected: 'rejected' },
    groups: {
      studied: 'A. Study programme at the receiving institution',
      recognised: 'B. Recognition at the sending institution',
    },
    deleted: 'Deleted components',
    inserted: 'Added components',
    total: 'Total',
    credits: 'ECTS',
    signatures: 'Signatures',
    unsigned: 'not signed yet',
    reason: 'Reason',
  },
  ru: {
    title: 'Соглашение об обучении',
    changes: 'Изменения соглашения об обучении',
    student: 'Студент',
    sending: 'Направляющее учреждение',
    receiving: 'Принимающее учреждение',
    period: 'Планируемый период',
    year: 'Учебный год',
    place: 'Место',
    version: 'Версия',
    status: { draft: 'черновик', proposed: 'предложена', approved: 'утверждена', rejected: 'отклонена' },
    groups: { studied: 'A. Программа обучения в принимающем учреждении', recognised: 'B. Признание в направляющем учреждении' },
    deleted: 'Исключённые дисциплины',
    inserted: 'Добавленные дисциплины',
    total: 'Итого',
    credits: 'ECTS',
    signatures: 'Подписи',
    unsigned: 'ещё не подписано',
    reason: 'Причина',
  },
  pt: {
    title: 'Acordo de aprendizagem',
    changes: 'Alterações ao acordo de aprendizagem',
    student: 'Estudante',
    sending: 'Instituição de envio',
    receiving: 'Instituição de acolhimento',
    period: 'Período previsto',
    year: 'Ano letivo',
    place: 'Vaga',
    version: 'Versão',
    status: { draft: 'rascunho', proposed: 'proposta', approved: 'aprovada', rejected: 'rejeitada' },
    groups: {
      studied: 'A. Programa de estudos na instituição de acolhimento',
      recognised: 'B. Reconhecimento na instituição de envio',
    },
    deleted: 'Componentes retiradas',
    inserted: 'Componentes acrescentadas',
    total: 'Total',
    credits: 'ECTS',
    signatures: 'Assinaturas',
    unsigned: 'ainda não assinado',
    reason: 'Motivo',
  },
  ko: {
    title: '학습 협약서',
    changes: '학습 협약서 변경',
    student: '학생',
    sending: '파견 기관',
    receiving: '접수 기관',
    period: '예정 기간',
    year: '학년도',
    place: '프로그램',
    version: '버전',
    status: { draft: '초안', proposed: '제안됨', approved: '승인됨', rejected: '반려됨' },
    groups: { studied: 'A. 접수 기관에서의 학습 계획', recognised: 'B. 파견 기관에서의 학점 인정' },
    deleted: '삭제된 과목',
    inserted: '추가된 과목',
    total: '합계',
    credits: 'ECTS',
    signatures: '서명',
    unsigned: '아직 서명되지 않음',
    reason: '사유',
  },
  mn: {
    title: 'Суралцах гэрээ',
    changes: 'Суралцах гэрээний өөрчлөлт',
    student: 'Оюутан',
    sending: 'Илгээгч байгууллага',
    receiving: 'Хүлээн авагч байгууллага',
    period: 'Төлөвлөсөн хугацаа',
    year: 'Хичээлийн жил',
    place: 'Байр',
    version: 'Хувилбар',
    status: { draft: 'ноорог', proposed: 'санал болгосон', approved: 'баталсан', rejected: 'татгалзсан' },
    groups: {
      studied: 'A. Хүлээн авагч байгууллага дахь сургалтын хөтөлбөр',
      recognised: 'B. Илгээгч байгууллага дахь хүлээн зөвшөөрөлт',
    },
    deleted: 'Хассан хичээлүүд',
    inserted: 'Нэмсэн хичээлүүд',
    total: 'Нийт',
    credits: 'ECTS',
    signatures: 'Гарын үсэг',
    unsigned: 'гарын үсэг зураагүй',
    reason: 'Шалтгаан',
  },
}

const PARTY_LABEL: Record<string, keyof Labels> = { student: 'student', sending: 'sending', receiving: 'receiving' }

function componentLine(c: LaComponent, L: Labels) {
  return `${c.code ? `${c.code} · ` : ''}${c.title}${c.term ? ` · ${c.term}` : ''} — ${c.credits} ${L.credits}`
}

export async function learningAgreementPdf(agreement: Agreement, number: number, lang: Language): Promise<Buffer> {
  const L = LABELS[lang]
  const version = agreement.versions.find((v) => v.number === number)!
  const approved = agreement.versions.find((v) => v.number < number && v.status === 'approved') ?? null
  const title = version.kind === 'changes' ? L.changes : L.title
  const { doc, done } = newDocument(`${title} — ${agreement.student.name}`)
  const inLang = (t: Record<string, string>) => inLanguage(t, lang)

  write(doc, title, { bold: true, size: 16 })
  write(doc, `${L.version} ${version.number} · ${L.status[version.status]}`, { size: 9, color: '#6b6f76' })
  doc.moveDown()
  field(doc, L.student, `${agreement.student.name} <${agreement.student.email}>`)
  field(doc, L.sending, agreement.sendingInstitution)
  field(doc, L.receiving, agreement.receivingInstitution)
  field(doc, L.place, inLang(agreement.opportunityTitle))
  field(doc, L.year, agreement.academicYear)
  field(doc, L.period, `${agreement.plannedStart} – ${agreement.plannedEnd}`)
  doc.moveDown(0.5)

  const components = version.components as LaComponent[]
  const { inserted, deleted, updated } = changesOf((approved?.components as LaComponent[]) ?? null, components, version.removed)
  for (const group of ['studied', 'recognised'] as const) {
    write(doc, L.groups[group], { bold: true, size: 11 })
    doc.moveDown(0.2)
    for (const c of components.filter((x) => x.group === group)) write(doc, componentLine(c, L), { size: 9, indent: 8 })
    write(doc, `${L.total}: ${creditsOf(components, group)} ${L.credits}`, { size: 9, bold: true, indent: 8 })
    if (version.kind === 'changes') {
      const reasonOf = (c: LaComponent) => [c.reasonCode, c.reasonText].filter(Boolean).join(' — ') || 'properties-update'
      const gone = [...deleted, ...updated.map((u) => approved!.components.find((a) => a.key === u.key)!)].filter(
        (c) => c.group === group,
      )
      const added = [...inserted, ...updated].filter((c) => c.group === group)
      if (gone.length) {
        write(doc, `${group === 'studied' ? 'A2' : 'B2'}. ${L.deleted}`, { size: 9, bold: true })
        for (const c of gone) write(doc, `${componentLine(c, L)} · ${L.reason}: ${reasonOf(c)}`, { size: 9, indent: 8 })
      }
      if (added.length) {
        write(doc, `${group === 'studied' ? 'A2' : 'B2'}. ${L.inserted}`, { size: 9, bold: true })
        for (const c of added) write(doc, `${componentLine(c, L)} · ${L.reason}: ${reasonOf(c)}`, { size: 9, indent: 8 })
      }
    }
    doc.moveDown(0.6)
  }

  write(doc, L.signatures, { bold: true, size: 11 })
  doc.moveDown(0.2)
  for (const party of ['student', 'sending', 'receiving'] as const) {
    const s = version.signatures.find((x) => x.party === party)
    const who = L[PARTY_LABEL[party]!] as string
    write(
      doc,
      s
        ? `${who}: ${s.name}, ${s.position} <${s.email}> — ${new Date(s.signedAt).toISOString().replace('T', ' ').slice(0, 16)} UTC`
        : `${who}: ${L.unsigned}`,
      { size: 9, indent: 8 },
    )
  }
  doc.end()
  return done
}
