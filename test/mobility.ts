import { expect } from 'vitest'
import { addDays, todayUtc } from '../src/server/kernel/dates.js'
import { type Credentials, caller, json, publishDemoRound, sessionFor, signInAs, type TestApp } from './app.js'

// Fixtures of the mobility after allocation: an applicant accepted by the host, and a checklist
// before departure submitted and verified.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

/**
 * The first offered applicant of the demo's published round (with a host other than the demo
 * partner's institution) accepts, is nominated, and is accepted by a new coordinator of the host:
 * the application, the student, the next offered applicant, the host's coordinator and the demo
 * partner coordinator (an outsider to it).
 */
export async function acceptedByHost(t: TestApp, officer: Credentials, hostEmail: string) {
  const call = caller(t)
  const callId = await publishDemoRound(t, officer)
  const otherPartner = await signInAs(t, 'partner')
  const outsider = await t.db
    .selectFrom('users')
    .select('institution_id')
    .where('id', '=', otherPartner.userId)
    .executeTakeFirstOrThrow()
  const [first, second] = await t.db
    .selectFrom('applications as a')
    .innerJoin('opportunities as o', 'o.id', 'a.offered_opportunity_id')
    .select(['a.id', 'a.applicant_id', 'o.host_institution_id'])
    .where('a.call_id', '=', callId)
    .where('a.status', '=', 'offered')
    .where('o.host_institution_id', '!=', outsider.institution_id!)
    .orderBy('a.id')
    .execute()
  const id = first!.id
  const student = await sessionFor(t, first!.applicant_id)
  const someoneElse = await sessionFor(t, second!.applicant_id)
  const steps = [
    await call(student, 'POST', `/api/applications/${id}/answer`, { answer: 'accept' }),
    await call(officer, 'POST', `/api/applications/${id}/nominate`),
  ]
  const user = await t.db
    .insertInto('users')
    .values({ email: hostEmail, name: 'Host Coordinator', role: 'partner', institution_id: first!.host_institution_id })
    .returning('id')
    .executeTakeFirstOrThrow()
  const host = await sessionFor(t, user.id)
  steps.push(await call(host, 'POST', `/api/nominations/${id}/decision`, { decision: 'accept' }))
  for (const s of steps) if (s.statusCode !== 200) throw new Error(`bringing the demo applicant to the host: ${s.body}`)
  return { id, second: second!.id, student, someoneElse, host, otherPartner }
}

/** What a valid submission of each item records. */
export function sampleItem(item: string, today = todayUtc()) {
  const expiresOn = addDays(today, 200)
  const details: Record<string, object> = {
    insurance: { provider: 'Allianz Care', policyNumber: 'AC-778812' },
    immunisations: { doses: [{ vaccine: 'Hepatitis B', date: addDays(today, -400) }] },
    bls: { issuer: 'European Resuscitation Council' },
    acls: { issuer: 'American Heart Association' },
    background_check: { issuedOn: addDays(today, -20) },
    visa: { number: 'X1234567' },
    language_certificate: { language: 'pt', level: 'B2', issuer: 'CAPLE' },
    emergency_contact: { name: 'Dana Bekova', relationship: 'Mother', phone: '+7 701 555 0101', email: null },
    travel: { departOn: addDays(today, 10), returnOn: addDays(today, 150), note: null },
  }
  return { item, details: details[item]!, expiresOn: ['insurance', 'bls', 'acls', 'visa'].includes(item) ? expiresOn : null }
}

/** The student submits every item of the checklist with its proof, and the officer verifies each. */
export async function completeChecklist(t: TestApp, officer: Credentials, student: Credentials, id: string) {
  const call = caller(t)
  const path = `/api/applications/${id}/checklist`
  const { items } = json(await call(student, 'GET', path))
  for (const { item, needsProof } of items as { item: string; needsProof: boolean }[]) {
    if (needsProof) {
      const proof = await t.app.inject({
        method: 'POST',
        url: `${path}/${item}/proof?name=${item}.pdf`,
        headers: { ...student.headers, 'content-type': 'application/pdf' },
        payload: PDF,
      })
      expect(proof.statusCode, proof.body).toBe(200)
    }
    const submitted = await call(student, 'PUT', path, sampleItem(item))
    expect(submitted.statusCode, submitted.body).toBe(200)
    expect((await call(officer, 'POST', `${path}/${item}/verify`)).statusCode).toBe(200)
  }
  expect(json(await call(student, 'GET', path)).complete).toBe(true)
}

/** A new staff opportunity, offered with two places in a staff call open through June 2027: the ids of both. */
export async function staffCall(
  t: TestApp,
  officer: Credentials,
  opportunity: { kind: string; direction: 'incoming' | 'outgoing'; hostInstitutionId: string; title: string },
  callTitle: string,
) {
  const call = caller(t)
  const created = await call(officer, 'POST', '/api/opportunities', { ...opportunity, title: { en: opportunity.title } })
  if (created.statusCode !== 201) throw new Error(`creating the staff opportunity: ${created.body}`)
  const opportunityId = json(created).id as string
  const c = await call(officer, 'POST', '/api/calls', {
    title: { en: callTitle },
    academicYear: '2026/2027',
    audience: 'staff',
    opensAt: '2026-01-05T09:00',
    closesAt: '2027-06-30T17:00',
    timeZone: 'UTC',
    maxChoices: 1,
    requiredDocuments: [],
    criteria: [{ key: 'fit', label: 'Fit', weight: 100 }],
    offers: [{ opportunityId, places: 2 }],
  })
  if (c.statusCode !== 201) throw new Error(`creating the staff call: ${c.body}`)
  return { opportunityId, callId: json(c).id as string }
}
