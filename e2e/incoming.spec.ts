import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test'
import { advanceClock, choose, csrfOf, demoEmail, invite, publishCall, signIn, waitForMail } from './helpers'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')
const VISITOR = 'ines.carvalho@uminho.example'

const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10)

async function expectPdf(request: APIRequestContext, href: string | null) {
  const res = await request.get(href!)
  expect(res.headers()['content-type']).toBe('application/pdf')
  expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-')
}

/** The admin invites someone from the University of Minho, who joins through the e-mailed link. */
async function inviteVisitor(admin: Page, visitor: Page, who: { email: string; name: string; role: 'student' | 'staff' }) {
  const minho = (await (await admin.request.get('/api/institutions?q=Minho')).json()).items[0]
  await invite(admin, visitor, { ...who, institutionId: minho.id }, 'visiting meridian 2027')
}

/** A new opportunity, taught in English over two weeks, published: its id. */
async function publishedOpportunity(officer: Page, data: object) {
  const csrf = await csrfOf(officer)
  const created = await officer.request.post('/api/opportunities', {
    headers: { 'x-csrf-token': csrf },
    data: { languages: [{ language: 'en', minLevel: 'B2' }], durationWeeks: 2, ...data },
  })
  expect(created.status(), await created.text()).toBe(201)
  const id = (await created.json()).id as string
  const listed = await officer.request.post(`/api/opportunities/${id}/status`, {
    headers: { 'x-csrf-token': csrf },
    data: { status: 'published' },
  })
  expect(listed.status(), await listed.text()).toBe(200)
  return id
}

/** A published call that closes in ten minutes (the journey then moves the server's clock past it), offering one place. */
const CLOSES_IN_MINUTES = 10
const openShortCall = (officer: Page, call: { title: string; audience: string; opportunityId: string }) =>
  publishCall(officer, { ...call, closesInMinutes: CLOSES_IN_MINUTES })

/** The applicant fills the form, chooses the one place, uploads a transcript and submits. */
async function apply(visitor: Page, callId: string, choice: RegExp, motivation: string) {
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
  await choose(visitor, 'Add a choice', choice.source.slice(0, 8), choice)
  await visitor.getByLabel('Motivation').fill(motivation)
  await visitor.getByRole('button', { name: 'Save draft' }).click()
  await expect(visitor.getByText('Draft saved.')).toBeVisible()
  const chooser = visitor.waitForEvent('filechooser')
  await visitor.getByRole('button', { name: 'Upload Transcript of records' }).click()
  await (await chooser).setFiles({ name: 'Record UMinho.pdf', mimeType: 'application/pdf', buffer: PDF })
  await expect(visitor.getByRole('link', { name: 'Record UMinho.pdf' })).toBeVisible()
  await visitor.getByRole('button', { name: 'Submit application' }).click()
  await expect(visitor.getByRole('heading', { name: 'My applications' })).toBeVisible()
}

/** The office names the reviewer, who scores; once the call closes the office publishes, and the applicant accepts. */
async function selectAndAccept(browser: Browser, officer: Page, visitor: Page, callId: string, name: string, callTitle: string) {
  await officer.goto(`/office/calls/${callId}/applications?tab=reviewers`)
  await officer.getByPlaceholder('Search by name or e-mail').fill('Marat')
  await officer.getByRole('option', { name: /Marat Ospanov/ }).click()
  await officer.keyboard.press('Escape')
  await officer.getByRole('button', { name: 'Save' }).click()
  await expect(officer.getByText('Saved')).toBeVisible()
  const reviewer = await (await browser.newContext()).newPage()
  await signIn(reviewer, demoEmail('reviewer'))
  await reviewer.goto('/reviews')
  await reviewer.getByRole('link', { name }).click()
  await reviewer.getByLabel('Fit for the place (100%)').fill('80')
  await reviewer.getByRole('button', { name: 'Save review' }).click()
  await expect(reviewer.getByText('Review saved.')).toBeVisible()
  await advanceClock(officer, CLOSES_IN_MINUTES + 1)
  expect((await (await officer.request.get(`/api/public/calls/${callId}`)).json()).phase).toBe('closed')
  await officer.goto(`/office/calls/${callId}/applications?tab=allocation`)
  await officer.getByRole('button', { name: 'Publish the allocation' }).click()
  await officer.getByRole('button', { name: 'Publish and notify' }).click()
  await expect(officer.getByText('Published', { exact: true })).toBeVisible()
  await visitor.goto('/applications')
  const card = visitor.getByRole('article', { name: callTitle })
  await card.getByRole('button', { name: 'Accept the place' }).click()
  await expect(card.getByText('Place accepted', { exact: true })).toBeVisible()
  return card
}

