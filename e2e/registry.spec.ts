import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { choose, demoEmail, isoDate, signIn } from './helpers'

test.describe('partner and agreement registry', () => {
  test('an officer adds a partner with contacts, is warned of a lookalike, and bad input is named', async ({ page }) => {
    await signIn(page, demoEmail('officer'))
    await page.getByRole('link', { name: 'Partners', exact: true }).click()
    await page.getByRole('link', { name: 'Add institution' }).click()

    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText('must be at least 2 characters')).toBeVisible()

    await page.getByRole('textbox', { name: 'Name', exact: true }).first().fill('Universty of Minho')
    await choose(page, 'Country', 'Portug', 'Portugal')
    await expect(page.getByRole('status').getByText('University of Minho')).toBeVisible()
    await expect(page.getByText('near-identical name in the same country')).toBeVisible()

    await page.getByRole('textbox', { name: 'Name', exact: true }).first().fill('Universidade de Coimbra')
    await expect(page.getByRole('status')).toHaveCount(0)
    await page.getByLabel('City').fill('Coimbra')
    await page.getByLabel('Erasmus code').fill('P COIMBRA01')
    await page.getByLabel('Website').fill('not a site')
    await page.getByRole('button', { name: 'Add a contact' }).click()
    await page.getByRole('textbox', { name: 'Name', exact: true }).nth(1).fill('Inês Marques')
    await page.getByLabel('Role').fill('Erasmus coordinator')
    await page.getByLabel('E-mail').fill('ines@uc.example')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText('must be a URL such as https://www.uminho.pt')).toBeVisible()
    await page.getByLabel('Website').fill('https://www.uc.pt')
    await page.getByRole('button', { name: 'Save' }).click()

    await expect(page.getByRole('heading', { name: 'Universidade de Coimbra', level: 1 })).toBeVisible()
    await expect(page.getByText('P  COIMBRA01')).toBeVisible()
    await expect(page.getByText('Inês Marques')).toBeVisible()
    await expect(page.getByRole('link', { name: 'ines@uc.example' })).toBeVisible()
  })

  test('an officer drafts an agreement with conditions, uploads the signed PDF, signs and activates it', async ({ page }) => {
    await signIn(page, demoEmail('officer'))
    await page.goto('/partners?q=coimbra')
    await page.getByRole('link', { name: 'Universidade de Coimbra' }).click()
    await page.getByRole('link', { name: 'New agreement' }).click()

    await expect(page.getByLabel('Title')).toHaveValue('Exchange with Universidade de Coimbra')
    await page.getByLabel('Start').fill(isoDate(-5))
    await page.getByLabel('End').fill(isoDate(1800))
    await page.getByRole('button', { name: 'Add a condition' }).click()
    await page.getByLabel('Mobilities per year').fill('3')
    await page.getByRole('button', { name: 'Add a language' }).click()
    await page.getByRole('button', { name: 'Save' }).click()

    await expect(page.getByRole('heading', { name: 'Exchange with Universidade de Coimbra' })).toBeVisible()
    await expect(page.getByText('Draft', { exact: true })).toBeVisible()
    const conditions = page.getByRole('table', { name: 'Cooperation conditions' })
    await expect(conditions.getByText('Student mobility for studies')).toBeVisible()
    await expect(conditions.getByText('3 / year')).toBeVisible()

    await page.getByRole('button', { name: 'Send to negotiation' }).click()
    await expect(page.getByText('In negotiation', { exact: true })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Mark as signed' })).toBeDisabled()
    await expect(page.getByText(/Mark as signed: Record who signed for/)).toBeVisible()

    await page.getByRole('button', { name: 'Record signatories' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Name').nth(0).fill('Prof. Nurlan Abenov')
    await dialog.getByLabel('Signed on').nth(0).fill(isoDate(-2))
    await dialog.getByLabel('Name').nth(1).fill('Prof. Amílcar Falcão')
    await dialog.getByLabel('Signed on').nth(1).fill(isoDate(-1))
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText('Prof. Amílcar Falcão')).toBeVisible()
    await expect(page.getByText('Mark as signed: Upload the signed copy first.')).toBeVisible()

    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Upload a file' }).click()
    await (await chooser).setFiles({
      name: 'Coimbra signed.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    })
    await expect(page.getByText(/^Coimbra signed\.pdf v1/)).toBeVisible()

    await page.getByRole('button', { name: 'Mark as signed' }).click()
    await expect(page.getByText('Signed', { exact: true })).toBeVisible()
    await page.getByRole('button', { name: 'Activate' }).click()
    await expect(page.getByText('Active', { exact: true })).toBeVisible()
    await expect(page.getByText('Activated — Daniyar Akhmetov')).toBeVisible()

    const pdf = await page.request.get(`${page.url().replace(/\/$/, '')}/pdf?lang=ko`.replace('/agreements/', '/api/agreements/'))
    expect(pdf.headers()['content-type']).toBe('application/pdf')
  })

  test('the agreement is found by search and on the map, and the list exports to CSV', async ({ page }) => {
    await signIn(page, demoEmail('officer'))
    await page.getByRole('link', { name: 'Agreements', exact: true }).click()
    await page.getByLabel('Search').fill('coimbra')
    const table = page.getByRole('table', { name: 'Agreements' })
    await expect(table.getByRole('row')).toHaveCount(2)
    await expect(table.getByText('Exchange with Universidade de Coimbra')).toBeVisible()

    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Export CSV' }).click()
    const file = await (await download).path()
    const csv = readFileSync(file!, 'utf8')
    expect(csv.split('\n').filter(Boolean)).toHaveLength(2)
    expect(csv).toContain('Exchange with Universidade de Coimbra')

    await page.getByRole('link', { name: 'Network map', exact: true }).click()
    await page.locator('path[data-country="PT"]').click()
    await expect(page).toHaveURL(/\/agreements\?.*country=PT/)
    await expect(table.getByText('Exchange with Universidade de Coimbra')).toBeVisible()
    await expect(table.getByText('Memorandum of understanding with SNU')).toHaveCount(0)
  })

  test('an officer imports a messy CSV: row errors first, then it succeeds', async ({ page }) => {
    const messy = [
      'Instituição;País;Cidade;Código Erasmus;Места (медицина)',
      'UNIVERSIDADE DO PORTO;Portugal;PORTO;P PORTO02;3',
      'Universidad de Granada;Atlantis;Granada;E GRANADA01;two',
    ].join('\r\n')
    await signIn(page, demoEmail('officer'))
    await page.goto('/partners')
    await page.getByRole('link', { name: 'Import' }).click()
    let chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Choose a file' }).click()
    await (await chooser).setFiles({ name: 'partners.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${messy}`) })
    await expect(page.getByRole('textbox', { name: 'Institution name' })).toHaveValue('1. Instituição')
    await page.getByRole('button', { name: 'Check the rows' }).click()
    await expect(page.getByText('With errors: 1')).toBeVisible()
    await expect(page.getByText('"Atlantis" is not a country we know')).toBeVisible()
    await expect(page.getByText('"two" is not a number of places')).toBeVisible()
    await expect(page.getByRole('button', { name: /Import all/ })).toBeDisabled()

    chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Upload the corrected file' }).click()
    await (await chooser).setFiles({
      name: 'partners.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${messy.replace('Atlantis', 'España').replace(';two', ';2')}`),
    })
    await page.getByRole('button', { name: 'Check the rows' }).click()
    await expect(page.getByText('With errors: 0')).toBeVisible()
    await page.getByRole('button', { name: 'Import all 2 rows' }).click()
    await expect(page.getByText('Imported: 2 new, 0 updated.').first()).toBeVisible()
    await page.getByRole('link', { name: 'Go to partners' }).click()
    await page.getByLabel('Search').fill('porto')
    await expect(page.getByRole('link', { name: 'Universidade do Porto' })).toBeVisible()
  })

  test('an officer renews an agreement: a draft successor with the same conditions', async ({ page }) => {
    await signIn(page, demoEmail('officer'))
    await page.goto('/agreements?q=evora')
    await page.getByRole('link', { name: /^AGR-/ }).first().click()
    await expect(
      page.getByRole('heading', { level: 1, name: 'Student exchange in medicine and nursing with Évora' }),
    ).toBeVisible()
    await expect(page.getByText('Expiring', { exact: true })).toBeVisible()
    await page.getByRole('button', { name: 'Renew' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Renew' }).click()
    await expect(page.getByRole('dialog')).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Send to negotiation' })).toBeVisible()
    await expect(page.getByText('Draft', { exact: true })).toBeVisible()
    await expect(page.getByText('Renews')).toBeVisible()
    await expect(
      page.getByRole('table', { name: 'Cooperation conditions' }).getByText('0912 Medicine, clinical years'),
    ).toBeVisible()
    await page.getByRole('link', { name: /^AGR-/ }).click()
    await expect(page.getByRole('button', { name: 'Send to negotiation' })).toHaveCount(0)
    await expect(page.getByText('Renewed', { exact: true })).toBeVisible()
  })

  test('a partner coordinator sees only their own institution’s agreements', async ({ page }) => {
    // The demo partner coordinator reads Meridian in Portuguese.
    await signIn(page, demoEmail('partner'))
    await page.getByRole('link', { name: 'Acordos', exact: true }).click()
    const table = page.getByRole('table', { name: 'Acordos' })
    await expect(table.getByText('Erasmus+ inter-institutional agreement with Minho')).toBeVisible()
    await expect(table.getByText('University of Évora')).toHaveCount(0)
    await expect(table.getByText('Seoul National University')).toHaveCount(0)
    await expect(page.getByRole('link', { name: 'Novo acordo' })).toHaveCount(0)
    await expect(page.getByRole('link', { name: 'Mapa da rede' })).toHaveCount(0)
    await page.goto('/partners')
    await expect(page.getByRole('link', { name: 'University of Minho' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Seoul National University' })).toHaveCount(0)

    const officerView = await page.request.get('/api/agreements?q=seoul')
    expect((await officerView.json()).total).toBe(0)
  })
})

test('the registry pages have no accessibility violations', async ({ page }) => {
  const { default: AxeBuilder } = await import('@axe-core/playwright')
  await signIn(page, demoEmail('officer'))
  for (const path of ['/partners', '/agreements', '/network']) {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(page.getByRole('table').first()).toBeVisible()
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
    expect(result.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([])
  }
})
