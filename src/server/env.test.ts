import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EnvError, loadEnv } from './env.js'

const dir = () => mkdtempSync(path.join(tmpdir(), 'meridian-env-'))

describe('configuration', () => {
  it('has working defaults and keeps a generated session secret for the embedded case', () => {
    const DATA_DIR = dir()
    const a = loadEnv({ DATA_DIR })
    expect(a).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', publicUrl: 'http://localhost:3000', secureCookies: false })
    expect(a.sessionSecret.length).toBeGreaterThanOrEqual(32)
    expect(loadEnv({ DATA_DIR }).sessionSecret).toBe(a.sessionSecret)
  })

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ DOCUMENT_KEY: 'c2hvcnQ=' }, 'DOCUMENT_KEY'],
  ])('names the bad variable in %j', (vars, name) => {
    expect(() => loadEnv({ DATA_DIR: dir(), ...vars })).toThrow(EnvError)
    expect(() => loadEnv({ DATA_DIR: dir(), ...vars })).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}:`))
  })

  it('marks cookies Secure behind https', () => {
    expect(loadEnv({ DATA_DIR: dir(), PUBLIC_URL: 'https://meridian.example.edu/' }).secureCookies).toBe(true)
  })

  it('requires SESSION_SECRET for a production server database', () => {
    expect(() => loadEnv({ DATA_DIR: dir(), NODE_ENV: 'production', DATABASE_URL: 'postgres://h/db' })).toThrow(/SESSION_SECRET/)
  })

  it('keeps a generated document key beside the data, and requires one for a production server database', () => {
    const DATA_DIR = dir()
    const first = loadEnv({ DATA_DIR }).documentKey
    expect(first).toHaveLength(32)
    expect(loadEnv({ DATA_DIR }).documentKey.equals(first)).toBe(true)
    const given = Buffer.alloc(32, 7).toString('base64')
    expect(loadEnv({ DATA_DIR: dir(), DOCUMENT_KEY: given }).documentKey.equals(Buffer.alloc(32, 7))).toBe(true)
    expect(() =>
      loadEnv({ DATA_DIR: dir(), NODE_ENV: 'production', DATABASE_URL: 'postgres://h/db', SESSION_SECRET: 'x'.repeat(40) }),
    ).toThrow(/DOCUMENT_KEY: required/)
  })
})
