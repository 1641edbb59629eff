import type { ChecklistItem } from '../../../../../shared/checklist.js'
import type { MailTemplateKey, MailText } from '../../../../../shared/mail-templates.js'
import type { Role } from '../../../../../shared/roles.js'
import type { TaskKind } from '../../digest/tasks.repository.js'

/** One language's default mail: every template, and the words that go into placeholders. */
export interface MailLanguagePack {
  templates: Record<MailTemplateKey, MailText>
  /** Checklist items as they read inside a sentence. */
  items: Record<ChecklistItem, string>
  /** The digest's headings, followed by ": <count>". */
  tasks: Record<TaskKind, string>
  /** The digest's last line of a kind with more than it lists; {{count}} is how many more. */
  more: string
  roles: Record<Role, string>
}
