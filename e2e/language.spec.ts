import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD } from './helpers'

test('the language switches at once, follows the person after sign-in, and survives a reload', async ({ page }) => {
  await page.goto('/sign-in')
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Русский' })
  await expect(page.getByRole('heading', { name: 'Вход в Meridian' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru')

  await page.getByLabel('Эл. почта').fill('officer@demo.meridian.test')
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Войти' }).click()
  await expect(page.getByRole('heading', { name: /Добро пожаловать/ })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Главная' })).toBeVisible()

  await page.getByRole('combobox', { name: 'Язык' }).selectOption({ label: '한국어' })
  await expect(page.getByRole('heading', { name: /환영합니다/ })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('heading', { name: /환영합니다/ })).toBeVisible()

  for (const [option, heading] of [
    ['Монгол', /Тавтай морил/],
    ['Português', /Bem-vindo/],
    ['English', /Welcome/],
  ] as const) {
    await page.getByRole('combobox', { name: /Language|언어|Хэл|Idioma/ }).selectOption({ label: option })
    await expect(page.getByRole('heading', { name: heading })).toBeVisible()
  }
})
