import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Credentials, caller, countAudit, createTestApp, json, signInAs, type TestApp } from '../../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../../test/db.js'
import { DEMO_DOMAIN } from '../../../../shared/demo.js'
import { LANGUAGES } from '../../../../shared/limits.js'
import { MAIL_TEMPLATE_KEYS, templateProblems } from '../../../../shared/mail-templates.js'
import { settlePasswordResets } from '../../accounts/auth/auth.service.js'
import { PACKS } from './templates/index.js'

// Mail from templates per language (issue 6, point 12; decision 031): Meridian's own text in every
// language, an admin's version where one is saved, each person's mail in their own language.

describe('the default mail templates', () => {
  it.each(LANGUAGES)('are complete and well-formed in %s', (lang) => {
    for (const key of MAIL_TEMPLATE_KEYS) {
      const t = PACKS[lang].templates[key]
      expect(t, `${lang} ${key}`).toBeDefined()
      expect(templateProblems(key, t), `${lang} ${key}`).toEqual([])
    }
  })

  it('use the same placeholders in every language as in English', () => {
    const used = (s: string) => [...new Set(s.match(/\{\{\w+\}\}/g) ?? [])].sort()
    for (const lang of LANGUAGES)
      for (const key of MAIL_TEMPLATE_KEYS) {
        const en = PACKS.en.templates[key]
        const t = PACKS[lang].templates[key]
        expect(used(t.subject + t.text), `${lang} ${key}`).toEqual(used(en.subject + en.text))
      }
  })
})

describe.each(TEST_DB_KINDS)('mail templates on %s', (kind) => {
  let t: TestApp
  let admin: Credentials
  let officer: Credentials
  const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(t)(...args)
  const url = '/api/admin/mail-templates/passwordReset/ru'
  const resetMailTo = async (email: string) => {
    t.mail.sent.length = 0
    expect((await call(null, 'POST', '/api/auth/password-reset', { email })).statusCode).toBe(202)
    await settlePasswordResets() // the request is answered before its work (decision 036)
    expect(t.mail.sent).toHaveLength(1)
    return t.mail.sent[0]!
  }

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    admin = await signInAs(t, 'admin')
    officer = await signInAs(t, 'officer')
  })
  afterAll(() => t?.close())

  it('lists every template, and shows one with its default, to admins only', async () => {
    const list = json(await call(admin, 'GET', '/api/admin/mail-templates'))
    expect(list.map((x: { key: string }) => x.key)).toEqual(MAIL_TEMPLATE_KEYS)
    const one = json(await call(admin, 'GET', url))
    expect(one).toMatchObject({
      key: 'passwordReset',
      locale: 'ru',
      customised: false,
      subject: PACKS.ru.templates.passwordReset.subject,
    })
    expect(one.standard).toEqual(PACKS.ru.templates.passwordReset)
    for (const [method, body] of [
      ['GET', undefined],
      ['PUT', { subject: 'x', text: '{{link}}' }],
      ['DELETE', undefined],
    ] as const)
      expect((await call(officer, method, url, body)).statusCode).toBe(403)
    expect((await call(null, 'GET', '/api/admin/mail-templates')).statusCode).toBe(401)
    expect((await call(admin, 'GET', '/api/admin/mail-templates/nothing/ru')).statusCode).toBe(400)
    expect((await call(admin, 'GET', '/api/admin/mail-templates/passwordReset/de')).statusCode).toBe(400)
  })

  it('refuses a template with unknown or open placeholders, a second line in the subject, or no link, changing nothing', async () => {
    const before = await countAudit(t)
    const cases: [object, string, string][] = [
      [{ subject: 'Пароль {{nom}}', text: '{{link}}' }, 'body.subject', '{{nom}}'],
      [{ subject: 'Пароль', text: 'Ссылка: {{link}} {{token}}' }, 'body.text', '{{token}}'],
      [{ subject: 'Пароль', text: 'Ссылка: {{link}} {{name' }, 'body.text', 'not closed'],
      [{ subject: 'Пароль\nBcc: x@example.test', text: '{{link}}' }, 'body.subject', 'one line'],
      [{ subject: 'Пароль', text: 'Без ссылки, {{name}}' }, 'body.text', '{{link}}'],
      [{ subject: ' ', text: '{{link}}' }, 'body.subject', 'empty'],
    ]
    for (const [body, path, words] of cases) {
      const res = await call(admin, 'PUT', url, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      const error = json(res).errors.find((e: { path: string }) => e.path === path)
      expect(error?.message, JSON.stringify(body)).toContain(words)
    }
    expect((await call(admin, 'PUT', url, { subject: 'x', text: '{{link}}', extra: 1 })).statusCode).toBe(400)
    expect(await countAudit(t)).toBe(before)
    expect(json(await call(admin, 'GET', url)).customised).toBe(false)
  })

  it("writes each person's mail in their language, from the admin's version there, until it is reset", async () => {
    const student = `student@${DEMO_DOMAIN}`
    await t.db.updateTable('users').set({ locale: 'ru' }).where('email', '=', student).execute()
    // Meridian's own Russian text first.
    expect((await resetMailTo(student)).subject).toBe(PACKS.ru.templates.passwordReset.subject)

    const mine = { subject: 'Новый пароль для {{name}}', text: 'Здравствуйте!\nСсылка на {{minutes}} минут: {{link}}' }
    const saved = json(await call(admin, 'PUT', url, mine))
    expect(saved).toMatchObject({ ...mine, customised: true, updatedBy: expect.any(String) })
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'before', 'after'])
      .where('entity_type', '=', 'mail_template')
      .where('entity_id', '=', 'passwordReset/ru')
      .execute()
    expect(audit).toEqual([{ action: 'update', before: PACKS.ru.templates.passwordReset, after: mine }])

    const mail = await resetMailTo(student)
    const name = (await t.db.selectFrom('users').select('name').where('email', '=', student).executeTakeFirstOrThrow()).name
    expect(mail.subject).toBe(`Новый пароль для ${name}`)
    expect(mail.text).toMatch(/^Здравствуйте!\nСсылка на 60 минут: http\S+\/reset-password#token=\S+$/)
    // Someone reading English still gets Meridian's English text.
    expect((await resetMailTo(`admin@${DEMO_DOMAIN}`)).subject).toBe(PACKS.en.templates.passwordReset.subject)

    const back = json(await call(admin, 'DELETE', url))
    expect(back).toMatchObject({ customised: false, ...PACKS.ru.templates.passwordReset })
    expect((await resetMailTo(student)).subject).toBe(PACKS.ru.templates.passwordReset.subject)
    const reset = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'mail_template')
      .orderBy('occurred_at')
      .execute()
    expect(reset.map((a) => a.action)).toEqual(['update', 'reset'])
    // A second reset has nothing to undo and records nothing.
    expect((await call(admin, 'DELETE', url)).statusCode).toBe(200)
    expect(await t.db.selectFrom('audit_events').select('id').where('entity_type', '=', 'mail_template').execute()).toHaveLength(
      2,
    )
  })
})
