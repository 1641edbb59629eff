import { expect, type Page, test } from '@playwright/test'
import { csrfOf, demoEmail, invite, publishCall, signIn, waitForMail } from './helpers'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')

interface Opportunity {
  id: string
  yearsOfStudy: number[]
  minGrade: number | null
  languages: { language: string; minLevel: string | null }[]
}

/** A call open for an hour, asking for a transcript, with one outgoing place anyone in year 5 qualifies for. */
async function openCall(officer: Page) {
  const list = await (await officer.request.get('/api/opportunities?status=published&direction=outgoing&pageSize=100')).json()
  const place = (list.items as Opportunity[]).find(
    (o) =>
      (o.yearsOfStudy.length === 0 || o.yearsOfStudy.includes(5)) &&
      (o.minGrade ?? 0) <= 90 &&
      o.languages.every((l) => !l.minLevel || l.language === 'en'),
  )!
  const callId = await publishCall(officer, {
    title: 'Summer observerships',
    audience: 'outgoing_students',
    opportunityId: place.id,
    closesInMinutes: 60,
  })
  return { callId, placeId: place.id }
}

/** The student applies through the API with a transcript, and submits. */
async function applyWithTranscript(student: Page, callId: string, placeId: string) {
  const headers = { 'x-csrf-token': await csrfOf(student) }
  const saved = await student.request.put(`/api/calls/${callId}/application`, {
    headers,
    data: {
      profile: {
        studentNumber: 'MSMU-2022-0999',
        yearOfStudy: 5,
        programme: 'Medicine',
        gradeAverage: 91,
        languages: { en: 'C2' },
      },
      choices: [placeId],
      motivation: 'I want to see how a partner hospital organises its outpatient clinics and its teaching on the wards.',
    },
  })
  expect(saved.status(), await saved.text()).toBe(200)
  const id = (await saved.json()).id as string
  const uploaded = await student.request.post(`/api/applications/${id}/documents?kind=transcript&name=Grades%202026.pdf`, {
    headers: { ...headers, 'content-type': 'application/pdf' },
    data: PDF,
  })
  expect(uploaded.status(), await uploaded.text()).toBe(201)
  const submitted = await student.request.post(`/api/applications/${id}/submit`, { headers })
  expect(submitted.status(), await submitted.text()).toBe(200)
}

test('a student asks the office to delete a submitted document; the office keeps it with a reason, then deletes it', async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage()
  const officer = await (await browser.newContext()).newPage()
  const student = await (await browser.newContext()).newPage()
  await signIn(admin, demoEmail('admin'))
  await signIn(officer, demoEmail('officer'))
  const email = `saule.omarova-${Date.now()}@students.example.test`
  await invite(admin, student, { email, name: 'Saule Omarova', role: 'student' })
  const { callId, placeId } = await openCall(officer)
  await applyWithTranscript(student, callId, placeId)

  // Submitted, the transcript is no longer hers to delete: she asks, and a reason is required.
  await student.goto('/applications')
  await student.getByRole('button', { name: 'Ask to delete' }).click()
  const ask = student.getByRole('dialog', { name: 'Ask the office to delete Grades 2026.pdf' })
  await ask.getByLabel('Why should it be deleted?').fill('wrong')
  await ask.getByRole('button', { name: 'Send the request' }).click()
  await expect(ask.getByText(/must say why in a few words/)).toBeVisible()
  await ask.getByLabel('Why should it be deleted?').fill('I uploaded last year’s transcript by mistake.')
  await ask.getByRole('button', { name: 'Send the request' }).click()
  await expect(student.getByText('The office has your request.')).toBeVisible()
  await expect(student.getByText(/^Deletion asked for on /)).toBeVisible()
  await expect(student.getByRole('button', { name: 'Ask to delete' })).toHaveCount(0)

  // The office finds it waiting on its home page and keeps the document for now, saying why.
  await officer.goto('/')
  await expect(officer.getByText('1 document a person asked to delete')).toBeVisible()
  await officer.getByRole('link', { name: 'Saule Omarova' }).click()
  await expect(officer.getByText('Asked because: I uploaded last year’s transcript by mistake.')).toBeVisible()
  await officer.getByRole('button', { name: 'Keep', exact: true }).click()
  const keep = officer.getByRole('dialog', { name: 'Keep Grades 2026.pdf' })
  await keep
    .getByLabel('Why is it kept?')
    .fill('The committee scores on it until Friday; send the right one and we delete this one.')
  await keep.getByRole('button', { name: 'Keep it' }).click()
  await expect(officer.getByText('Kept; the person is told why.')).toBeVisible()

  const kept = await waitForMail(email, /kept for now/)
  expect(kept.body).toContain('The committee scores on it until Friday')
  await student.reload()
  await expect(student.getByText(/^The office keeps it for now: The committee scores on it/)).toBeVisible()

  // Asked again, the office deletes it for good; she is told, and the row says it is gone.
  await student.getByRole('button', { name: 'Ask to delete' }).click()
  await student.getByLabel('Why should it be deleted?').fill('The right transcript is with the office now.')
  await student.getByRole('button', { name: 'Send the request' }).click()
  await expect(student.getByText(/^Deletion asked for on /)).toBeVisible()
  await officer.reload()
  await officer.getByRole('button', { name: 'Delete', exact: true }).click()
  const remove = officer.getByRole('dialog', { name: 'Delete Grades 2026.pdf' })
  await expect(remove.getByText(/will be deleted for good/)).toBeVisible()
  await remove.getByRole('button', { name: 'Delete for good' }).click()
  await expect(officer.getByText('The document is deleted; the person is told.')).toBeVisible()
  await expect(officer.getByRole('link', { name: 'Grades 2026.pdf' })).toHaveCount(0)

  await waitForMail(email, /Your document is deleted/)
  await student.reload()
  await expect(student.getByRole('link', { name: 'Grades 2026.pdf' })).toHaveCount(0)
  await expect(student.getByText('Not uploaded')).toBeVisible()
})
