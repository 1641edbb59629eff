import { type APIRequestContext, expect, type Page, test } from '@playwright/test'
import { choose, demoEmail, signIn, waitForMail } from './helpers'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')
const VISITOR = 'ines.carvalho@uminho.example'

async function csrfOf(page: Page): Promise<string> {
  return page.evaluate(async () => (await (await fetch('/api/session')).json()).csrfToken)
}

const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString().slice(0, 16)
const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10)

async function expectPdf(request: APIRequestContext, href: string | null) {
  const res = await request.get(href!)
  expect(res.headers()['content-type']).toBe('application/pdf')
  expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-')
}

test('a visiting student applies to our elective, is admitted with letters, clears, comes, and leaves with a certificate', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const officer = await (await browser.newContext()).newPage()
  const admin = await (await browser.newContext()).newPage()
  const visitor = await (await browser.newContext()).newPage()

  // The admin invites a student of the University of Minho, who joins through the e-mailed link.
  await signIn(admin, demoEmail('admin'))
  const minho = (await (await admin.request.get('/api/institutions?q=Minho')).json()).items[0]
  const invited = await admin.request.post('/api/invitations', {
    headers: { 'x-csrf-token': await csrfOf(admin) },
    data: { email: VISITOR, name: 'Inês Carvalho', role: 'student', institutionId: minho.id },
  })
  expect(invited.status(), await invited.text()).toBe(201)
  const invitation = await waitForMail(VISITOR, /invited/)
  await visitor.goto(invitation.link!)
  await visitor.getByLabel('Password').fill('tropical elective 2027')
  await visitor.getByRole('button', { name: 'Create my account' }).click()
  await expect(visitor.getByRole('heading', { name: 'Welcome, Inês Carvalho' })).toBeVisible()

  // The office opens a short call for visiting students offering the tropical medicine elective.
  await signIn(officer, demoEmail('officer'))
  const csrf = await csrfOf(officer)
  const electives = await (
    await officer.request.get('/api/opportunities?status=published&direction=incoming&pageSize=100')
  ).json()
  const elective = (electives.items as { id: string; title: Record<string, string> }[]).find((o) =>
    o.title.en?.startsWith('Tropical medicine'),
  )!
  const created = await officer.request.post('/api/calls', {
    headers: { 'x-csrf-token': csrf },
    data: {
      title: { en: 'Visiting electives, short round' },
      academicYear: '2027/2028',
      audience: 'incoming_students',
      opensAt: minutesFromNow(-60),
      closesAt: minutesFromNow(2),
      timeZone: 'UTC',
      maxChoices: 1,
      requiredDocuments: ['transcript'],
      criteria: [{ key: 'fit', label: 'Fit for the elective', weight: 100 }],
      offers: [{ opportunityId: elective.id, places: 1 }],
    },
  })
  expect(created.status(), await created.text()).toBe(201)
  const callId = (await created.json()).id as string
  const published = await officer.request.post(`/api/calls/${callId}/status`, {
    headers: { 'x-csrf-token': csrf },
    data: { status: 'published' },
  })
  expect(published.status(), await published.text()).toBe(200)

  // The visitor applies with her transcript.
  await visitor.goto(`/calls/${callId}`)
  await visitor.getByRole('link', { name: 'Apply' }).click()
  await visitor.getByLabel('Student number').fill('UM-A91234')
  await visitor.getByLabel('Year of study').fill('5')
  await visitor.getByLabel('Programme').fill('Medicine')
  await visitor.getByLabel('Grade average').fill('84')
  await visitor.getByRole('button', { name: 'Add a language' }).click()
  await visitor.getByRole('textbox', { name: 'Spoken language' }).last().fill('English')
  await visitor.getByRole('listbox').getByRole('option', { name: 'English', exact: true }).click()
  await visitor.getByRole('textbox', { name: 'CEFR level' }).last().fill('C1')
  await visitor.getByRole('listbox').getByRole('option', { name: 'C1', exact: true }).click()
  await choose(visitor, 'Add a choice', 'Tropical', /Tropical medicine/)
  await visitor
    .getByLabel('Motivation')
    .fill('I want to see tropical and travel medicine in a high-volume clinic before I specialise.')
  await visitor.getByRole('button', { name: 'Save draft' }).click()
  await expect(visitor.getByText('Draft saved.')).toBeVisible()
  const chooser = visitor.waitForEvent('filechooser')
  await visitor.getByRole('button', { name: 'Upload Transcript of records' }).click()
  await (await chooser).setFiles({ name: 'Transcript UMinho.pdf', mimeType: 'application/pdf', buffer: PDF })
  await expect(visitor.getByRole('link', { name: 'Transcript UMinho.pdf' })).toBeVisible()
  await visitor.getByRole('button', { name: 'Submit application' }).click()
  const card = visitor.getByRole('article', { name: 'Visiting electives, short round' })
  await expect(card.getByText('Submitted', { exact: true })).toBeVisible()

  // The office names the reviewer, who scores her application.
  await officer.goto(`/office/calls/${callId}/applications?tab=reviewers`)
  await officer.getByPlaceholder('Search by name or e-mail').fill('Marat')
  await officer.getByRole('option', { name: /Marat Ospanov/ }).click()
  await officer.keyboard.press('Escape')
  await officer.getByRole('button', { name: 'Save' }).click()
  await expect(officer.getByText('Saved')).toBeVisible()
  const reviewer = await (await browser.newContext()).newPage()
  await signIn(reviewer, demoEmail('reviewer'))
  await reviewer.goto('/reviews')
  await reviewer.getByRole('link', { name: 'Inês Carvalho' }).click()
  await reviewer.getByLabel('Fit for the elective (100%)').fill('80')
  await reviewer.getByRole('button', { name: 'Save review' }).click()
  await expect(reviewer.getByText('Review saved.')).toBeVisible()

  // Once the call has closed, the office publishes the allocation and the visitor accepts her place.
  await expect
    .poll(async () => (await (await officer.request.get(`/api/public/calls/${callId}`)).json()).phase, {
      timeout: 200_000,
      intervals: [5_000],
    })
    .toBe('closed')
  await officer.goto(`/office/calls/${callId}/applications?tab=allocation`)
  await officer.getByRole('button', { name: 'Publish the allocation' }).click()
  await officer.getByRole('button', { name: 'Publish and notify' }).click()
  await expect(officer.getByText('Published', { exact: true })).toBeVisible()
  await visitor.reload()
  await card.getByRole('button', { name: 'Accept the place' }).click()
  await expect(card.getByText('Place accepted', { exact: true })).toBeVisible()

  // We are the host: the office admits her instead of nominating her, and the letter follows.
  await officer.getByRole('tab', { name: 'Applications' }).click()
  await officer.getByRole('link', { name: 'Inês Carvalho' }).click()
  await expect(officer.getByRole('button', { name: 'Nominate to the host' })).toHaveCount(0)
  await officer.getByRole('button', { name: 'Admit the student' }).click()
  await expect(officer.getByText(/^Admitted on/)).toBeVisible()
  await expectPdf(officer.request, await officer.getByRole('link', { name: 'Letter of acceptance' }).getAttribute('href'))

  await waitForMail(VISITOR, /You are admitted/)
  await visitor.reload()
  await expect(card).toContainText('You are admitted to Tropical medicine elective for visiting students.')
  await card.getByRole('link', { name: 'Mobility' }).click()
  await expect(visitor.getByRole('heading', { name: 'Letters and stay' })).toBeVisible()
  await expectPdf(visitor.request, await visitor.getByRole('link', { name: 'Letter of acceptance' }).getAttribute('href'))

  // Her passport details make the visa invitation letter; a number with spaces is refused by name.
  await visitor.getByRole('textbox', { name: 'Nationality' }).fill('Portug')
  await visitor.getByRole('option', { name: 'Portugal' }).click()
  await visitor.getByLabel('Date of birth').fill('2001-03-14')
  await visitor.getByLabel('Passport number').fill('CB 12')
  await visitor.getByLabel('Passport valid until').fill(day(900))
  await visitor.getByRole('button', { name: 'Make the visa letter' }).click()
  await expect(visitor.getByRole('alert')).toContainText('passportNumber')
  await visitor.getByLabel('Passport number').fill('CB123456')
  await visitor.getByRole('button', { name: 'Make the visa letter' }).click()
  await expect(visitor.getByText('The visa invitation letter is ready.')).toBeVisible()
  await expectPdf(visitor.request, await visitor.getByRole('link', { name: 'Visa invitation letter' }).getAttribute('href'))

  // The clearance is the checklist built from the elective's requirements (its screens are walked
  // through in the outgoing journey): she submits each item with its proof, the office verifies.
  const applicationId = new URL(visitor.url()).pathname.split('/').at(-1)!
  const checklist = `/api/applications/${applicationId}/checklist`
  const visitorCsrf = await csrfOf(visitor)
  const items: Record<string, { details: object; expiresOn: string | null }> = {
    immunisations: { details: { doses: [{ vaccine: 'Hepatitis B', date: day(-400) }] }, expiresOn: null },
    insurance: { details: { provider: 'Fidelidade', policyNumber: 'FD-220871' }, expiresOn: day(200) },
    visa: { details: { number: 'KZ0098812' }, expiresOn: day(200) },
    emergency_contact: {
      details: { name: 'Rui Carvalho', relationship: 'Father', phone: '+351 912 345 678', email: null },
      expiresOn: null,
    },
    travel: { details: { departOn: day(0), returnOn: day(30), note: null }, expiresOn: null },
  }
  for (const [item, body] of Object.entries(items)) {
    if (!['emergency_contact', 'travel'].includes(item)) {
      const proof = await visitor.request.post(`${checklist}/${item}/proof?name=${item}.pdf`, {
        headers: { 'x-csrf-token': visitorCsrf, 'content-type': 'application/pdf' },
        data: PDF,
      })
      expect(proof.status(), await proof.text()).toBe(200)
    }
    const put = await visitor.request.put(checklist, { headers: { 'x-csrf-token': visitorCsrf }, data: { item, ...body } })
    expect(put.status(), await put.text()).toBe(200)
    const verified = await officer.request.post(`${checklist}/${item}/verify`, { headers: { 'x-csrf-token': csrf } })
    expect(verified.status(), await verified.text()).toBe(200)
  }

  // She arrives; at the end the office confirms her last day with an evaluation, and the certificate follows.
  await visitor.reload()
  await expect(visitor.getByText('Every item is verified: ready to leave.')).toBeVisible()
  await visitor.getByRole('button', { name: 'Confirm the arrival' }).click()
  await expect(visitor.getByText(/^Arrived on/)).toBeVisible()
  await expect(visitor.getByRole('button', { name: 'Make the visa letter' })).toHaveCount(0)

  await officer.goto(`/mobilities/${applicationId}`)
  await expect(officer.getByText('With us')).toBeVisible()
  await officer.getByRole('button', { name: 'Confirm the end of the stay' }).click()
  await expect(officer.getByRole('alert', { name: 'Invalid request' })).toContainText('evaluation')
  await officer.getByLabel('Evaluation').fill('Excellent: reliable on the wards and well prepared for rounds.')
  await officer.getByRole('button', { name: 'Confirm the end of the stay' }).click()
  await expect(officer.getByText('The stay has ended: the certificate of attendance is ready.')).toBeVisible()
  await expect(officer.getByRole('heading', { name: 'Recognition at home' })).toHaveCount(0)

  await waitForMail(VISITOR, /Your certificate of attendance/)
  await visitor.reload()
  await expectPdf(visitor.request, await visitor.getByRole('link', { name: 'Certificate of attendance' }).getAttribute('href'))
  await expect(visitor.getByRole('heading', { name: 'Completion survey' })).toBeVisible()
})
