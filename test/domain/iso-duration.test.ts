import { describe, expect, it } from 'vitest'
import { addIsoDuration, isIsoDuration, subtractIsoDuration } from '../../src/domain/iso-duration.js'

const start = new Date('2024-01-31T10:00:00.000Z')

describe('ISO 8601 durations', () => {
  it.each(['P3D', 'PT4H', 'P1Y2M', 'P2W', 'P1DT12H30M5S', 'PT0S'])('accepts %s', (text) => {
    expect(isIsoDuration(text)).toBe(true)
  })

  it.each(['', 'P', 'PT', '3D', 'P1.5D', 'P-1D', 'PT4', 'p3d', 'P1H'])('refuses %j', (text) => {
    expect(isIsoDuration(text)).toBe(false)
    expect(addIsoDuration(start, text)).toBeUndefined()
  })

  it.each([
    ['PT4H', '2024-01-31T14:00:00.000Z'],
    ['P3D', '2024-02-03T10:00:00.000Z'],
    ['P2W', '2024-02-14T10:00:00.000Z'],
    ['P1M', '2024-03-02T10:00:00.000Z'],
    ['P1Y', '2025-01-31T10:00:00.000Z'],
    ['P1DT1H1M1S', '2024-02-01T11:01:01.000Z']
  ])('adds %s to 2024-01-31T10:00Z', (duration, expected) => {
    expect(addIsoDuration(start, duration)?.toISOString()).toBe(expected)
  })
})

describe('ISO 8601 durations counted back', () => {
  it.each([
    ['PT4H', '2024-01-31T06:00:00.000Z'],
    ['P7D', '2024-01-24T10:00:00.000Z'],
    ['P1M', '2023-12-31T10:00:00.000Z'],
    ['P1Y', '2023-01-31T10:00:00.000Z']
  ])('subtracts %s from 2024-01-31T10:00Z', (duration, expected) => {
    expect(subtractIsoDuration(start, duration)?.toISOString()).toBe(expected)
  })

  it('refuses what is not a duration', () => {
    expect(subtractIsoDuration(start, '7d')).toBeUndefined()
  })
})
