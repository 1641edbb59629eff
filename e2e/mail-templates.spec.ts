import { expect, test } from '@playwright/test'
import { csrfOf, demoEmail, signIn, waitForMail } from './helpers'

// An admin rewrites the invitation in English: a placeholder it does not know is refused at the
// field, the preview fills the others, the next invitation is written from the new text, and
// going back to Meridian's text brings the old one back.
test('an admin rewrites a mail template, and the next mail follows it until it is reset', async ({ page }) => {
  await signIn(page, demoEmail('admin'))
  await page.getByRole('link', { name: 'Mail templates' }).click()
  await expect(page.getByRole('heading', { name: 'Mail templates', level: 1 })).toBeVisible()
  const invitation = page.getByRole('button', { name: /^Invitation to Meridian/ })
  await invitation.click()
  await expect(page).toHaveURL(/key=invitation/)
  const subject = page.getByLabel('Subject')
  await expect(subject).toHaveValue('You are invited to Meridian at {{institution}}')
  await expect(page.getByText("Meridian's text", { exact: true })).toBeVisible()

  // The other languages have their own text.
  const languages = page.getByRole('radiogroup', { name: 'Language' })
  await languages.getByText('Русский').click()
  await expect(subject).toHaveValue('Приглашение в Meridian — {{institution}}')
  await languages.getByText('English').click()
  await expect(subject).toHaveValue('You are invited to Meridian at {{institution}}')

  await subject.fill('{{inviter}} asks you to join {{institution}}, {{nom}}')
  await expect(page.getByTestId('preview-subject')).toHaveText('Maria Santos asks you to join Medical University of Example,')
  const text = page.getByLabel('Text', { exact: true })
  await text.fill('Hello {{name}},\n\nJoin us as {{role}} within {{days}} days:\n\n')
  await page.getByRole('button', { name: 'Insert link' }).click()
  await expect(text).toHaveValue('Hello {{name}},\n\nJoin us as {{role}} within {{days}} days:\n\n{{link}}')
  await expect(page.getByTestId('preview-text')).toContainText('Join us as student within 14 days:')
  await page.screenshot({ path: test.info().outputPath('mail-template-editor.png'), fullPage: true })
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText(/uses \{\{nom\}\}, which this message does not know/)).toBeVisible()

  await subject.fill('{{inviter}} asks you to join {{institution}}')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Template saved; the next mail uses it.')).toBeVisible()
  await expect(page.getByText(/^Rewritten by Aigerim Sultanova/)).toBeVisible()
  await expect(invitation).toContainText('en')

  const email = `templated-${Date.now()}@example.test`
  const invite = async () =>
    expect(
      (
        await page.request.post('/api/invitations', {
          data: { email, name: 'Tea Template', role: 'staff' },
          headers: { 'x-csrf-token': await csrfOf(page) },
        })
      ).status(),
    ).toBe(201)
  await invite()
  const mail = await waitForMail(email, /asks you to join/)
  expect(mail.subject).toMatch(/^Aigerim Sultanova asks you to join Meridian State/)
  expect(mail.body).toContain('Hello Tea Template,')
  expect(mail.body).toContain('Join us as staff member within 14 days:')
  expect(mail.link).toMatch(/\/invitation#token=/)

  await page.getByRole('button', { name: "Back to Meridian's text" }).click()
  await page.getByRole('button', { name: 'Remove my version' }).click()
  await expect(page.getByText("Meridian's text is used again.")).toBeVisible()
  await expect(subject).toHaveValue('You are invited to Meridian at {{institution}}')

  // Both changes are in the audit log.
  await page.goto('/admin/audit?entityType=mail_template')
  await expect(page.getByRole('row').filter({ hasText: 'mail_template' })).toHaveCount(2)
})
