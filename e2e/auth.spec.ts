import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD, demoEmail, signIn } from './helpers'

const ROLES = ['admin', 'officer', 'coordinator', 'reviewer', 'student', 'staff', 'partner'] as const
const ADMIN_NAV = ['/admin/users', '/admin/audit', '/admin/settings']

test.describe('signing in', () => {
  for (const role of ROLES) {
    test(`the demo ${role} signs in and sees only the navigation of the role`, async ({ page }) => {
      await signIn(page, demoEmail(role))
      // Links are found by address: the staff and partner demo accounts use Russian and Portuguese.
      const nav = page.getByRole('navigation')
      await expect(nav.locator('a[href="/"]')).toBeVisible()
      for (const href of ADMIN_NAV) {
        await expect(nav.locator(`a[href="${href}"]`)).toHaveCount(role === 'admin' ? 1 : 0)
      }
      if (role !== 'admin') {
        // Typing the address of an admin page leads home instead.
        await page.goto('/admin/users')
        await expect(page).toHaveURL(/\/$/)
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      }
    })
  }

  test('a wrong password is refused without saying whether the account exists', async ({ page }) => {
    await page.goto('/sign-in')
    await page.getByLabel('E-mail').fill(demoEmail('officer'))
    await page.getByLabel('Password').fill('not the password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert')).toHaveText('The e-mail or the password is not right.')
    await page.getByLabel('E-mail').fill('nobody@nowhere.test')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert')).toHaveText('The e-mail or the password is not right.')
  })

  test('signs in with the keyboard alone, returns to the page asked for, and signs out', async ({ page }) => {
    await page.goto('/account')
    await expect(page).toHaveURL(/\/sign-in\?next=/)
    await page.keyboard.type(demoEmail('officer'))
    await page.keyboard.press('Tab')
    await page.keyboard.type(DEMO_PASSWORD)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible()
    await page.getByTestId('user-menu').click()
    await page.getByRole('menuitem', { name: 'Sign out' }).click()
    await expect(page).toHaveURL(/\/sign-in/)
    await page.goto('/')
    await expect(page).toHaveURL(/\/sign-in/)
  })

  test('the sign-in page and the home page have no accessibility violations', async ({ page }) => {
    await page.goto('/sign-in')
    await expect(page.getByRole('heading', { name: 'Sign in to Meridian' })).toBeVisible()
    const before = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
    expect(before.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([])
    await signIn(page, demoEmail('admin'))
    const after = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
    expect(after.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([])
  })
})

test('a person makes an API token with their password, sees when it ends, and renews it', async ({ page }) => {
  await signIn(page, demoEmail('reviewer'))
  await page.goto('/account')
  await expect(page.getByText(/changing or resetting your password revokes them all/)).toBeVisible()
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create a token' }) })
  await form.getByLabel('What is it for?').fill('Scores export')
  await form.getByLabel('Current password').fill('not my password')
  await form.getByRole('button', { name: 'Create a token' }).click()
  await expect(form.getByText('is not your current password')).toBeVisible()
  await form.getByLabel('Current password').fill(DEMO_PASSWORD)
  await form.getByRole('button', { name: 'Create a token' }).click()
  await expect(page.getByTestId('new-token')).toHaveText(/^mrd_/)
  const row = page.getByRole('listitem').filter({ hasText: 'Scores export' })
  const in90 = new Date(Date.now() + 90 * 86_400_000)
  await expect(row).toContainText(`Expires: ${new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(in90)}`)
  await row.getByRole('button', { name: 'Renew' }).click()
  const dialog = page.getByRole('dialog', { name: /Renew “Scores export”/ })
  await dialog.getByLabel('Valid for (days)').fill('30')
  await dialog.getByLabel('Current password').fill(DEMO_PASSWORD)
  await dialog.getByRole('button', { name: 'Renew' }).click()
  await expect(dialog).toBeHidden()
  const token = await page.request.get('/api/me/tokens')
  const [mine] = (await token.json()) as { name: string; expiresAt: string }[]
  expect(mine!.name).toBe('Scores export')
  expect(Math.round((new Date(mine!.expiresAt).getTime() - Date.now()) / 86_400_000)).toBe(30)
  await page.screenshot({ path: 'test-results/account-tokens.png', fullPage: true })
})
