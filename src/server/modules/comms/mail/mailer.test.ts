import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createMailer } from './mailer.js'

describe('the mail outbox without SMTP', () => {
  it('writes each message as an .eml file that carries its attachments', async () => {
    const outboxDir = mkdtempSync(path.join(tmpdir(), 'meridian-outbox-'))
    const mailer = createMailer({ from: 'Meridian <office@example.test>', outboxDir })
    const pdf = Buffer.from('%PDF-1.4\n% a letter\n')
    await mailer.send({
      to: 'coordinator@host.example.test',
      subject: 'Nomination: Ana Silva to Tropical medicine',
      text: 'The nomination letter is attached.',
      attachments: [
        { filename: 'Nomination letter - Ana Silva.pdf', contentType: 'application/pdf', content: pdf.toString('base64') },
      ],
    })
    const [file] = readdirSync(outboxDir)
    const eml = readFileSync(path.join(outboxDir, file!), 'utf8')
    expect(eml).toMatch(/^Content-Type: multipart\/mixed/m)
    expect(eml).toMatch(/^Content-Type: application\/pdf; name="Nomination letter - Ana Silva.pdf"/m)
    expect(eml).toMatch(/^Content-Disposition: attachment/m)
    expect(eml).toContain(pdf.toString('base64'))
  })
})