/** The checklist's screens are walked through in the outgoing journey: here each item goes in by the API, with its proof, and the office verifies it. */
async function clear(
  visitor: Page,
  officer: Page,
  applicationId: string,
  items: Record<string, { details: object; expiresOn: string | null }>,
) {
  const checklist = `/api/applications/${applicationId}/checklist`
  const [visitorCsrf, csrf] = [await csrfOf(visitor), await csrfOf(officer)]
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
}

const EVERYONE = {
  emergency_contact: {
    details: { name: 'Rui Carvalho', relationship: 'Father', phone: '+351 912 345 678', email: null },
    expiresOn: null,
  },
  travel: { details: { departOn: day(0), returnOn: day(30), note: null }, expiresOn: null },
}

test('a visiting student applies to our elective, is admitted with letters, clears, comes, and leaves with a certificate', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const officer = await (await browser.newContext()).newPage()
  const admin = await (await browser.newContext()).newPage()
  const visitor = await (await browser.newContext()).newPage()
  await signIn(admin, demoEmail('admin'))
  await inviteVisitor(admin, visitor, { email: VISITOR, name: 'Inês Carvalho', role: 'student' })

  // The office opens a short call for visiting students offering the tropical medicine elective.
  await signIn(officer, demoEmail('officer'))
  const electives = await (
    await officer.request.get('/api/opportunities?status=published&direction=incoming&pageSize=100')
  ).json()
  const elective = (electives.items as { id: string; title: Record<string, string> }[]).find((o) =>
    o.title.en?.startsWith('Tropical medicine'),
  )!
  const title = 'Visiting electives, short round'
  const callId = await openShortCall(officer, { title, audience: 'incoming_students', opportunityId: elective.id })
  await apply(
    visitor,
    callId,
    /Tropical medicine/,
    'I want to see tropical and travel medicine in a high-volume clinic before I specialise.',
  )
  const card = await selectAndAccept(browser, officer, visitor, callId, 'Inês Carvalho', title)

  // We are the host: the office admits her instead of nominating her, and the letter follows.
  await officer.getByRole('tab', { name: 'Applications' }).click()
  await officer.getByRole('link', { name: 'Inês Carvalho' }).click()
  await expect(officer.getByRole('button', { name: 'Nominate to the host' })).toHaveCount(0)
  await officer.getByRole('button', { name: 'Admit', exact: true }).click()
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

  // The clearance is the checklist built from the elective's requirements.
  const applicationId = new URL(visitor.url()).pathname.split('/').at(-1)!
  await clear(visitor, officer, applicationId, {
    immunisations: { details: { doses: [{ vaccine: 'Hepatitis B', date: day(-400) }] }, expiresOn: null },
    insurance: { details: { provider: 'Fidelidade', policyNumber: 'FD-220871' }, expiresOn: day(200) },
    visa: { details: { number: 'KZ0098812' }, expiresOn: day(200) },
    ...EVERYONE,
  })

  // She arrives; at the end the office confirms her last day with an evaluation, and the certificate follows.
  await visitor.reload()
  await expect(visitor.getByText('Every item is verified: ready to come.')).toBeVisible()
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

test('a visiting professor applies for a teaching visit, is admitted, has the programme approved, teaches, and leaves with a certificate', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const officer = await (await browser.newContext()).newPage()
  const admin = await (await browser.newContext()).newPage()
  const professor = await (await browser.newContext()).newPage()
  const email = 'ana.sousa@uminho.example'
  await signIn(admin, demoEmail('admin'))
  await inviteVisitor(admin, professor, { email, name: 'Ana Sousa', role: 'staff' })

  // The office offers a visiting professorship (a teaching visit we host) in a short staff call.
  await signIn(officer, demoEmail('officer'))
  const home = (await (await officer.request.get('/api/settings/institution')).json()).id
  const opportunityId = await publishedOpportunity(officer, {
    kind: 'staff_teaching',
    direction: 'incoming',
    hostInstitutionId: home,
    title: { en: 'Visiting professorship in travel medicine' },
  })
  const title = 'Visiting professors, short round'
  const callId = await openShortCall(officer, { title, audience: 'staff', opportunityId })
  await apply(
    professor,
    callId,
    /Visiting professorship/,
    'I would teach travel medicine to your final-year students and plan a joint course.',
  )
  await selectAndAccept(browser, officer, professor, callId, 'Ana Sousa', title)

  await officer.getByRole('tab', { name: 'Applications' }).click()
  await officer.getByRole('link', { name: 'Ana Sousa' }).click()
  await officer.getByRole('button', { name: 'Admit', exact: true }).click()
  await expect(officer.getByText(/^Admitted on/)).toBeVisible()
  await officer.getByRole('link', { name: 'Mobility' }).click()
  const applicationId = new URL(officer.url()).pathname.split('/').at(-1)!

  // She proposes the programme; a last day before the first is refused by name; the office approves.
  await professor.goto(`/mobilities/${applicationId}`)
  await professor.getByLabel('Host department').fill('Department of Infectious Diseases')
  await professor.getByLabel('First day').fill(day(0))
  await professor.getByLabel('Last day').fill(day(-3))
  await professor.getByLabel('Teaching hours').fill('8')
  await professor
    .getByLabel('Activities')
    .fill('Six lectures on travel medicine for final-year students; two ward rounds with residents.')
  await professor.getByRole('button', { name: 'Send for approval' }).click()
  await expect(professor.getByRole('alert')).toContainText('endsOn')
  await professor.getByLabel('Last day').fill(day(0))
  await professor.getByRole('button', { name: 'Send for approval' }).click()
  await expect(professor.getByText('Programme sent for approval.')).toBeVisible()

  // Cleared but not yet approved, the visit cannot begin.
  await clear(professor, officer, applicationId, EVERYONE)
  await professor.reload()
  await expect(professor.getByText('The visit begins once its programme is approved.')).toBeVisible()
  await expect(professor.getByRole('button', { name: 'Confirm the arrival' })).toHaveCount(0)
  await officer.reload()
  await officer.getByRole('button', { name: 'Approve the programme' }).click()
  await expect(officer.getByText('Programme approved: the visitor is told.')).toBeVisible()
  await professor.reload()
  await professor.getByRole('button', { name: 'Confirm the arrival' }).click()
  await expect(professor.getByText(/^Arrived on/)).toBeVisible()
  await expect(professor.getByRole('button', { name: 'Change the programme' })).toHaveCount(0)

  await officer.reload()
  await officer.getByLabel('Evaluation').fill('Lectures very well received; the residents asked for more.')
  await officer.getByRole('button', { name: 'Confirm the end of the stay' }).click()
  await expect(officer.getByText('The stay has ended: the certificate of attendance is ready.')).toBeVisible()
  await professor.reload()
  await expectPdf(
    professor.request,
    await professor.getByRole('link', { name: 'Certificate of attendance' }).getAttribute('href'),
  )
})

