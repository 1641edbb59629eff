import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { choose, demoEmail, isoDate, signIn } from './helpers'

// Runs after the catalog journeys (files run in name order): it publishes one more opportunity.
test.describe('opportunities and calls in the office', () => {
  test('an officer creates an elective with rotation blocks, publishes it, and opens a call whose places come from agreements', async ({
    page,
  }) => {
    await signIn(page, demoEmail('officer'))
    await page.getByRole('link', { name: 'Opportunities', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Opportunities' })).toBeVisible()
    await page.getByRole('link', { name: 'New opportunity' }).click()

    // Nothing filled in: the fields that are missing are named.
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText('must be given in at least one language')).toBeVisible()

    await choose(page, 'Host institution', 'Minho', /University of Minho/)
    await choose(page, 'Agreement it rests on', 'AGR', /Active/)
    await page.getByLabel('Title (English)').fill('Paediatrics elective in Braga')
    await page.getByLabel('Description (English)').fill('<p>Four weeks on the <strong>paediatric</strong> wards.</p>')
    await choose(page, 'Specialty', 'Paed', 'Paediatrics')
    await page.getByLabel('Duration in weeks').fill('4')
    await page.getByLabel('Clinical practice').check()
    await page.getByLabel('Clinical hours a week').fill('30')
    await page.getByRole('checkbox', { name: 'Immunisations' }).check()
    await page.getByRole('button', { name: 'Add a period' }).click()
    await page.getByRole('button', { name: 'Add a period' }).click()
    await page.getByLabel('Name', { exact: true }).nth(0).fill('June block')
    await page.getByLabel('Starts').nth(0).fill(isoDate(200))
    await page.getByLabel('Ends').nth(0).fill(isoDate(227))
    await page
      .getByLabel(/^Places/)
      .nth(0)
      .fill('2')
    await page.getByLabel('Name', { exact: true }).nth(1).fill('July block')
    await page.getByLabel('Starts').nth(1).fill(isoDate(230))
    // A period that ends before it starts is refused at its field.
    await page.getByLabel('Ends').nth(1).fill(isoDate(220))
    await page
      .getByLabel(/^Places/)
      .nth(1)
      .fill('3')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText('must not be before startsOn')).toBeVisible()
    await page.getByLabel('Ends').nth(1).fill(isoDate(257))
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('heading', { name: 'Edit opportunity' })).toBeVisible()
    await expect(page.getByText('Draft', { exact: true })).toBeVisible()

    // Publishing asks for the language of instruction first.
    await page.getByRole('button', { name: 'Publish' }).click()
    await expect(page.getByRole('alert', { name: 'Conflict' })).toContainText(
      'give the language of instruction before publishing',
    )
    await page.getByRole('button', { name: 'Add a language' }).click()
    await page.getByLabel('Language (ISO code)').fill('pt')
    await choose(page, 'Minimum level', 'B1')
    // The save is awaited itself: the first save's notice may have closed already on a slow machine.
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && /\/api\/opportunities\/[^/]+$/.test(r.url()))
    await page.getByRole('button', { name: 'Save' }).click()
    expect((await saved).ok()).toBe(true)
    await expect(page.getByText('Saved.').last()).toBeVisible()
    await page.getByRole('button', { name: 'Publish' }).click()
    await expect(page.getByText('Published', { exact: true })).toBeVisible()

    // A call for next year's outgoing students offers it, with the exchange semester the Minho agreement pays for.
    await page.getByRole('link', { name: 'Calls', exact: true }).click()
    await page.getByRole('link', { name: 'New call' }).click()
    await page.getByLabel('Title (English)').fill('Clinical electives in Portugal')
    await page.getByLabel('Opens').fill(`${isoDate(-1)}T09:00`)
    await page.getByLabel('Closes').fill(`${isoDate(30)}T17:00`)
    await choose(page, 'Time zone', 'Almaty', 'Asia/Almaty')
    await page.getByRole('checkbox', { name: 'Transcript of records' }).check()
    await page.getByRole('button', { name: 'Add a criterion' }).click()
    await page.getByRole('button', { name: 'Add a criterion' }).click()
    await page
      .getByRole('textbox', { name: /^Criterion/ })
      .nth(0)
      .fill('Grade average')
    await page
      .getByRole('textbox', { name: /^Weight/ })
      .nth(0)
      .fill('60')
    await page
      .getByRole('textbox', { name: /^Criterion/ })
      .nth(1)
      .fill('Motivation')
    await page
      .getByRole('textbox', { name: /^Weight/ })
      .nth(1)
      .fill('30')
    await expect(page.getByText('Weights add up to 90%')).toBeVisible()

    await choose(page, 'Offer an opportunity', 'Paediatrics', /Paediatrics elective in Braga/)
    await choose(page, 'Offer an opportunity', 'Exchange semester', /Exchange semester in medicine in Braga/)
    const offers = page.getByRole('table')
    const semester = offers.getByRole('row', { name: /Exchange semester in medicine in Braga/ })
    const elective = offers.getByRole('row', { name: /Paediatrics elective in Braga/ })
    await expect(semester).toContainText(/mobilities per year in AGR-\d{4}-\d{4}: 2/)
    // The agreement has no traineeship flow: the elective's periods give its places.
    await expect(elective).toContainText('the places of its periods')
    await expect(elective).toContainText('has no Student traineeship flow for this year')
    await page.getByRole('button', { name: 'Use the suggested places' }).click()
    await expect(page.getByLabel('Places in Exchange semester in medicine in Braga')).toHaveValue('2')
    await expect(page.getByLabel('Places in Paediatrics elective in Braga')).toHaveValue('5')

    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText('weights must add up to 100')).toBeVisible()
    await page
      .getByRole('textbox', { name: /^Weight/ })
      .nth(1)
      .fill('40')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('heading', { name: 'Edit call' })).toBeVisible()
    await page.getByRole('button', { name: 'Publish' }).click()
    await expect(page.getByText('Published', { exact: true })).toBeVisible()
    await expect(page.getByText('Open', { exact: true })).toBeVisible()

    // The public page: times in the call's zone, the places per opportunity.
    await page.getByRole('link', { name: 'Public page' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Clinical electives in Portugal' })).toBeVisible()
    await expect(page.getByText(/\(Asia\/Almaty\)/).first()).toBeVisible()
    await expect(page.getByRole('row', { name: /Total/ })).toContainText('7')
    await page.reload()
    await expect(page.getByRole('row', { name: /Total/ })).toContainText('7')
    const axe = await new AxeBuilder({ page }).analyze()
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
    await page.getByRole('link', { name: 'Paediatrics elective in Braga' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Paediatrics elective in Braga' })).toBeVisible()
    await expect(
      page.getByRole('region', { name: 'Applying' }).getByRole('link', { name: 'Clinical electives in Portugal' }),
    ).toBeVisible()
  })

  test('a visitor finds the open calls; a student asks to be told when an elective opens', async ({ page }) => {
    await page.goto('/catalog')
    await page.getByRole('link', { name: 'Calls for applications' }).click()
    await expect(page.getByRole('heading', { name: 'Calls for applications' })).toBeVisible()
    await expect(page.getByRole('link', { name: /Outgoing exchanges and electives/ })).toBeVisible()
    await page.getByText('Upcoming', { exact: true }).click()
    await expect(page).toHaveURL(/phase=upcoming/)
    await page.getByRole('link', { name: /Clinical electives for visiting students/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: /Clinical electives for visiting students/ })).toBeVisible()
    await expect(page.getByText('Upcoming', { exact: true })).toBeVisible()
    await page.getByRole('link', { name: 'Tropical medicine elective for visiting students' }).click()
    const applying = page.getByRole('region', { name: 'Applying' })
    await expect(applying.getByText('No call offering this is open now.')).toBeVisible()
    await applying.getByRole('link', { name: 'Sign in to be told when it opens.' }).click()

    await page.getByLabel('E-mail').fill(demoEmail('student'))
    await page.getByLabel('Password').fill('meridian-demo')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Tropical medicine elective for visiting students' })).toBeVisible()
    await page.getByRole('button', { name: 'Tell me by e-mail when it opens' }).click()
    await expect(page.getByText('We will e-mail you when a call offering this opens.')).toBeVisible()
    await page.reload()
    await expect(page.getByRole('button', { name: 'Stop telling me' })).toBeVisible()
    await page.getByRole('button', { name: 'Stop telling me' }).click()
    await expect(page.getByRole('button', { name: 'Tell me by e-mail when it opens' })).toBeVisible()
  })

  test('an officer imports a destinations list with places per programme into a call, fixing a bad row first', async ({
    page,
  }) => {
    const file = (rows: string[]) => ({
      name: 'destinations.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `\uFEFF${['Destination;Country;Erasmus code;Places Medicine;Places Nursing;Language;Level', ...rows].join('\r\n')}`,
      ),
    })
    await signIn(page, demoEmail('officer'))
    await page.goto('/office/opportunities')
    await page.getByRole('link', { name: 'Import', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Import opportunities' })).toBeVisible()
    let chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Choose a file' }).click()
    await (await chooser).setFiles(file(['KAROLINSKA INSTITUTET;Sweden;;2;1;en;B2', 'Universidad Imaginaria;Spain;;1;;es;B1']))
    await expect(page.getByRole('textbox', { name: 'Host institution' })).toHaveValue('1. Destination')
    await choose(page, 'Offer the places in a call', 'Outgoing', /Outgoing exchanges and electives/)
    await page.getByRole('button', { name: 'Check the rows' }).click()
    await expect(page.getByText('With errors: 1')).toBeVisible()
    await expect(page.getByText('"Universidad Imaginaria" is not in the partner registry')).toBeVisible()
    await expect(page.getByRole('button', { name: /Import all/ })).toBeDisabled()

    chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Upload the corrected file' }).click()
    await (await chooser).setFiles(file(['KAROLINSKA INSTITUTET;Sweden;;2;1;en;B2']))
    // The call chosen stays chosen for the corrected file.
    await expect(page.getByRole('textbox', { name: 'Offer the places in a call' })).toHaveValue(/Outgoing exchanges/)
    await page.getByRole('button', { name: 'Check the rows' }).click()
    await expect(page.getByText('With errors: 0')).toBeVisible()
    await page.getByRole('button', { name: 'Import all 1 rows' }).click()
    await expect(page.getByText('Imported: 1 new, 0 updated.').first()).toBeVisible()
    await page.getByRole('link', { name: 'Go to the call' }).click()
    await expect(page.getByRole('heading', { name: 'Edit call' })).toBeVisible()
    await expect(page.getByLabel('Places in Medicine — Karolinska Institutet')).toHaveValue('2')
    await expect(page.getByLabel('Places in Nursing — Karolinska Institutet')).toHaveValue('1')
  })
})
