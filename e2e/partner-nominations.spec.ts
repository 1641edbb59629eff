import { expect, test } from '@playwright/test'
import { choose, demoEmail, signIn, waitForMail } from './helpers'

// A partner coordinator nominates a student of theirs to our elective; the student joins through
// the e-mailed invitation and finds the application ready, with the elective chosen.
test('a partner nominates their student to our elective, who joins and finds the application ready', async ({
  page,
  browser,
}) => {
  const email = `nominee-${Date.now()}@uminho.example`
  await signIn(page, demoEmail('partner'))
  // The demo's partner coordinator reads Portuguese; this test reads English, and puts it back at the end.
  await page.getByRole('combobox', { name: 'Idioma' }).selectOption({ label: 'English' })
  await page.getByRole('link', { name: 'Nominations' }).click()
  const card = page
    .getByText('Your students to our electives')
    .locator('xpath=ancestor::div[contains(@class, "mantine-Card-root")]')
  await card.getByRole('button', { name: 'Nominate the student' }).click()
  await expect(card.getByText('must be chosen').first()).toBeVisible()

  await choose(page, 'Call', 'Clinical electives', /Clinical electives for visiting students/)
  await choose(page, 'Elective', 'Tropical', /Tropical medicine/)
  await card.getByLabel('Student’s name').fill('Rita Sousa')
  await card.getByLabel('Student’s e-mail').fill(email)
  await card.getByRole('button', { name: 'Nominate the student' }).click()
  await expect(page.getByText('Rita Sousa is nominated and has been invited.')).toBeVisible()
  const row = card.getByRole('row').filter({ hasText: email })
  await expect(row).toContainText('Invited')
  await page.screenshot({ path: test.info().outputPath('partner-nominates.png'), fullPage: true })

  const mail = await waitForMail(email, /You are nominated to/)
  expect(mail.body).toContain('Dear Rita Sousa,')
  const student = await (await browser.newContext()).newPage()
  await student.goto(mail.link!)
  await student.getByLabel('Password').fill('rita in braga 2027')
  await student.getByRole('button', { name: 'Create my account' }).click()
  await expect(student.getByRole('heading', { name: 'Welcome, Rita Sousa' })).toBeVisible()
  await student.getByRole('link', { name: 'My applications' }).click()
  await expect(student.getByText(/Clinical electives for visiting students/).first()).toBeVisible()
  await expect(student.getByText('Draft').first()).toBeVisible()
  await student.screenshot({ path: test.info().outputPath('nominee-applications.png'), fullPage: true })

  await page.reload()
  await expect(card.getByRole('row').filter({ hasText: email })).toContainText('Draft')
  // Taken back while a draft: the student's draft goes with it.
  await card.getByRole('row').filter({ hasText: email }).getByRole('button', { name: 'Take back' }).click()
  await expect(card.getByRole('row').filter({ hasText: email })).toContainText('Withdrawn')
  await student.reload()
  await expect(student.getByText(/Clinical electives for visiting students/)).toHaveCount(0)
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Português' })
})
