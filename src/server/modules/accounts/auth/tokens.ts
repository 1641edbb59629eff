import { createHash, createHmac, randomBytes } from 'node:crypto'

/** A new secret token: 256 random bits, URL-safe. Only its hash is stored. */
export function newToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

/** A keyed hash of an e-mail, so attempt logs and rate limits never hold the address itself. */
export function emailFingerprint(secret: string, email: string): string {
  return createHmac('sha256', secret).update(email.trim().toLowerCase()).digest('base64url').slice(0, 22)
}
