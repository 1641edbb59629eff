import { Group, Text } from '@mantine/core'
import { geoNaturalEarth1, geoPath } from 'd3-geo'
import { numericToAlpha2 } from 'i18n-iso-countries'
import { type ReactNode, useMemo, useState } from 'react'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import world from 'world-atlas/countries-110m.json'
import { countryName } from '../lib/format'

const WIDTH = 960
const HEIGHT = 500
/** Shades light to dark (colour-blind safe), for counts in classes. */
const SHADES = ['#e9ecef', '#c5dcf0', '#7fb2dd', '#3a7fc0', '#0b4a8b']
const NONE = '#f8f9fa'

export interface MapClass {
  min: number
  max: number
}

/** Classes 0, 1, 2–3, 4–9, 10+ for small counts. */
export const DEFAULT_CLASSES: MapClass[] = [
  { min: 0, max: 0 },
  { min: 1, max: 1 },
  { min: 2, max: 3 },
  { min: 4, max: 9 },
  { min: 10, max: Number.POSITIVE_INFINITY },
]

let shapesCache: { code: string | null; d: string; name: string }[] | null = null
function shapes() {
  if (!shapesCache) {
    const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>
    const countries = feature(topo, topo.objects.countries)
    const path = geoPath(geoNaturalEarth1().fitSize([WIDTH, HEIGHT], countries))
    shapesCache = countries.features.map((f) => ({
      code: numericToAlpha2(String(f.id)) ?? null,
      d: path(f) ?? '',
      name: f.properties.name,
    }))
  }
  return shapesCache
}

/**
 * A world map drawn offline from world-atlas, countries shaded by a count. Countries with a
 * count are links (click or Enter); the others are hidden from screen readers, which get the
 * page's table instead.
 */
export function WorldMap(props: {
  label: string
  /** Counts by ISO 3166 alpha-2 code; a country absent from the map has none at all. */
  counts: Map<string, number>
  describe: (code: string, count: number) => string
  onOpen: (code: string) => void
  legendLabel: string
  noneLabel: string
  selected?: string[]
  classes?: MapClass[]
  footer?: ReactNode
}) {
  const { counts, describe, onOpen, selected = [], classes = DEFAULT_CLASSES } = props
  const [hover, setHover] = useState<string | null>(null)
  const drawn = useMemo(shapes, [])
  const shadeOf = (n: number) =>
    SHADES[
      Math.min(
        classes.findIndex((c) => n >= c.min && n <= c.max),
        SHADES.length - 1,
      )
    ]!
  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a fieldset; the group names the map's country links */}
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="group" aria-label={props.label} style={{ display: 'block' }}>
        <title>{props.label}</title>
        {drawn.map((s, i) => {
          const n = s.code ? counts.get(s.code) : undefined
          const strong = s.code !== null && (hover === s.code || selected.includes(s.code))
          return (
            <path
              // biome-ignore lint/suspicious/noArrayIndexKey: some shapes share no code
              key={i}
              d={s.d}
              fill={n === undefined ? NONE : shadeOf(n)}
              stroke={strong ? '#1a1b1e' : '#adb5bd'}
              strokeWidth={strong ? 1.4 : 0.4}
              data-country={s.code ?? undefined}
              {...(n !== undefined && s.code
                ? {
                    role: 'link',
                    tabIndex: 0,
                    'aria-label': describe(s.code, n),
                    style: { cursor: 'pointer', outline: 'none' },
                    onMouseEnter: () => setHover(s.code),
                    onMouseLeave: () => setHover(null),
                    onFocus: () => setHover(s.code),
                    onBlur: () => setHover(null),
                    onClick: () => onOpen(s.code!),
                    onKeyDown: (e: React.KeyboardEvent) => (e.key === 'Enter' ? onOpen(s.code!) : undefined),
                  }
                : { 'aria-hidden': true })}
            >
              <title>{s.code && n !== undefined ? describe(s.code, n) : s.code ? countryName(s.code) : s.name}</title>
            </path>
          )
        })}
      </svg>
      <Group justify="space-between" mt="xs" wrap="wrap">
        <Group gap="md" aria-label={props.legendLabel}>
          <Text size="xs" fw={600}>
            {props.legendLabel}
          </Text>
          {classes.map((c, i) => (
            <Group key={c.min} gap={4}>
              <span
                style={{ display: 'inline-block', width: 14, height: 14, background: SHADES[i], border: '1px solid #adb5bd' }}
                aria-hidden
              />
              <Text size="xs">{c.max === c.min ? c.min : Number.isFinite(c.max) ? `${c.min}–${c.max}` : `${c.min}+`}</Text>
            </Group>
          ))}
          <Group gap={4}>
            <span
              style={{ display: 'inline-block', width: 14, height: 14, background: NONE, border: '1px solid #adb5bd' }}
              aria-hidden
            />
            <Text size="xs">{props.noneLabel}</Text>
          </Group>
        </Group>
        <Text size="sm" aria-live="polite">
          {hover ? describe(hover, counts.get(hover) ?? 0) : ' '}
        </Text>
      </Group>
      {props.footer}
    </>
  )
}
