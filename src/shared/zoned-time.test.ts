import { describe, expect, it } from 'vitest'
import { fromZoned, isTimeZone, offsetLabel, toZoned } from './zoned-time.js'

describe('zoned time', () => {
  it('reads a wall-clock time in a zone as the right instant, both ways', () => {
    expect(fromZoned('2027-01-15T09:00', 'Europe/Lisbon').toISOString()).toBe('2027-01-15T09:00:00.000Z')
    expect(fromZoned('2027-07-15T09:00', 'Europe/Lisbon').toISOString()).toBe('2027-07-15T08:00:00.000Z')
    expect(fromZoned('2027-01-15T09:00', 'Asia/Seoul').toISOString()).toBe('2027-01-15T00:00:00.000Z')
    expect(fromZoned('2027-01-15T09:00', 'America/Sao_Paulo').toISOString()).toBe('2027-01-15T12:00:00.000Z')
    expect(fromZoned('2027-01-15T09:00', 'Asia/Kolkata').toISOString()).toBe('2027-01-15T03:30:00.000Z')
    expect(toZoned(new Date('2027-07-15T08:00:00Z'), 'Europe/Lisbon')).toBe('2027-07-15T09:00')
    expect(toZoned(new Date('2027-01-14T23:59:00Z'), 'Asia/Seoul')).toBe('2027-01-15T08:59')
  })

  it('puts a skipped time just after the gap and a repeated time at its first occurrence', () => {
    // Lisbon springs forward at 01:00 on 28 March 2027: 01:30 never shows.
    expect(fromZoned('2027-03-28T01:30', 'Europe/Lisbon').toISOString()).toBe('2027-03-28T01:30:00.000Z')
    // and falls back at 02:00 on 31 October 2027: 01:30 shows twice.
    expect(fromZoned('2027-10-31T01:30', 'Europe/Lisbon').toISOString()).toBe('2027-10-31T00:30:00.000Z')
    expect(fromZoned('2027-03-14T02:30', 'America/New_York').toISOString()).toBe('2027-03-14T07:30:00.000Z')
  })

  it('knows zones and labels offsets', () => {
    expect(isTimeZone('Europe/Lisbon')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
    expect(isTimeZone('')).toBe(false)
    expect(offsetLabel(new Date('2027-07-01T00:00:00Z'), 'Europe/Lisbon')).toBe('UTC+01:00')
    expect(offsetLabel(new Date('2027-07-01T00:00:00Z'), 'America/Sao_Paulo')).toBe('UTC−03:00')
    expect(() => fromZoned('2027-02-30T09:00', 'UTC')).toThrow(RangeError)
    expect(() => fromZoned('tomorrow', 'UTC')).toThrow(RangeError)
  })
})
