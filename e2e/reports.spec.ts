import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import { academicYearOf, shiftAcademicYear } from '../src/shared/agreements'
import { demoEmail, signIn } from './helpers'

// The demo's past rounds (seed/history.ts) are untouched by the other journeys, which work in the
// current and the next academic year; the last year's figures are the seed's own.
const lastYear = shiftAcademicYear(academicYearOf(new Date().toISOString().slice(0, 10)), -1)

const rowOf = (page: Page, name: string | RegExp) =>
  page
    .getByRole('table', { name: 'Flows' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name }) })

test('an officer reads the mobility report by year and by partner, narrows it to incoming visitors, and exports it', async ({
  page,
}) => {
  await signIn(page, demoEmail('officer'))
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Reports' }).click()
  await expect(page.getByRole('heading', { name: 'Mobility report' })).toBeVisible()

  // By year: last year's round, through the pipeline.
  const year = rowOf(page, lastYear)
  await expect(year.getByRole('cell')).toHaveText([lastYear, '14', '11', '10', '10', '7', '205', /^[\d,]+$/, '0', '—'])
  await expect(page.getByRole('img', { name: new RegExp(`${lastYear.replace('/', '\\/')}: 7 out, 3 in`) })).toBeVisible()
  await expect(page.getByTestId('flow-chart').locator('svg')).toBeVisible()

  // By partner: each partner links to its profile; the choice stays in the URL.
  await page.getByRole('radiogroup', { name: 'Rows' }).getByText('Partner', { exact: true }).click()
  await expect(page).toHaveURL(/groupBy=partner/)
  await expect(rowOf(page, /University of Minho/)).toBeVisible()

  // Only incoming visitors of the past years: they came from partners and none had credits recognised here.
  await page.getByRole('textbox', { name: 'Direction' }).click()
  await page.getByRole('option', { name: 'Incoming' }).click()
  await page.getByRole('textbox', { name: 'To' }).click()
  await page.getByRole('option', { name: lastYear }).click()
  await expect(page).toHaveURL(/direction=incoming/)
  // The row of totals: applied, placed, realised, completed, recognised, ECTS, …
  const total = page.getByRole('table', { name: 'Flows' }).locator('tfoot tr td')
  await expect(total.nth(2)).toHaveText('6')
  await expect(total.nth(5)).toHaveText('0')

  // A shared link opens the same report.
  const shared = page.url()
  await page.goto('/')
  await page.goto(shared)
  await expect(total.nth(2)).toHaveText('6')

  const a11y = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
  expect(a11y.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([])

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()])
  expect(download.suggestedFilename()).toMatch(/^mobility-partner-\d{4}-\d{2}-\d{2}\.csv$/)
  const lines = readFileSync((await download.path())!, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
  expect(lines[0]).toMatch(/^Partner,Country,Applied,Placed,Realised,/)
  expect(lines.at(-1)).toMatch(/^Total,,6,6,6,0,0,6,0,0,/)
})

test('a coordinator reads the report of their own unit only, and a student cannot open it', async ({ browser }) => {
  const coordinator = await (await browser.newContext()).newPage()
  await signIn(coordinator, demoEmail('coordinator'))
  await coordinator.goto('/reports/mobility')
  // The past rounds were the whole office's, not the faculty's.
  await expect(rowOf(coordinator, lastYear).getByRole('cell').nth(1)).toHaveText('0')

  const student = await (await browser.newContext()).newPage()
  await signIn(student, demoEmail('student'))
  await expect(student.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Reports' })).toHaveCount(0)
  await student.goto('/reports/mobility')
  await expect(student).toHaveURL(/\/$/)
  const refused = await student.evaluate(async () => (await fetch('/api/reports/mobility')).status)
  expect(refused).toBe(403)
})
