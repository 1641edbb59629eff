import { expect, test } from '@playwright/test'
import { demoEmail, signIn } from './helpers'

test.describe('public catalog', () => {
  test('a visitor filters by language and clinical practice, opens an opportunity, and a shared URL keeps the filters', async ({
    page,
    browser,
  }) => {
    await page.goto('/catalog')
    await expect(page.getByRole('heading', { name: 'Catalog of opportunities' })).toBeVisible()
    await expect(page.getByText('Found: 6')).toBeVisible()

    const filters = page.getByRole('navigation', { name: 'Filters' })
    await filters.getByRole('checkbox', { name: /^English \(/ }).check()
    await expect(page.getByText('Found: 4')).toBeVisible()
    await filters.getByRole('checkbox', { name: /^Included \(/ }).check()
    await expect(page.getByText('Found: 2')).toBeVisible()
    // Counts leave out each facet's own filter: the other answers to "clinical practice" stay offered.
    await expect(filters.getByRole('checkbox', { name: 'Not included (2)' })).toBeVisible()
    await expect(page).toHaveURL(/language=en/)
    await expect(page).toHaveURL(/clinical=yes/)

    // A typo in the search is forgiven.
    await page.getByRole('textbox', { name: 'Search the catalog' }).fill('cardiolgy')
    await expect(page.getByText('Found: 1')).toBeVisible()
    const shared = page.url()

    await page.getByRole('link', { name: 'Cardiology elective at Seoul National University Hospital' }).click()
    await expect(page.getByRole('heading', { level: 1, name: /Cardiology elective/ })).toBeVisible()
    await expect(page.getByRole('cell', { name: 'Block A' })).toBeVisible()
    await expect(page.getByText('Basic life support (BLS)')).toBeVisible()

    // Someone else opens the shared address: same search, same filters.
    const other = await browser.newPage()
    await other.goto(shared)
    await expect(other.getByText('Found: 1')).toBeVisible()
    await expect(other.getByRole('checkbox', { name: /^English \(/ })).toBeChecked()
    await expect(other.getByRole('textbox', { name: 'Search the catalog' })).toHaveValue('cardiolgy')
    await other.close()
  })

  test('a visitor compares three opportunities side by side, clinical practice first', async ({ page }) => {
    await page.goto('/catalog')
    await expect(page.getByText('Found: 6')).toBeVisible()
    for (const title of ['Cardiology elective', 'Surgery rotation', 'Exchange semester in medicine']) {
      await page.getByRole('checkbox', { name: new RegExp(`^Compare: ${title}`) }).check()
    }
    await expect(page.getByText('Picked for comparison: 3 of 4')).toBeVisible()
    await page.getByRole('link', { name: 'Compare side by side' }).click()
    await expect(page.getByRole('heading', { name: 'Comparison' })).toBeVisible()
    await expect(page.getByRole('columnheader')).toHaveCount(4)
    const firstRows = page.getByRole('rowheader')
    await expect(firstRows.nth(0)).toHaveText('Clinical practice')
    await expect(firstRows.nth(1)).toHaveText('Language of instruction')
    await expect(page.getByRole('row', { name: /Partnership/ })).toContainText('Under an agreement with us')
    await expect(page.getByRole('row', { name: /Language of instruction/ })).toContainText('German (B2)')
    // The comparison's address can be shared as it is.
    await page.goto(page.url())
    await expect(page.getByRole('columnheader')).toHaveCount(4)
  })

  test('a student keeps a favourite, which stays after a reload', async ({ page }) => {
    await signIn(page, demoEmail('student'))
    await page.goto('/catalog')
    await expect(page.getByText('Found: 6')).toBeVisible()
    const heart = page.getByRole('button', { name: /^Keep among favourites: Surgery rotation/ })
    await heart.click()
    await expect(heart).toHaveAttribute('aria-pressed', 'true')
    const panel = page.getByRole('region', { name: 'My favourites' })
    await expect(panel.getByRole('link', { name: 'Surgery rotation at Charité' })).toBeVisible()
    await page.reload()
    await expect(
      page.getByRole('region', { name: 'My favourites' }).getByRole('link', { name: 'Surgery rotation at Charité' }),
    ).toBeVisible()
    // A visitor who is not signed in has no hearts.
    await page.context().clearCookies()
    await page.reload()
    await expect(page.getByText('Found: 6')).toBeVisible()
    await expect(page.getByRole('button', { name: /^Keep among favourites/ })).toHaveCount(0)
  })

  test('the catalog reads in the visitor’s language', async ({ page }) => {
    await page.goto('/catalog?q=%EC%8B%AC%EC%9E%A5')
    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '한국어' })
    await expect(page.getByRole('link', { name: '서울대학교병원 심장내과 선택 실습' })).toBeVisible()
  })

  test('the catalog pages have no accessibility violations', async ({ page }) => {
    const { default: AxeBuilder } = await import('@axe-core/playwright')
    await page.goto('/catalog')
    await expect(page.getByText('Found: 6')).toBeVisible()
    let result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
    expect(result.violations.map((v) => `/catalog ${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([])
    await page.goto('/catalog/compare')
    await expect(page.getByRole('heading', { name: 'Comparison' })).toBeVisible()
    result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
    expect(result.violations.map((v) => `compare ${v.id}`)).toEqual([])
    await page.goto('/catalog')
    await page.getByRole('link', { name: /Surgery rotation/ }).click()
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
    expect(result.violations.map((v) => `detail ${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([])
  })

  test('a visitor narrows the catalog on the map, and the map view stays in the shared URL', async ({ page }) => {
    const { default: AxeBuilder } = await import('@axe-core/playwright')
    await page.goto('/catalog')
    await expect(page.getByText('Found: 6')).toBeVisible()
    await page.getByText('Map', { exact: true }).click()
    await expect(page).toHaveURL(/view=map/)
    const map = page.getByRole('group', { name: /Opportunities by country/ })
    await expect(map).toBeVisible()
    await map.getByRole('link', { name: 'Portugal: opportunities: 1' }).click()
    await expect(page.getByText('Found: 1')).toBeVisible()
    await expect(page).toHaveURL(/country=PT/)
    await expect(page.getByRole('link', { name: 'Exchange semester in medicine in Braga' })).toBeVisible()
    // The table beside the map does the same for a keyboard or a screen reader: again removes it.
    await page.getByRole('table', { name: 'Opportunities by country' }).getByRole('button', { name: 'Portugal' }).click()
    await expect(page.getByText('Found: 6')).toBeVisible()
    await page.reload()
    await expect(page.getByRole('group', { name: /Opportunities by country/ })).toBeVisible()
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
    expect(result.violations.map((v) => `map ${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([])
  })
})
