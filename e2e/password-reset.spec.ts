import { expect, test } from '@playwright/test'
import { signIn, waitForMail } from './helpers'

test('a person resets a forgotten password through the e-mailed link', async ({ page, browser }) => {
  // The account is made for this test through an invitation, so other tests keep the demo password.
  const email = `reset-${Date.now()}@example.test`
  await signIn(page, 'admin@demo.meridian.test')
  const csrf: string = await page.evaluate(async () => (await (await fetch('/api/session')).json()).csrfToken)
  const invited = await page.request.post('/api/invitations', {
    data: { email, role: 'staff' },
    headers: { 'x-csrf-token': csrf },
  })
  expect(invited.status()).toBe(201)
  const invitation = await waitForMail(email, /invited/)
  const fresh = await browser.newContext()
  const person = await fresh.newPage()
  await person.goto(invitation.link!)
  await person.getByLabel('Your name').fill('Reset Tester')
  await person.getByLabel('Password').fill('first password here')
  await person.getByRole('button', { name: 'Create my account' }).click()
  await expect(person.getByTestId('user-menu')).toBeVisible()
  await fresh.close()

  const anonymous = await (await browser.newContext()).newPage()
  await anonymous.goto('/sign-in')
  await anonymous.getByRole('link', { name: 'Forgot your password?' }).click()
  await anonymous.getByLabel('E-mail').fill(email)
  await anonymous.getByRole('button', { name: 'Send the link' }).click()
  await expect(anonymous.getByRole('status')).toContainText('If an account uses this address')

  const mail = await waitForMail(email, /Reset/)
  expect(mail.subject).toBe('Reset your Meridian password')
  await anonymous.goto(mail.link!)
  await anonymous.getByLabel(/^New password/).fill('second password here')
  await anonymous.getByLabel('Repeat the new password').fill('second password here')
  await anonymous.getByRole('button', { name: 'Save the new password' }).click()
  await expect(anonymous.getByRole('status')).toContainText('Your password is changed')

  // The link works once.
  await anonymous.goto('about:blank')
  await anonymous.goto(mail.link!)
  await anonymous.getByLabel(/^New password/).fill('third password here')
  await anonymous.getByLabel('Repeat the new password').fill('third password here')
  await anonymous.getByRole('button', { name: 'Save the new password' }).click()
  await expect(anonymous.getByRole('alert')).toContainText('not valid any more')

  await signIn(anonymous, email, 'second password here')
})
