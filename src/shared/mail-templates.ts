// The e-mails Meridian sends (issue 6, point 12; decision 031): each is a template with a subject
// and a plain-text body per language, where {{name}}-style placeholders take the values of one
// message. Meridian ships a default in every catalog language; an admin may replace any of them.
// The server renders mail with these functions, and the admin page previews with the same ones.

/** Every template knows the recipient's name and the link to the page the message is about. */
export const COMMON_VARS = { name: 'Ana Silva', link: 'https://meridian.example.edu/mobilities/8f1c' } as const

const T = <V extends Record<string, string>>(group: MailGroup, vars: V, required: readonly (keyof V | 'link')[] = []) => ({
  group,
  vars,
  required,
})

export const MAIL_GROUPS = [
  'account',
  'agreements',
  'applications',
  'nominations',
  'learningAgreement',
  'checklist',
  'mobility',
  'office',
] as const
export type MailGroup = (typeof MAIL_GROUPS)[number]

/** The templates, with the placeholders each knows beyond `name` and `link` and an example value of each. */
export const MAIL_TEMPLATES = {
  passwordReset: T('account', { minutes: '60' }, ['link']),
  invitation: T(
    'account',
    { inviter: 'Maria Santos', institution: 'Medical University of Example', role: 'student', days: '14' },
    ['link'],
  ),
  agreementEnding: T('agreements', {
    reference: 'IIA-2024-0017',
    title: 'Clinical exchange in surgery',
    endDate: '31 August 2027',
    days: '30',
  }),
  callOpened: T('applications', {
    call: 'Clinical electives abroad',
    year: '2027/2028',
    closes: '15 March 2027, 17:00 (Europe/Lisbon)',
    opportunities: '- Tropical medicine, Hospital de Braga: https://meridian.example.edu/catalog/3d2e',
  }),
  applicationSubmitted: T('applications', { call: 'Clinical electives abroad' }),
  applicationWithdrawn: T('applications', { call: 'Clinical electives abroad' }),
  reviewerAssigned: T('applications', { call: 'Clinical electives abroad', year: '2027/2028' }),
  documentDeleted: T('applications', { file: 'passport.pdf', call: 'Clinical electives abroad' }),
  documentKept: T('applications', {
    file: 'passport.pdf',
    reason: 'The host needs it for your clinical clearance until the end of your stay.',
  }),
  placeOffered: T('applications', {
    call: 'Clinical electives abroad',
    opportunity: 'Tropical medicine',
    deadline: '1 April 2027, 23:59 (Europe/Lisbon)',
  }),
  placeFreed: T('applications', {
    call: 'Clinical electives abroad',
    opportunity: 'Tropical medicine',
    deadline: '1 April 2027, 23:59 (Europe/Lisbon)',
  }),
  waitingList: T('applications', { call: 'Clinical electives abroad' }),
  offerAccepted: T('applications', { opportunity: 'Tropical medicine' }),
  offerDeclined: T('applications', { opportunity: 'Tropical medicine' }),
  nominationToHost: T('nominations', {
    student: 'Ana Silva',
    studentEmail: 'ana.silva@example.edu',
    opportunity: 'Tropical medicine',
    year: '2027/2028',
    host: 'Universidade do Minho',
  }),
  nominated: T('nominations', { host: 'Universidade do Minho', opportunity: 'Tropical medicine', year: '2027/2028' }),
  hostAccepted: T('nominations', { host: 'Universidade do Minho', opportunity: 'Tropical medicine', year: '2027/2028' }),
  hostRejected: T('nominations', {
    host: 'Universidade do Minho',
    opportunity: 'Tropical medicine',
    reason: 'The ward is full in April.',
  }),
  partnerNominated: T('nominations', {
    partner: 'Ana Ribeiro',
    opportunity: 'Tropical medicine',
    call: 'Clinical electives for visiting students 2027/2028',
  }),
  partnerNominatedInvite: T(
    'nominations',
    {
      partner: 'Ana Ribeiro',
      opportunity: 'Tropical medicine',
      call: 'Clinical electives for visiting students 2027/2028',
      days: '14',
    },
    ['link'],
  ),
  admitted: T('nominations', { opportunity: 'Tropical medicine', year: '2027/2028' }),
  laToSign: T('learningAgreement', { student: 'Ana Silva', version: '2' }),
  laApproved: T('learningAgreement', { version: '2' }),
  laRejected: T('learningAgreement', { version: '2', by: 'Maria Santos', comment: 'Please add the code of the course.' }),
  checklistToVerify: T('checklist', { student: 'Ana Silva' }),
  itemVerified: T('checklist', { item: 'BLS certificate' }),
  checklistComplete: T('checklist', { item: 'BLS certificate' }),
  itemRejected: T('checklist', { item: 'BLS certificate', reason: 'The scan is unreadable.' }),
  itemExpiring: T('checklist', { item: 'BLS certificate', date: '30 April 2027', days: '30' }),
  itemExpired: T('checklist', { item: 'BLS certificate', date: '30 April 2027' }),
  studentItemExpiring: T('checklist', { student: 'Ana Silva', item: 'BLS certificate', date: '30 April 2027', days: '30' }),
  studentItemExpired: T('checklist', { student: 'Ana Silva', item: 'BLS certificate', date: '30 April 2027' }),
  arrivalConfirmed: T('mobility', { student: 'Ana Silva', date: '3 April 2027', confirmedBy: 'Maria Santos' }),
  transcriptReceived: T('mobility', {}),
  officerTranscriptReceived: T('mobility', { student: 'Ana Silva' }),
  creditsRecognised: T('mobility', {}),
  certificateReady: T('mobility', {}),
  visitEnded: T('mobility', { visitor: 'Dr Ana Silva', date: '14 April 2027', recordedBy: 'Maria Santos' }),
  programmeToApprove: T('mobility', { visitor: 'Dr Ana Silva' }),
  programmeApproved: T('mobility', { department: 'Department of Surgery', from: '3 April 2027', to: '14 April 2027' }),
  surveyToModerate: T('mobility', { student: 'Ana Silva' }),
  reviewPublished: T('mobility', {}),
  reviewRejected: T('mobility', { reason: 'Please leave out the names of patients.' }),
  dailyDigest: T('office', {
    count: '3',
    tasks: 'Accepted places to nominate to the host: 1\n  - Ana Silva: https://meridian.example.edu/office/applications/8f1c',
  }),
} as const

