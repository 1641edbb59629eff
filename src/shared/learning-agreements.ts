// The learning agreement of an outgoing mobility (issue 6), modelled on EWP omobility-las: the
// components the student will take at the host (table A) and those the home institution will
// recognise for them (table B), in versions that the student, the sending coordinator and the
// receiving coordinator sign. The first approved version is the one "before the mobility"; each
// later one is a change proposal whose inserted and deleted components carry EWP's reasons.

export const LA_GROUPS = ['studied', 'recognised'] as const
export type LaGroup = (typeof LA_GROUPS)[number]

/** EWP's reasons for a change to the components studied: some for deletions, some for insertions, one for both. */
export const LA_DELETE_REASONS = ['not-available', 'language-mismatch', 'timetable-conflict'] as const
export const LA_INSERT_REASONS = ['substituting-deleted', 'extending-mobility', 'adding-virtual-component'] as const
export const LA_REASONS = [...LA_DELETE_REASONS, ...LA_INSERT_REASONS, 'properties-update'] as const
export type LaReason = (typeof LA_REASONS)[number]

export const LA_PARTIES = ['student', 'sending', 'receiving'] as const
export type LaParty = (typeof LA_PARTIES)[number]

/** draft (the student edits) → proposed (signed by the student) → approved (all three signed) | rejected (with a comment). */
export const LA_STATUSES = ['draft', 'proposed', 'approved', 'rejected'] as const
export type LaStatus = (typeof LA_STATUSES)[number]

export interface LaComponent {
  /** Stays the same from version to version, so that a change proposal can say what it inserts and deletes. */
  key: string
  group: LaGroup
  title: string
  code: string | null
  /** ECTS credits. */
  credits: number
  /** The academic term, as the owning institution names it ("Spring 2027"). */
  term: string | null
  /** Why this component is inserted by a change proposal. */
  reasonCode: LaReason | null
  reasonText: string | null
}

export interface LaRemoved {
  key: string
  reasonCode: LaReason | null
  reasonText: string | null
}

export const LA_MAX_COMPONENTS = 40
export const LA_MAX_CREDITS = 60

/** Credits per group. */
export function creditsOf(components: readonly LaComponent[], group: LaGroup): number {
  return Math.round(components.filter((c) => c.group === group).reduce((sum, c) => sum + c.credits, 0) * 10) / 10
}

/**
 * What a version changes against the approved one before it: the components it inserts and the
 * ones it deletes (with the approved component's content). Nothing for a first version.
 */
export function changesOf(
  approved: readonly LaComponent[] | null,
  components: readonly LaComponent[],
  removed: readonly LaRemoved[],
) {
  if (!approved) return { inserted: [] as LaComponent[], deleted: [] as LaComponent[], updated: [] as LaComponent[] }
  const before = new Map(approved.map((c) => [c.key, c]))
  const inserted = components.filter((c) => !before.has(c.key))
  const deleted = removed.flatMap((r) => {
    const c = before.get(r.key)
    return c ? [{ ...c, reasonCode: r.reasonCode, reasonText: r.reasonText }] : []
  })
  // A component kept with other content: EWP writes it as a deletion and an insertion, "properties-update".
  const updated = components.filter((c) => {
    const b = before.get(c.key)
    return b && (b.group !== c.group || b.title !== c.title || b.code !== c.code || b.credits !== c.credits || b.term !== c.term)
  })
  return { inserted, deleted, updated }
}

/**
 * The problems of a version before it is proposed, as [field, message] pairs: each group has a
 * component; the removed ones are approved components not kept; every inserted or deleted
 * component studied gives a reason, and one that fits the change.
 */
export function versionProblems(
  approved: readonly LaComponent[] | null,
  components: readonly LaComponent[],
  removed: readonly LaRemoved[],
): [string, string][] {
  const problems: [string, string][] = []
  for (const group of LA_GROUPS) {
    if (!components.some((c) => c.group === group)) problems.push([`components`, `must list at least one component ${group}`])
  }
  const keys = new Set<string>()
  components.forEach((c, i) => {
    if (keys.has(c.key)) problems.push([`components.${i}.key`, 'is used twice'])
    keys.add(c.key)
  })
  const approvedKeys = new Set((approved ?? []).map((c) => c.key))
  removed.forEach((r, i) => {
    if (!approvedKeys.has(r.key)) problems.push([`removed.${i}.key`, 'is not a component of the approved version'])
    else if (keys.has(r.key)) problems.push([`removed.${i}.key`, 'is removed and kept at once'])
  })
  if (!approved) {
    if (removed.length) problems.push(['removed', 'must be empty in a first version'])
    return problems
  }
  for (const c of approved) {
    if (!keys.has(c.key) && !removed.some((r) => r.key === c.key)) {
      problems.push(['removed', `must say why "${c.title}" is no longer in the agreement`])
    }
  }
  const { inserted, deleted, updated } = changesOf(approved, components, removed)
  components.forEach((c, i) => {
    if (!inserted.includes(c) || c.group !== 'studied') return
    if (!c.reasonCode && !c.reasonText) problems.push([`components.${i}.reasonCode`, 'must say why the component is added'])
    if (c.reasonCode && (LA_DELETE_REASONS as readonly string[]).includes(c.reasonCode)) {
      problems.push([`components.${i}.reasonCode`, 'is a reason for removing a component, not adding one'])
    }
  })
  removed.forEach((r, i) => {
    if (deleted.find((d) => d.key === r.key)?.group !== 'studied') return
    if (!r.reasonCode && !r.reasonText) problems.push([`removed.${i}.reasonCode`, 'must say why the component is removed'])
    if (r.reasonCode && (LA_INSERT_REASONS as readonly string[]).includes(r.reasonCode)) {
      problems.push([`removed.${i}.reasonCode`, 'is a reason for adding a component, not removing one'])
    }
  })
  if (!inserted.length && !deleted.length && !updated.length)
    problems.push(['components', 'change nothing in the approved agreement'])
  return problems
}
