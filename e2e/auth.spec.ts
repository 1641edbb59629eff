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
