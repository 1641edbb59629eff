import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

// Encryption at rest of identity and health documents: AES-256-GCM with a fresh 96-bit nonce
// per file, stored as nonce | tag | ciphertext. The tag makes a changed file fail to open.

const IV = 12
const TAG = 16

export function seal(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(IV)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(plain), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body])
}

export function unseal(key: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV))
  decipher.setAuthTag(sealed.subarray(IV, IV + TAG))
  return Buffer.concat([decipher.update(sealed.subarray(IV + TAG)), decipher.final()])
}
