// Screenshot of a page, optionally signed in as a demo role: node scripts/shot.mjs URL OUT.png [W H ROLE]

import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs'

const [, , url, out, w = '1280', h = '800', role] = process.argv
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
const page = await browser.newPage({ viewport: { width: +w, height: +h } })
page.on('console', (m) => {
  if (m.type() === 'error') console.log('console:', m.text())
})
page.on('pageerror', (e) => console.log('pageerror:', e.message))
if (role) {
  await page.goto(new URL('/sign-in', url).href)
  await page.getByLabel('E-mail').fill(`${role}@demo.meridian.test`)
  await page.getByLabel('Password').fill('meridian-demo')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'))
}
await page.goto(url)
await page.waitForTimeout(1500)
await page.screenshot({ path: out, fullPage: true })
await browser.close()
