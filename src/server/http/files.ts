import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from './errors.js'

// Files in and out of the API: an upload is the raw request body with the file's own content
// type (the server then checks the bytes); a download is an attachment no cache keeps.

/** The uploaded file and the type its sender claims for it. */
export function uploadedFile(request: FastifyRequest): { mime: string; content: Buffer } {
  if (!Buffer.isBuffer(request.body)) throw AppError.validation('body', 'must be the file itself, sent with its content type')
  return { mime: (request.headers['content-type'] ?? '').split(';')[0]!.trim(), content: request.body }
}

/**
 * The one way an uploaded file's name is kept: its last path part only, in NFC, without control or
 * format characters (bidi overrides such as U+202E, zero-width marks) or characters file systems
 * refuse, no leading dots, at most 150 characters, and ending in the extension of the type its
 * bytes were found to be — so "scan\u202efdp.exe" sent as a PDF is kept as "scanfdp.pdf".
 */
export function cleanFileName(name: string, extension: string, fallback: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}"<>|:*?]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 150)
  const stem = base.replace(/\.[\p{L}\p{N}]{1,8}$/u, '').replace(/[.\s]+$/, '') || fallback
  return `${stem}.${extension}`
}

/** Sends a stored file as a download, its name kept in UTF-8 with a plain fallback. */
export function sendAttachment(reply: FastifyReply, file: { fileName: string; mime: string; content: Buffer }) {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')
  return reply
    .type(file.mime)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.content)
}