test('one of our staff goes on a training week abroad and ends the visit with the host certificate', async ({ browser }) => {
  test.setTimeout(300_000)
  const officer = await (await browser.newContext()).newPage()
  const staff = await (await browser.newContext()).newPage()
  const partner = await (await browser.newContext()).newPage()
  await signIn(officer, demoEmail('officer'))
  await signIn(staff, demoEmail('staff'))
  // The demo's member of staff reads Russian; this test reads English, and puts it back at the end.
  await staff.getByRole('combobox', { name: 'Язык' }).selectOption({ label: 'English' })
  await expect(staff.getByRole('combobox', { name: 'Language' })).toBeVisible()
  await signIn(partner, demoEmail('partner'))
  const csrf = await csrfOf(officer)
  const minho = (await (await officer.request.get('/api/institutions?q=Minho')).json()).items[0].id
  const opportunityId = await publishedOpportunity(officer, {
    kind: 'staff_training',
    direction: 'outgoing',
    hostInstitutionId: minho,
    title: { en: 'Simulation teaching week in Braga' },
  })
  const title = 'Staff training abroad, short round'
  const callId = await openShortCall(officer, { title, audience: 'staff', opportunityId })
  await apply(
    staff,
    callId,
    /Simulation teaching/,
    'I teach simulation in our skills lab and would bring back the debriefing model.',
  )
  await selectAndAccept(browser, officer, staff, callId, 'Dr. Sergei Volkov', title)

  // Nominated by the office and accepted by the host (their screens are in the outgoing journey).
  const applicationId = (await (await staff.request.get('/api/me/applications')).json()).items.find(
    (a: { call: { id: string } }) => a.call.id === callId,
  ).id
  expect(
    (await officer.request.post(`/api/applications/${applicationId}/nominate`, { headers: { 'x-csrf-token': csrf } })).status(),
  ).toBe(200)
  const decided = await partner.request.post(`/api/nominations/${applicationId}/decision`, {
    headers: { 'x-csrf-token': await csrfOf(partner) },
    data: { decision: 'accept', reason: null },
  })
  expect(decided.status(), await decided.text()).toBe(200)
  const programme = await staff.request.put(`/api/applications/${applicationId}/staff-programme`, {
    headers: { 'x-csrf-token': await csrfOf(staff) },
    data: {
      hostDepartment: 'Clinical Skills and Simulation Centre',
      startsOn: day(0),
      endsOn: day(0),
      activities: 'Five days in the simulation centre: scenario design, debriefing, two courses observed.',
      teachingHours: null,
    },
  })
  expect(programme.status(), await programme.text()).toBe(200)
  expect(
    (
      await officer.request.post(`/api/applications/${applicationId}/staff-programme/approve`, {
        headers: { 'x-csrf-token': csrf },
      })
    ).status(),
  ).toBe(200)
  await clear(staff, officer, applicationId, EVERYONE)

  await staff.goto(`/mobilities/${applicationId}`)
  await staff.getByRole('button', { name: 'Confirm the arrival' }).click()
  await expect(staff.getByText(/^Arrived on/)).toBeVisible()
  // No transcript and no credits for a staff visit: it ends with the host's certificate.
  await expect(staff.getByRole('heading', { name: 'Transcript of records' })).toHaveCount(0)
  await expect(staff.getByRole('heading', { name: 'Recognition at home' })).toHaveCount(0)
  await expect(staff.getByRole('button', { name: 'Record the end of the visit' })).toBeDisabled()
  const chooser = staff.waitForEvent('filechooser')
  await staff.getByRole('button', { name: "Upload the host's certificate" }).click()
  await (await chooser).setFiles({ name: 'Certificate UMinho.pdf', mimeType: 'application/pdf', buffer: PDF })
  await expect(staff.getByRole('link', { name: 'Certificate UMinho.pdf' })).toBeVisible()
  await staff.getByRole('button', { name: 'Record the end of the visit' }).click()
  await expect(staff.getByText('The end of the visit is recorded.')).toBeVisible()
  await expect(staff.getByText(/^The visit ended on/)).toBeVisible()
  await expect(staff.getByRole('heading', { name: 'Completion survey' })).toBeVisible()
  await staff.screenshot({ path: test.info().outputPath('staff-visit-ended.png'), fullPage: true })
  await waitForMail(demoEmail('officer'), /^Visit ended: Dr. Sergei Volkov/)
  await staff.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Русский' })
})
