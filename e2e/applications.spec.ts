import { type APIRequestContext, expect, type Locator, type Page, test } from '@playwright/test'
import { advanceClock, choose, csrfOf, demoEmail, minutesFromNow, signIn, waitForMail } from './helpers'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')
const NOT_A_PDF = Buffer.from('MZ\x90\x00 an executable wearing a .pdf name', 'latin1')
const ME = { en: 'C1', pt: 'B2', de: 'B2' } as Record<string, string>
const CLOSES_IN_MINUTES = 10
const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2']

interface Opportunity {
  id: string
  host: { name: string }
  title: Record<string, string>
  yearsOfStudy: number[]
  minGrade: number | null
  languages: { language: string; minLevel: string | null }[]
}

/** A call that closes in ten minutes (the journey then moves the server's clock past it), offering two opportunities the demo student qualifies for. */
async function openShortCall(page: Page, request: APIRequestContext) {
  const csrf = await csrfOf(page)
  const list = await (await request.get('/api/opportunities?status=published&direction=outgoing&pageSize=100')).json()
  const fits = (list.items as Opportunity[]).filter(
    (o) =>
      (o.yearsOfStudy.length === 0 || o.yearsOfStudy.includes(5)) &&
      (o.minGrade === null || o.minGrade <= 88) &&
      (o.languages.every((l) => !l.minLevel) ||
        o.languages.some((l) => l.minLevel && LEVELS.indexOf(ME[l.language] ?? '') >= LEVELS.indexOf(l.minLevel))),
  )
  // The place the student ends up with is at the University of Minho, whose demo partner coordinator answers.
  const minho = fits.find((o) => o.host.name === 'University of Minho')!
  const other = fits.find((o) => o.host.name !== 'University of Minho')!
  expect(minho && other).toBeTruthy()
  const picked = [other, minho]
  const created = await request.post('/api/calls', {
    headers: { 'x-csrf-token': csrf },
    data: {
      title: { en: 'Short spring round' },
      academicYear: '2027/2028',
      audience: 'outgoing_students',
      opensAt: await minutesFromNow(request, -60),
      closesAt: await minutesFromNow(request, CLOSES_IN_MINUTES),
      timeZone: 'UTC',
      maxChoices: 2,
      requiredDocuments: ['transcript'],
      criteria: [{ key: 'grades', label: 'Grades and interview', weight: 100 }],
      offers: picked.map((o) => ({ opportunityId: o.id, places: 1 })),
    },
  })
  expect(created.status(), await created.text()).toBe(201)
  const call = await created.json()
  const published = await request.post(`/api/calls/${call.id}/status`, {
    headers: { 'x-csrf-token': csrf },
    data: { status: 'published' },
  })
  expect(published.status(), await published.text()).toBe(200)
  return { callId: call.id as string, picked }
}

