import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { type APIRequestContext, expect, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'meridian-demo'
export const demoEmail = (role: string) => `${role}@demo.meridian.test`

/** The CSRF token of the page's session, for API calls made beside the browser. */
export async function csrfOf(page: Page): Promise<string> {
  return page.evaluate(async () => (await (await fetch('/api/session')).json()).csrfToken)
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/sign-in')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByTestId('user-menu')).toBeVisible()
}

function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(Number.parseInt(hex, 16)))
}

/** Waits for the job queue to deliver a message to someone whose subject matches, and returns the newest such. */
export async function waitForMail(to: string, subject: RegExp): Promise<{ subject: string; body: string; link: string | null }> {
  const dir = path.join(process.env.E2E_DATA_DIR!, 'mail-outbox')
  let found: { subject: string; body: string; link: string | null } | null = null
  await expect
    .poll(
      () => {
        let files: string[] = []
        try {
          files = readdirSync(dir).sort().reverse()
        } catch {
          return false
        }
        for (const file of files) {
          const raw = readFileSync(path.join(dir, file), 'utf8')
          const [head = '', ...rest] = raw.split(/\r?\n\r?\n/)
          const mailSubject = /^Subject: (.*)$/m.exec(head)?.[1] ?? ''
          if (!new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(head) || !subject.test(mailSubject)) continue
          const body = decodeQuotedPrintable(rest.join('\n\n'))
          found = { subject: mailSubject, body, link: /(https?:\/\/\S+#token=[\w-]+)/.exec(body)?.[1] ?? null }
          return true
        }
        return false
      },
      { timeout: 20_000, message: `mail to ${to} about ${subject}` },
    )
    .toBe(true)
  return found!
}

/** Picks an option of a Mantine select by typing part of it. */
export async function choose(page: Page, label: string | RegExp, text: string, option: string | RegExp = text) {
  const input = page
    .getByRole('textbox', { name: label })
    .or(page.getByLabel(label, { exact: true }))
    .first()
  await input.click()
  await input.fill(text)
  await page.getByRole('option', { name: option }).first().click()
}

export const isoDate = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

/** The admin invites someone, who joins through the e-mailed link and lands on their home page. */
export async function invite(
  admin: Page,
  invitee: Page,
  who: { email: string; name: string; role: string; institutionId?: string },
  password = 'joining meridian 2027',
) {
  const invited = await admin.request.post('/api/invitations', { headers: { 'x-csrf-token': await csrfOf(admin) }, data: who })
  expect(invited.status(), await invited.text()).toBe(201)
  const invitation = await waitForMail(who.email, /invited/)
  await invitee.goto(invitation.link!)
  await invitee.getByLabel('Password').fill(password)
  await invitee.getByRole('button', { name: 'Create my account' }).click()
  await expect(invitee.getByRole('heading', { name: `Welcome, ${who.name}` })).toBeVisible()
}

/** A wall-clock time in UTC as the call form takes it (YYYY-MM-DDTHH:mm), whole minutes from now. */
/** The server's time, which the journeys move forward (`advanceClock`): calls are dated from it, not from this machine's. */
export async function serverNow(request: APIRequestContext): Promise<number> {
  return Date.parse((await (await request.get('/api/health')).json()).time)
}

/** A wall-clock time in UTC as the call form takes it, whole minutes after the server's now. */
export async function minutesFromNow(request: APIRequestContext, minutes: number): Promise<string> {
  return new Date((await serverNow(request)) + minutes * 60_000).toISOString().slice(0, 16)
}

/** Moves the server's clock forward (the app runs with MOVABLE_CLOCK=true here): a call closes without waiting. */
export async function advanceClock(officer: Page, minutes: number): Promise<void> {
  const moved = await officer.request.post('/api/test/clock', {
    headers: { 'x-csrf-token': await csrfOf(officer) },
    data: { advanceMinutes: minutes },
  })
  expect(moved.status(), await moved.text()).toBe(200)
}

/** A published call opened an hour ago, asking for a transcript, offering one place in one opportunity: its id. */
export async function publishCall(
  officer: Page,
  call: { title: string; audience: string; opportunityId: string; closesInMinutes: number },
): Promise<string> {
  const csrf = await csrfOf(officer)
  const created = await officer.request.post('/api/calls', {
    headers: { 'x-csrf-token': csrf },
    data: {
      title: { en: call.title },
      academicYear: '2027/2028',
      audience: call.audience,
      opensAt: await minutesFromNow(officer.request, -60),
      closesAt: await minutesFromNow(officer.request, call.closesInMinutes),
      timeZone: 'UTC',
      maxChoices: 1,
      requiredDocuments: ['transcript'],
      criteria: [{ key: 'fit', label: 'Fit for the place', weight: 100 }],
      offers: [{ opportunityId: call.opportunityId, places: 1 }],
    },
  })
  expect(created.status(), await created.text()).toBe(201)
  const callId = (await created.json()).id as string
  const published = await officer.request.post(`/api/calls/${callId}/status`, {
    headers: { 'x-csrf-token': csrf },
    data: { status: 'published' },
  })
  expect(published.status(), await published.text()).toBe(200)
  return callId
}
