// An outgoing mobility after the host has accepted the student (issue 6): arrival, the host's
// transcript of records for the components studied (table A of the learning agreement), and the
// recognition at home of the components in table B.
import type { LaComponent } from './learning-agreements.js'

/** preparing (until arrival) → abroad (arrival confirmed) → returned (transcript received) → recognised (credits recognised at home). */
export const MOBILITY_STATUSES = ['preparing', 'abroad', 'returned', 'recognised'] as const
export type MobilityStatus = (typeof MOBILITY_STATUSES)[number]

/** The host's result for one component studied. */
export interface TranscriptResult {
  key: string
  /** The grade as the host writes it ("17/20", "A", "pass"). */
  grade: string
  /** ECTS credits obtained. */
  credits: number
  passed: boolean
}

/** The recognition at home of one component of table B. */
export interface RecognitionEntry {
  key: string
  recognised: boolean
  /** ECTS credits recognised: those of the component, or fewer with a note. */
  credits: number
  grade: string | null
  note: string | null
}

/**
 * What is wrong with a list of entries for a table of components, as [field, message] pairs:
 * every component has exactly one entry, and there is none for anything else.
 */
export function coverageProblems(field: string, components: readonly LaComponent[], entries: readonly { key: string }[]) {
  const problems: [string, string][] = []
  const keys = new Set(components.map((c) => c.key))
  const seen = new Set<string>()
  entries.forEach((e, i) => {
    if (!keys.has(e.key)) problems.push([`${field}.${i}.key`, 'is not a component of the approved learning agreement'])
    else if (seen.has(e.key)) problems.push([`${field}.${i}.key`, 'appears twice'])
    seen.add(e.key)
  })
  for (const c of components) if (!seen.has(c.key)) problems.push([field, `must include "${c.title}"`])
  return problems
}

/** A recognition's own problems: a component not recognised, or recognised for fewer credits, says why. */
export function recognitionProblems(components: readonly LaComponent[], entries: readonly RecognitionEntry[]) {
  const problems = coverageProblems('recognition', components, entries)
  const planned = new Map(components.map((c) => [c.key, c.credits]))
  entries.forEach((e, i) => {
    const credits = planned.get(e.key)
    if (credits === undefined) return
    if (!e.recognised && e.credits !== 0) problems.push([`recognition.${i}.credits`, 'must be 0 when it is not recognised'])
    if (e.credits > credits) problems.push([`recognition.${i}.credits`, `must be at most the ${credits} planned`])
    if ((!e.recognised || e.credits < credits) && !e.note)
      problems.push([`recognition.${i}.note`, 'must say why it is not recognised in full'])
  })
  return problems
}