test.describe('applying to a call, review and allocation', () => {
  test('a student applies, a reviewer scores, the office allocates, the student accepts, and the host accepts the nomination', async ({
    browser,
  }) => {
    test.setTimeout(300_000)
    const officer = await (await browser.newContext()).newPage()
    const student = await (await browser.newContext()).newPage()
    const reviewer = await (await browser.newContext()).newPage()
    await signIn(officer, demoEmail('officer'))
    const { callId, picked } = await openShortCall(officer, officer.request)

    // The student finds the call and applies.
    await signIn(student, demoEmail('student'))
    await student.goto(`/calls/${callId}`)
    await student.getByRole('link', { name: 'Apply' }).click()
    await expect(student.getByRole('heading', { name: 'Short spring round' })).toBeVisible()
    await student.getByLabel('Student number').fill('MSMU-2022-0417')
    await student.getByLabel('Year of study').fill('5')
    await student.getByLabel('Programme').fill('Medicine')
    await student.getByLabel('Grade average').fill('88')
    for (const [code, name] of [
      ['en', 'English'],
      ['pt', 'Portuguese'],
      ['de', 'German'],
    ] as const) {
      // Each new row comes last.
      await student.getByRole('button', { name: 'Add a language' }).click()
      await student.getByRole('textbox', { name: 'Spoken language' }).last().fill(name)
      await student.getByRole('listbox').getByRole('option', { name, exact: true }).click()
      await student.getByRole('textbox', { name: 'CEFR level' }).last().fill(ME[code]!)
      await student.getByRole('listbox').getByRole('option', { name: ME[code]!, exact: true }).click()
      await expect(student.getByRole('textbox', { name: 'Spoken language' }).last()).toHaveValue(name)
    }
    for (const o of picked) await choose(student, 'Add a choice', o.title.en!.slice(0, 12), new RegExp(o.title.en!.slice(0, 12)))
    await expect(student.getByTestId('choice')).toHaveCount(2)
    await student.getByRole('button', { name: 'Move choice 2 up' }).click()
    await student
      .getByLabel('Motivation')
      .fill('I want to learn how a university hospital abroad runs its wards and bring that back to our clinics.')

    // Submitting before the documents are there names what is missing.
    await student.getByRole('button', { name: 'Save draft' }).click()
    await expect(student.getByText('Draft saved.')).toBeVisible()
    await student.getByRole('button', { name: 'Submit application' }).click()
    await expect(student.getByRole('alert').filter({ hasText: 'not complete' })).toContainText(
      'documents.transcript must be uploaded',
    )

    // A file that only pretends to be a PDF is refused; the real one is kept under a clean name.
    const upload = async (name: string, buffer: Buffer) => {
      const chooser = student.waitForEvent('filechooser')
      await student.getByRole('button', { name: 'Upload Transcript of records' }).click()
      await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer })
    }
    await upload('transcript.pdf', NOT_A_PDF)
    await expect(student.getByRole('alert').filter({ hasText: 'none of those' })).toBeVisible()
    await upload('transcript 2026.pdf', PDF)
    await expect(student.getByRole('link', { name: 'transcript 2026.pdf' })).toBeVisible()

    await student.getByRole('button', { name: 'Submit application' }).click()
    await expect(student.getByRole('heading', { name: 'My applications' })).toBeVisible()
    const card = student.getByRole('article', { name: 'Short spring round' })
    await expect(card.getByText('Submitted', { exact: true })).toBeVisible()

    // The office names the reviewer.
    await officer.goto(`/office/calls/${callId}/applications?tab=reviewers`)
    await officer.getByPlaceholder('Search by name or e-mail').fill('Marat')
    await officer.getByRole('option', { name: /Marat Ospanov/ }).click()
    await officer.keyboard.press('Escape')
    await officer.getByRole('button', { name: 'Save' }).click()
    await expect(officer.getByText('Saved')).toBeVisible()
    await officer.getByRole('tab', { name: 'Applications' }).click()
    await expect(officer.getByRole('link', { name: 'Aruzhan Bekova' })).toBeVisible()

    // The reviewer scores the application; the applicant's passport would not be shown to them.
    await signIn(reviewer, demoEmail('reviewer'))
    await reviewer.getByRole('link', { name: 'Reviews' }).click()
    await reviewer.getByRole('link', { name: 'Aruzhan Bekova' }).click()
    await expect(reviewer.getByRole('heading', { name: 'Aruzhan Bekova' })).toBeVisible()
    await expect(reviewer.getByText('MSMU-2022-0417')).toBeVisible()
    await reviewer.getByLabel('Grades and interview (100%)').fill('150')
    await reviewer.getByRole('button', { name: 'Save review' }).click()
    await expect(reviewer.getByText('must be 0 to 100')).toBeVisible()
    await reviewer.getByLabel('Grades and interview (100%)').fill('85')
    await reviewer.getByRole('button', { name: 'Save review' }).click()
    await expect(reviewer.getByText('Review saved.')).toBeVisible()

    // The dry run already shows the result; publication waits for the call to close, which the server's clock is moved past.
    await officer.goto(`/office/calls/${callId}/applications?tab=allocation`)
    await expect(officer.getByRole('img', { name: /Choice 1: 1/ })).toBeVisible()
    await expect(officer.getByTestId('allocation-row')).toContainText('Aruzhan Bekova')
    await advanceClock(officer, CLOSES_IN_MINUTES + 1)
    expect((await (await officer.request.get(`/api/public/calls/${callId}`)).json()).phase).toBe('closed')
    await officer.reload()
    await officer.getByRole('button', { name: 'Publish the allocation' }).click()
    await officer.getByRole('button', { name: 'Publish and notify' }).click()
    await expect(officer.getByText('Published', { exact: true })).toBeVisible()

    // The student is told by e-mail, and accepts.
    const mail = await waitForMail(demoEmail('student'), /Result of your application/)
    expect(mail.body).toContain('You are offered a place')
    // The same news waits in Meridian, behind the bell.
    await student.reload()
    await student.getByRole('link', { name: /Notifications, [1-9]\d* unread/ }).click()
    await expect(student.getByRole('article', { name: /Result of your application: Short spring round/ })).toBeVisible()
    await student.getByRole('button', { name: 'Mark all read' }).click()
    await expect(student.getByRole('link', { name: 'Notifications, 0 unread' })).toBeVisible()
    await student.goto('/applications')
    await expect(card.getByText('Place offered')).toBeVisible()
    await expect(card).toContainText(picked[1]!.title.en!)
    await card.getByRole('button', { name: 'Accept the place' }).click()
    await expect(card.getByText('Place accepted', { exact: true })).toBeVisible()

    // The office nominates the student to the host.
    await officer.getByRole('tab', { name: 'Applications' }).click()
    await officer.getByRole('link', { name: 'Aruzhan Bekova' }).click()
    await officer.getByRole('button', { name: 'Nominate to the host' }).click()
    await expect(officer.getByText('Nominated; the host has been told.')).toBeVisible()
    const letter = await officer.request.get(
      officer.url().replace(/\/office\/applications\/([^/?]+).*/, '/api/applications/$1/nomination-letter'),
    )
    expect(letter.headers()['content-type']).toBe('application/pdf')

    // The host's partner coordinator (who reads Portuguese) accepts and uploads the letter of acceptance.
    const partner = await (await browser.newContext()).newPage()
    await signIn(partner, demoEmail('partner'))
    await partner.getByRole('combobox', { name: 'Idioma' }).selectOption({ label: 'English' })
    await partner.getByRole('link', { name: 'Nominations' }).click()
    await partner.getByRole('link', { name: 'Aruzhan Bekova' }).click()
    await expect(partner.getByRole('link', { name: 'Nomination letter (PDF)' })).toBeVisible()
    // Rejecting needs a reason; this host accepts instead.
    await partner.getByRole('button', { name: 'Reject the nomination' }).click()
    await partner.getByRole('dialog').getByRole('button', { name: 'Reject the nomination' }).click()
    await expect(partner.getByRole('dialog').getByRole('alert')).toContainText('must say why')
    await partner.keyboard.press('Escape')
    await partner.getByRole('button', { name: 'Accept the nominee' }).click()
    await expect(partner.getByText('The host has accepted the nomination.')).toBeVisible()
    const chooser = partner.waitForEvent('filechooser')
    await partner.getByRole('button', { name: 'Upload the letter of acceptance' }).click()
    await (await chooser).setFiles({ name: 'Carta de aceitação.pdf', mimeType: 'application/pdf', buffer: PDF })
    await expect(partner.getByText('Letter of acceptance: Carta de aceitação.pdf')).toBeVisible()
    // The choice of language is kept with the account; give the coordinator theirs back.
    await partner.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Português' })
    await expect(partner.getByRole('link', { name: 'Acordos', exact: true })).toBeVisible()

    // The student sees the host's answer and its letter.
    await student.reload()
    await expect(card.getByText('Accepted by the host', { exact: true })).toBeVisible()
    await expect(card.getByRole('link', { name: 'Carta de aceitação.pdf' })).toBeVisible()

    // The learning agreement: the student drafts it and proposes it by signing; both coordinators sign.
    await card.getByRole('link', { name: 'Learning agreement' }).click()
    await student.getByLabel('First month').fill('2027-09')
    await student.getByLabel('Last month').fill('2028-01')
    await student.getByRole('button', { name: 'Start the learning agreement' }).click()
    await expect(student.getByRole('tab', { name: 'Version 1 · Draft' })).toBeVisible()
    await student.getByRole('button', { name: 'Add a component at the host' }).click()
    await student.getByRole('textbox', { name: 'Component A1' }).fill('Clinical rotation in internal medicine')
    await student.getByRole('textbox', { name: 'ECTS credits A1' }).fill('7.3')
    await student.getByRole('button', { name: 'Add a component recognised at home' }).click()
    await student.getByRole('textbox', { name: 'Component B1' }).fill('Internal medicine II')
    await student.getByRole('textbox', { name: 'Code B1' }).fill('MED-502')
    await student.getByRole('textbox', { name: 'ECTS credits B1' }).fill('8')
    await student.getByRole('button', { name: 'Save the draft' }).click()
    await expect(student.getByRole('alert')).toContainText('whole or half number of ECTS credits')
    await student.getByRole('textbox', { name: 'ECTS credits A1' }).fill('8')
    await student.getByRole('button', { name: 'Save the draft' }).click()
    await expect(student.getByText('Draft saved.')).toBeVisible()
    await expect(student.getByText('Total: 8 ECTS')).toHaveCount(2)
    await student.getByRole('button', { name: 'Sign and send for signatures' }).click()
    await expect(student.getByRole('tab', { name: 'Version 1 · Awaiting signatures' })).toBeVisible()
    const agreementUrl = new URL(student.url()).pathname

    // The host's coordinator signs in Portuguese, from the nominee's page.
    await partner.goto(agreementUrl)
    await expect(partner.getByRole('heading', { name: 'Acordo de aprendizagem' })).toBeVisible()
    await expect(partner.getByRole('cell', { name: 'Clinical rotation in internal medicine' })).toBeVisible()
    await partner.getByLabel('O seu cargo').fill('Coordenadora Erasmus')
    await partner.getByRole('button', { name: 'Assinar', exact: true }).click()
    await expect(partner.getByText('Ana Ribeiro, Coordenadora Erasmus')).toBeVisible()

    await officer.goto(agreementUrl)
    await officer.getByLabel('Your position').fill('International officer')
    await officer.getByRole('button', { name: 'Sign', exact: true }).click()
    await expect(officer.getByRole('tab', { name: 'Version 1 · Approved' })).toBeVisible()

    // The student is told, sees the three signatures and prints the agreement.
    await waitForMail(demoEmail('student'), /learning agreement is approved/)
    await student.reload()
    await expect(student.getByRole('tab', { name: 'Version 1 · Approved' })).toBeVisible()
    await expect(student.getByText(/Aruzhan Bekova, Student/)).toBeVisible()
    const pdfHref = await student.getByRole('link', { name: 'Download as PDF' }).getAttribute('href')
    const pdf = await student.request.get(pdfHref!)
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    await expect(student.getByRole('button', { name: 'Propose changes' })).toBeVisible()

    // Before departure: the student fills the checklist (insurance and a language certificate for
    // Braga, an emergency contact and the travel dates); the office rejects one item, then
    // verifies them all; only then can the arrival be confirmed.
    await student.goto('/applications')
    await card.getByRole('link', { name: 'Mobility' }).click()
    await expect(student.getByText('0 of 4 verified')).toBeVisible()
    await expect(student.getByText(/arrival can be confirmed once every item/)).toBeVisible()
    const item = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) })
    const openItem = async (page: Page, name: string) => {
      await page.getByRole('button', { name: new RegExp(`^${name}`) }).click()
      return item(page, name)
    }
    const withProof = async (panel: Locator, name: string, fileName: string) => {
      const chooser = student.waitForEvent('filechooser')
      await panel.getByRole('button', { name: `Upload the proof of ${name}` }).click()
      await (await chooser).setFiles({ name: fileName, mimeType: 'application/pdf', buffer: PDF })
      await expect(panel.getByRole('link', { name: fileName })).toBeVisible()
    }
    const contact = await openItem(student, 'Emergency contact')
    await contact.getByLabel('Name').fill('Dana Bekova')
    await contact.getByLabel('Relationship').fill('Mother')
    await contact.getByLabel('Telephone').fill('call me')
    await contact.getByRole('button', { name: 'Submit Emergency contact' }).click()
    await expect(student.getByRole('alert')).toContainText('details.phone')
    await contact.getByLabel('Telephone').fill('+7 701 555 0101')
    await contact.getByRole('button', { name: 'Submit Emergency contact' }).click()
    await expect(student.getByRole('button', { name: /^Emergency contact Waiting for verification/ })).toBeVisible()
    const travel = await openItem(student, 'Travel dates')
    await travel.getByLabel('Departure').fill('2027-08-28')
    await travel.getByLabel('Return', { exact: true }).fill('2028-01-31')
    await travel.getByRole('button', { name: 'Submit Travel dates' }).click()
    await expect(student.getByRole('button', { name: /^Travel dates Waiting for verification/ })).toBeVisible()
    const insurance = await openItem(student, 'Health and liability insurance')
    await withProof(insurance, 'Health and liability insurance', 'Insurance certificate.pdf')
    await insurance.getByLabel('Insurer').fill('Allianz Care')
    await insurance.getByLabel('Policy number').fill('AC-778812')
    await insurance.getByLabel('Valid until').fill('2028-02-29')
    await insurance.getByRole('button', { name: 'Submit Health and liability insurance' }).click()
    await expect(student.getByRole('button', { name: /^Health and liability insurance Waiting/ })).toBeVisible()
    const language = await openItem(student, 'Language certificate')
    await withProof(language, 'Language certificate', 'CAPLE B2.pdf')
    await language.getByRole('textbox', { name: 'Language' }).fill('Portuguese')
    await student.getByRole('option', { name: 'Portuguese' }).click()
    await language.getByRole('textbox', { name: 'Level' }).fill('B2')
    await student.getByRole('option', { name: 'B2' }).click()
    await language.getByLabel('Issued by').fill('CAPLE, Universidade de Lisboa')
    await language.getByRole('button', { name: 'Submit Language certificate' }).click()
    await expect(student.getByRole('button', { name: /^Language certificate Waiting/ })).toBeVisible()

    // The officer finds it waiting on the home page, and goes from there to the checklist.
    await waitForMail(demoEmail('officer'), /Checklist to verify/)
    await officer.goto('/')
    const waiting = officer.getByRole('region', { name: '1 checklist with items to verify' })
    await waiting.getByRole('link', { name: 'Aruzhan Bekova' }).click()
    await expect(officer).toHaveURL(new URL(student.url()).pathname)
    const officerContact = await openItem(officer, 'Emergency contact')
    await expect(officerContact.getByText('+7 701 555 0101')).toBeVisible()
    await officerContact.getByLabel('Why Emergency contact cannot be accepted').fill('Give a number that answers at night.')
    await officerContact.getByRole('button', { name: 'Reject' }).click()
    await expect(officer.getByRole('button', { name: /^Emergency contact Rejected/ })).toBeVisible()
    for (const name of ['Travel dates', 'Health and liability insurance', 'Language certificate']) {
      const panel = await openItem(officer, name)
      await panel.getByRole('button', { name: `Verify ${name}` }).click()
      await expect(officer.getByRole('button', { name: new RegExp(`^${name} Verified`) })).toBeVisible()
    }
    await waitForMail(demoEmail('student'), /emergency contact needs another look/)
    await student.reload()
    const again = await openItem(student, 'Emergency contact')
    await expect(again.getByText('Give a number that answers at night.')).toBeVisible()
    await again.getByLabel('Telephone').fill('+7 701 555 0199')
    await again.getByRole('button', { name: 'Submit Emergency contact' }).click()
    await officer.reload()
    await (await openItem(officer, 'Emergency contact')).getByRole('button', { name: 'Verify Emergency contact' }).click()
    await expect(officer.getByText('Every item is verified: ready to leave.')).toBeVisible()

    // The mobility: the student confirms the arrival; the host records the transcript of records
    // (in Portuguese) and uploads it; the office recognises the credits, one short with a reason.
    await waitForMail(demoEmail('student'), /checklist before departure is complete/)
    await student.reload()
    await expect(student.getByText('4 of 4 verified')).toBeVisible()
    await student.getByRole('button', { name: 'Confirm the arrival' }).click()
    await expect(student.getByText(/^Arrived on/)).toBeVisible()
    const mobilityUrl = new URL(student.url()).pathname

    // The office sees her abroad today, on the map and in the list, with her emergency contact a
    // click away, and keeps an incident note that the student never sees.
    await officer.goto('/office/mobilities')
    await expect(officer.getByRole('link', { name: 'Portugal: 1 student' })).toBeVisible()
    const row = officer.getByRole('row', { name: /Aruzhan Bekova/ })
    await expect(row).toContainText('University of Minho')
    await row.getByRole('button', { name: 'Call for Aruzhan Bekova' }).click()
    await expect(officer.getByRole('link', { name: '+7 701 555 0199' })).toBeVisible()
    await row.getByRole('link', { name: 'Aruzhan Bekova' }).click()
    await expect(officer.getByRole('heading', { name: 'Incident notes' })).toBeVisible()
    await officer.getByRole('textbox', { name: 'Severity' }).click()
    await officer.getByRole('option', { name: 'Concern' }).click()
    await officer.getByLabel('What happened').fill('Missed two days of the rotation with a fever; the host was told.')
    await officer.getByRole('button', { name: 'Add the note' }).click()
    await expect(officer.getByText('Missed two days of the rotation with a fever; the host was told.')).toBeVisible()
    await student.reload()
    await expect(student.getByRole('heading', { name: 'Arrival' })).toBeVisible()
    await expect(student.getByRole('heading', { name: 'Incident notes' })).toHaveCount(0)

    await partner.goto(mobilityUrl)
    await expect(partner.getByRole('heading', { name: 'Mobilidade' })).toBeVisible()
    await partner.getByRole('textbox', { name: 'Classificação de Clinical rotation in internal medicine' }).fill('17/20')
    await partner.getByRole('button', { name: 'Guardar o certificado' }).click()
    await expect(partner.getByText('Certificado guardado.')).toBeVisible()
    const torChooser = partner.waitForEvent('filechooser')
    await partner.getByRole('button', { name: 'Carregar o certificado (PDF)' }).click()
    await (await torChooser).setFiles({ name: 'Transcript of Records.pdf', mimeType: 'application/pdf', buffer: PDF })
    await expect(partner.getByRole('link', { name: 'Transcript of Records.pdf' })).toBeVisible()

    await waitForMail(demoEmail('officer'), /Transcript of records received/)
    await officer.goto(mobilityUrl)
    await expect(officer.getByRole('cell', { name: '17/20' })).toBeVisible()
    await officer.getByRole('textbox', { name: 'ECTS recognised for Internal medicine II' }).fill('6')
    await officer.getByRole('button', { name: 'Recognise the credits' }).click()
    await expect(officer.getByRole('alert', { name: 'Invalid request' })).toContainText(
      'must say why it is not recognised in full',
    )
    await officer.getByRole('textbox', { name: 'Note on Internal medicine II' }).fill('Two weeks of the rotation were missed')
    await officer.getByRole('button', { name: 'Recognise the credits' }).click()
    await expect(officer.getByText('Credits recognised: the mobility is complete.')).toBeVisible()

    await waitForMail(demoEmail('student'), /credits from the mobility are recognised/)
    await student.reload()
    await expect(student.getByText('Recognised: 6 of 8 ECTS')).toBeVisible()
    await expect(student.getByRole('cell', { name: 'Two weeks of the rotation were missed' })).toBeVisible()
    await expect(student.getByRole('link', { name: 'Transcript of Records.pdf' })).toBeVisible()

    // The completion survey: refused without a rating, then sent with a note for the office; the
    // office publishes it from its list, and the review appears on the opportunity in the catalog
    // with her first name, without the note.
    const star = (group: string, stars: string) =>
      student
        .getByRole('radiogroup', { name: group })
        .getByLabel(stars, { exact: true })
        .locator('xpath=following-sibling::label[1]')
        .click()
    const review = 'The residents taught at every bed, and the ward rounds were in Portuguese from day one. Find housing early.'
    await student.getByLabel('Your review').fill('Great.')
    await student.getByRole('radiogroup', { name: 'Would you recommend it to a friend?' }).getByText('Yes').click()
    await student.getByRole('button', { name: 'Send the survey' }).click()
    await expect(student.getByText('Choose from one to five stars.')).toBeVisible()
    await star('The stay as a whole', '4 stars')
    await student.getByRole('button', { name: 'Send the survey' }).click()
    await expect(student.getByRole('alert', { name: 'Invalid request' })).toContainText('must say a little more')
    await student.getByLabel('Your review').fill(review)
    await star('Housing', '2 stars')
    await student.getByLabel('Show my first name with the review').check()
    await student.getByLabel('Note to the office').fill('My tutor was away for two weeks.')
    await student.getByRole('button', { name: 'Send the survey' }).click()
    await expect(student.getByText('Waiting for the office to read it.')).toBeVisible()

    await officer.goto('/office/mobilities')
    await officer.getByRole('link', { name: '1 survey to read' }).click()
    const entry = officer.getByRole('article', { name: 'Aruzhan Bekova' })
    await expect(entry).toContainText('My tutor was away for two weeks.')
    await entry.getByRole('button', { name: 'Publish in the catalog' }).click()
    await expect(officer.getByText('No survey is waiting to be read.')).toBeVisible()

    await waitForMail(demoEmail('student'), /Your review is in the catalog/)
    await student.reload()
    await student.getByRole('link', { name: 'See it in the catalog' }).click()
    const reviews = student.getByRole('region', { name: 'What students say' })
    await expect(reviews).toContainText('4.0 out of 5 from 1 review')
    await expect(reviews).toContainText('100% would recommend it')
    await expect(reviews.getByRole('article')).toContainText(review)
    await expect(reviews.getByRole('article')).toContainText('Aruzhan')
    await expect(reviews).not.toContainText('Bekova')
    await expect(reviews).not.toContainText('My tutor was away')
  })
})