export type MailTemplateKey = keyof typeof MAIL_TEMPLATES
export const MAIL_TEMPLATE_KEYS = Object.keys(MAIL_TEMPLATES) as MailTemplateKey[]

/** The values a message of this template takes (`link` is added by the sender from the page's path). */
export type MailVars<K extends MailTemplateKey> = { [V in keyof (typeof MAIL_TEMPLATES)[K]['vars'] | 'name']: string | number }

export interface MailText {
  subject: string
  text: string
}

export const SUBJECT_MAX = 200
export const TEXT_MAX = 5000

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g

export function isMailTemplateKey(key: string): key is MailTemplateKey {
  return Object.hasOwn(MAIL_TEMPLATES, key)
}

/** The placeholders a template may use: the common ones and its own. */
export function knownVars(key: MailTemplateKey): string[] {
  return [...Object.keys(COMMON_VARS), ...Object.keys(MAIL_TEMPLATES[key].vars)]
}

/** Example values for a preview. */
export function exampleVars(key: MailTemplateKey): Record<string, string> {
  return { ...COMMON_VARS, ...MAIL_TEMPLATES[key].vars }
}

/** Fills the placeholders; one without a value is left empty rather than shown raw. */
export function fillPlaceholders(template: string, vars: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (_, v: string) => (Object.hasOwn(vars, v) ? String(vars[v]) : ''))
}

export function renderMail(template: MailText, vars: Readonly<Record<string, string | number>>): MailText {
  return {
    subject: fillPlaceholders(template.subject, vars).replace(/\s+/g, ' ').trim(),
    text: fillPlaceholders(template.text, vars),
  }
}

/**
 * What is wrong with an admin's version of a template, as [field, message] pairs: an empty or
 * over-long part, a line break in the subject, a placeholder the template does not know or one
 * left open, and a placeholder the message cannot do without (the link of a password reset).
 */
export function templateProblems(key: MailTemplateKey, t: MailText): [keyof MailText, string][] {
  const problems: [keyof MailText, string][] = []
  const known = knownVars(key)
  if (!t.subject.trim()) problems.push(['subject', 'must not be empty'])
  if (t.subject.length > SUBJECT_MAX) problems.push(['subject', `must be at most ${SUBJECT_MAX} characters`])
  if (/[\r\n]/.test(t.subject)) problems.push(['subject', 'must be one line'])
  if (!t.text.trim()) problems.push(['text', 'must not be empty'])
  if (t.text.length > TEXT_MAX) problems.push(['text', `must be at most ${TEXT_MAX} characters`])
  for (const field of ['subject', 'text'] as const) {
    const used = [...t[field].matchAll(PLACEHOLDER)].map((m) => m[1]!)
    const unknown = [...new Set(used.filter((v) => !known.includes(v)))]
    if (unknown.length)
      problems.push([
        field,
        `uses ${unknown.map((v) => `{{${v}}}`).join(', ')}, which this message does not know; it knows ${known.map((v) => `{{${v}}}`).join(', ')}`,
      ])
    const stripped = t[field].replace(PLACEHOLDER, '')
    if (/\{\{|\}\}/.test(stripped))
      problems.push([field, 'has a placeholder that is not closed, or not a single word: write {{name}}'])
  }
  for (const v of MAIL_TEMPLATES[key].required as readonly string[])
    if (![...t.text.matchAll(PLACEHOLDER)].some((m) => m[1] === v))
      problems.push(['text', `must contain {{${v}}}: without it the message is of no use`])
  return problems
}
