import { chromium } from '@playwright/test'

const [, , url, out, w = '1280', h = '800', role] = process.argv
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
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
