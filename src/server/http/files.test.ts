import { describe, expect, it } from 'vitest'
import { cleanFileName } from './files.js'

describe('uploaded file names', () => {
  it.each([
    ['scan\u202efdp.exe', 'pdf', 'scanfdp.pdf'],
    ['C:\\Users\\ana\\passport.PDF', 'pdf', 'passport.pdf'],
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['report.docx.exe', 'pdf', 'report.docx.pdf'],
    ['zero\u200bwidth\u2066isolate.png', 'png', 'zerowidthisolate.png'],
    ['...hidden', 'jpg', 'hidden.jpg'],
    ['Справка о прививках.pdf', 'pdf', 'Справка о прививках.pdf'],
    ['백신 기록.jpg', 'jpg', '백신 기록.jpg'],
    ['\u0000\u0007', 'pdf', 'passport.pdf'],
    ['name.with.dots.', 'pdf', 'name.with.dots.pdf'],
  ])('keeps %j as %s → %s', (name, extension, kept) => {
    expect(cleanFileName(name, extension, 'passport')).toBe(kept)
  })
})
