import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import nodemailer from 'nodemailer'

export interface MailMessage {
  to: string
  subject: string
  text: string
  html?: string
  /** Files sent with the message (a generated letter), base64 in the job's data. */
  attachments?: MailAttachment[]
}

export interface MailAttachment {
  filename: string
  contentType: string
  /** The file's bytes in base64. */
  content: string
}

/** The message as nodemailer takes it: attachments decoded from base64. */
function forNodemailer(message: MailMessage) {
  const { attachments, ...rest } = message
  return {
    ...rest,
    ...(attachments?.length ? { attachments: attachments.map((a) => ({ ...a, encoding: 'base64' })) } : {}),
  }
}

export interface Mailer {
  send(message: MailMessage): Promise<void>
  /** Where mail goes, for the start-up banner: an SMTP host or the outbox folder. */
  describe(): string
}

/** A real SMTP transport when SMTP_URL is set; otherwise each message is written as an .eml file. */
export function createMailer(options: { smtpUrl?: string; from: string; outboxDir: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl)
    const host = new URL(options.smtpUrl).host
    return {
      async send(message) {
        await transport.sendMail({ from: options.from, ...forNodemailer(message) })
      },
      describe: () => `SMTP ${host}`,
    }
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return {
    async send(message) {
      const info = await transport.sendMail({ from: options.from, ...forNodemailer(message) })
      mkdirSync(options.outboxDir, { recursive: true })
      const stamp = new Date().toISOString().replace(/[:.]/g, '-')
      const file = path.join(options.outboxDir, `${stamp}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`)
      writeFileSync(file, info.message as Buffer)
    },
    describe: () => `files in ${options.outboxDir}`,
  }
}
