import type { LaComponent, LaRemoved } from '../../../shared/learning-agreements'

// The learning agreement as GET /api/applications/:id/learning-agreement gives it.

export interface Version {
  id: string
  number: number
  status: 'draft' | 'proposed' | 'approved' | 'rejected'
  kind: 'before_mobility' | 'changes'
  components: LaComponent[]
  removed: LaRemoved[]
  comment: string | null
  createdAt: string
  decidedAt: string | null
  signatures: { party: 'student' | 'sending' | 'receiving'; name: string; position: string; email: string; signedAt: string }[]
}

export interface View {
  canStart: boolean
  agreement: {
    id: string
    plannedStart: string
    plannedEnd: string
    student: { name: string; email: string }
    academicYear: string
    opportunityTitle: Record<string, string>
    sendingInstitution: string
    receivingInstitution: string
    versions: Version[]
    actions: {
      party: 'student' | 'sending' | 'receiving' | null
      edit: boolean
      sign: boolean
      reject: boolean
      newVersion: boolean
    }
  } | null
}
