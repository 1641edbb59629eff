import { expect, test } from '@playwright/test'
import { signIn, waitForMail } from './helpers'

test('an admin invites a coordinator for a faculty, who joins through the e-mailed link', async ({ page, browser }) => {
  const email = `coordinator-${Date.now()}@example.test`
  await signIn(page, 'admin@demo.meridian.test')
  await page.getByRole('link', { name: 'Users and roles' }).click()
  await page.getByRole('button', { name: 'Invite a person' }).click()
  const dialog = page.getByRole('dialog', { name: 'Invite a person' })
  await dialog.getByLabel('E-mail').fill(email)
  await dialog.getByLabel('Name').fill('Dana Nurlanovna')
  await dialog.getByRole('textbox', { name: 'Role' }).click()
  await page.getByRole('option', { name: 'Faculty coordinator' }).click()
  // A coordinator needs a unit: sending without one names the field.
  await dialog.getByRole('button', { name: 'Send the invitation' }).click()
  await expect(dialog.getByText('is required for a coordinator')).toBeVisible()
  await dialog.getByRole('textbox', { name: 'Organisational unit' }).click()
  await page.getByRole('option', { name: 'Faculty of Dentistry' }).click()
  await dialog.getByRole('button', { name: 'Send the invitation' }).click()
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible()
  await expect(page.getByTestId('pending-invitations')).toContainText(email)

  const mail = await waitForMail(email, /invited/)
  expect(mail.subject).toContain('You are invited to Meridian')
  const context = await browser.newContext()
  const invitee = await context.newPage()
  await invitee.goto(mail.link!)
  await expect(invitee.getByText(`You are invited as Faculty coordinator with the address ${email}`)).toBeVisible()
  await expect(invitee.getByLabel('Your name')).toHaveValue('Dana Nurlanovna')
  await invitee.getByLabel('Password').fill('short')
  await invitee.getByRole('button', { name: 'Create my account' }).click()
  await expect(invitee.getByText('At least 10 characters').first()).toBeVisible()
  await invitee.getByLabel('Password').fill('dentistry exchange 2027')
  await invitee.getByRole('button', { name: 'Create my account' }).click()
  await expect(invitee.getByRole('heading', { name: 'Welcome, Dana Nurlanovna' })).toBeVisible()
  await expect(invitee.getByText('Your unit: Faculty of Dentistry.')).toBeVisible()
  await context.close()

  await page.reload()
  await expect(page.getByTestId('pending-invitations')).toHaveCount(0)
  await expect(page.getByRole('row', { name: /Dana Nurlanovna/ })).toContainText('Faculty of Dentistry')
})
