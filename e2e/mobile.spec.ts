import { expect, test } from '@playwright/test'
import { signIn } from './helpers'

test('on a phone the navigation opens from the menu button', async ({ page }) => {
  await signIn(page, 'admin@demo.meridian.test')
  const nav = page.getByRole('navigation', { name: 'Main navigation' })
  await expect(nav.getByRole('link', { name: 'Audit log' })).not.toBeInViewport()
  await page.getByRole('button', { name: 'Menu', exact: true }).click()
  await nav.getByRole('link', { name: 'Audit log' }).click()
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible()
  await page.screenshot({ path: 'test-results/phone-audit.png', fullPage: false })
})
