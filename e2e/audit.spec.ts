import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { signIn } from './helpers'

test('an admin changes a role, finds the change in the audit log and exports it', async ({ page }) => {
  await signIn(page, 'admin@demo.meridian.test')
  await page.getByRole('link', { name: 'Users and roles' }).click()
  await page.getByRole('button', { name: 'Edit: Prof. Marat Ospanov' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('textbox', { name: 'Role' }).click()
  await page.getByRole('option', { name: 'International officer' }).click()
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('row', { name: /Prof. Marat Ospanov/ })).toContainText('International officer')

  await page.getByRole('link', { name: 'Audit log' }).click()
  // Other journeys change other records; this one is about users.
  await page.getByRole('textbox', { name: 'Entity' }).click()
  await page.getByRole('option', { name: 'user', exact: true }).click()
  await page.getByRole('textbox', { name: 'Action' }).click()
  await page.getByRole('option', { name: 'update', exact: true }).click()
  await expect(page).toHaveURL(/action=update/)
  await expect(page).toHaveURL(/entityType=user/)
  const table = page.getByTestId('audit-table')
  await expect(table.getByRole('row')).toHaveCount(2) // header and the one change
  await expect(table).toContainText('admin@demo.meridian.test')
  await table.getByRole('button', { name: 'Details' }).first().click()
  const drawer = page.getByRole('dialog')
  await expect(drawer).toContainText('"role": "reviewer"')
  await expect(drawer).toContainText('"role": "officer"')
  await drawer.getByRole('button').first().click()

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()])
  const csv = readFileSync((await download.path())!, 'utf8')
  const lines = csv.trim().split(/\r?\n/)
  expect(lines[0]).toContain('time_utc,actor,actor_id,entity_type,entity_id,action')
  expect(lines).toHaveLength(2)
  expect(lines[1]).toContain(',update,')
})

test('an admin renames the home institution and the sign-in page shows the new name', async ({ page, browser }) => {
  await signIn(page, 'admin@demo.meridian.test')
  await page.getByRole('link', { name: 'Institution settings' }).click()
  await page.getByLabel('Name').fill('Meridian State Medical University named after S. Asfendiyarov')
  await page.getByLabel('Erasmus code').fill('not a code')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('must be an Erasmus code')).toBeVisible()
  await page.getByLabel('Erasmus code').fill('')
  // Mongolian, the last language offered, is taken off the list.
  await page.getByRole('textbox', { name: 'Languages offered to users' }).focus()
  await page.keyboard.press('Backspace')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Settings saved.')).toBeVisible()
  const switcher = page.getByRole('combobox', { name: 'Language', exact: true })
  await expect(switcher.getByRole('option', { name: 'Русский' })).toHaveCount(1)
  await expect(switcher.getByRole('option', { name: 'Монгол' })).toHaveCount(0)
  // Offered again, for the journeys that follow on this server.
  await page.getByRole('textbox', { name: 'Languages offered to users' }).focus()
  await page.keyboard.press('ArrowDown')
  await page.getByRole('option', { name: 'Монгол' }).click()
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Settings saved.').last()).toBeVisible()
  const anonymous = await (await browser.newContext()).newPage()
  await anonymous.goto('/sign-in')
  await expect(
    anonymous.getByText('The international office of Meridian State Medical University named after S. Asfendiyarov'),
  ).toBeVisible()
})
