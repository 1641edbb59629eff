import { describe, expect, it } from 'vitest'
import { academicYearOf, shiftAcademicYear } from './agreements.js'

describe('academic years', () => {
  it('start in September', () => {
    expect(academicYearOf('2026-08-31')).toBe('2025/2026')
    expect(academicYearOf('2026-09-01')).toBe('2026/2027')
    expect(academicYearOf('2026-11-23')).toBe('2026/2027')
    expect(shiftAcademicYear(academicYearOf('2026-11-23'), 1)).toBe('2027/2028')
  })
})
