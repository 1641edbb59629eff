import { ActionIcon, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  creditsOf,
  LA_DELETE_REASONS,
  LA_GROUPS,
  LA_INSERT_REASONS,
  type LaComponent,
  type LaGroup,
  type LaRemoved,
} from '../../../shared/learning-agreements'
import type { Version, View } from './types'

const newKey = () => `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

/** The open draft of a learning agreement: the period, tables A and B, and in a change proposal the approved components it removes, with reasons. */
export function DraftEditor({
  view,
  version,
  approved,
  busy,
  onSave,
}: {
  view: NonNullable<View['agreement']>
  version: Version
  approved: LaComponent[] | null
  busy: boolean
  onSave: (draft: { plannedStart: string; plannedEnd: string; components: LaComponent[]; removed: LaRemoved[] }) => void
}) {
  const { t } = useTranslation()
  const [start, setStart] = useState(view.plannedStart)
  const [end, setEnd] = useState(view.plannedEnd)
  const [components, setComponents] = useState(version.components)
  const [removed, setRemoved] = useState(version.removed)
  const approvedKeys = new Set((approved ?? []).map((c) => c.key))
  const update = (key: string, patch: Partial<LaComponent>) =>
    setComponents((cs) => cs.map((c) => (c.key === key ? { ...c, ...patch } : c)))
  const remove = (c: LaComponent) => {
    setComponents((cs) => cs.filter((x) => x.key !== c.key))
    if (approvedKeys.has(c.key)) setRemoved((rs) => [...rs, { key: c.key, reasonCode: null, reasonText: null }])
  }
  const restore = (key: string) => {
    setRemoved((rs) => rs.filter((r) => r.key !== key))
    setComponents((cs) => [...cs, approved!.find((c) => c.key === key)!])
  }
  const add = (group: LaGroup) =>
    setComponents((cs) => [
      ...cs,
      { key: newKey(), group, title: '', code: null, credits: 0, term: null, reasonCode: null, reasonText: null },
    ])
  const reasonOptions = (reasons: readonly string[]) =>
    [...reasons, 'properties-update'].map((r) => ({ value: r, label: t(`la.reasons.${r}`) }))
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput type="month" label={t('la.plannedStart')} value={start} onChange={(e) => setStart(e.currentTarget.value)} />
        <TextInput type="month" label={t('la.plannedEnd')} value={end} onChange={(e) => setEnd(e.currentTarget.value)} />
      </SimpleGrid>
      {LA_GROUPS.map((group) => (
        <Paper withBorder p="md" key={group}>
          <Title order={2} size="h4" mb="xs">
            {t(`la.groups.${group}`)}
          </Title>
          <Stack gap="xs">
            {components
              .filter((c) => c.group === group)
              .map((c, i) => {
                // Numbered as the European template numbers its rows: A1, A2, … and B1, B2, …
                const row = `${group === 'studied' ? 'A' : 'B'}${i + 1}`
                const label = (what: string) => `${t(`la.${what}`)} ${row}`
                const isNew = approved !== null && !approvedKeys.has(c.key)
                return (
                  <Paper key={c.key} withBorder p="xs" bg="var(--mantine-color-default-hover)">
                    <Group align="end" wrap="wrap" gap="xs">
                      <TextInput
                        w={110}
                        label={t('la.code')}
                        aria-label={label('code')}
                        value={c.code ?? ''}
                        onChange={(e) => update(c.key, { code: e.currentTarget.value || null })}
                      />
                      <TextInput
                        style={{ flex: 1, minWidth: 200 }}
                        label={t('la.componentTitle')}
                        aria-label={label('componentTitle')}
                        value={c.title}
                        onChange={(e) => update(c.key, { title: e.currentTarget.value })}
                      />
                      <TextInput
                        w={150}
                        label={t('la.term')}
                        aria-label={label('term')}
                        value={c.term ?? ''}
                        onChange={(e) => update(c.key, { term: e.currentTarget.value || null })}
                      />
                      <NumberInput
                        w={90}
                        label={t('la.credits')}
                        aria-label={label('credits')}
                        min={0}
                        max={60}
                        step={0.5}
                        decimalScale={1}
                        value={c.credits}
                        onChange={(v) => update(c.key, { credits: typeof v === 'number' ? v : 0 })}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('la.remove', { title: c.title || row })}
                        onClick={() => remove(c)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                    {isNew && group === 'studied' ? (
                      <Group mt="xs" gap="xs" align="end">
                        <Select
                          w={280}
                          label={t('la.whyAdded')}
                          aria-label={`${t('la.whyAdded')} ${row}`}
                          data={reasonOptions(LA_INSERT_REASONS)}
                          value={c.reasonCode}
                          onChange={(v) => update(c.key, { reasonCode: v as LaComponent['reasonCode'] })}
                          clearable
                        />
                        <TextInput
                          style={{ flex: 1 }}
                          label={t('la.reasonText')}
                          value={c.reasonText ?? ''}
                          onChange={(e) => update(c.key, { reasonText: e.currentTarget.value || null })}
                        />
                      </Group>
                    ) : null}
                  </Paper>
                )
              })}
            <Group justify="space-between">
              <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => add(group)}>
                {t(`la.add.${group}`)}
              </Button>
              <Text size="sm" fw={600}>
                {t('la.total', { credits: creditsOf(components, group) })}
              </Text>
            </Group>
          </Stack>
        </Paper>
      ))}
      {removed.length ? (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('la.removedTitle')}
          </Title>
          <Stack gap="xs">
            {removed.map((r, i) => {
              const c = approved?.find((x) => x.key === r.key)
              const patch = (p: Partial<LaRemoved>) => setRemoved((rs) => rs.map((x) => (x.key === r.key ? { ...x, ...p } : x)))
              return (
                <Group key={r.key} align="end" gap="xs">
                  <Text style={{ flex: 1 }} td="line-through">
                    {c?.title}
                  </Text>
                  {c?.group === 'studied' ? (
                    <Select
                      w={280}
                      label={t('la.whyRemoved')}
                      aria-label={`${t('la.whyRemoved')} ${i + 1}`}
                      data={reasonOptions(LA_DELETE_REASONS)}
                      value={r.reasonCode}
                      onChange={(v) => patch({ reasonCode: v as LaRemoved['reasonCode'] })}
                      clearable
                    />
                  ) : null}
                  <TextInput
                    label={t('la.reasonText')}
                    value={r.reasonText ?? ''}
                    onChange={(e) => patch({ reasonText: e.currentTarget.value || null })}
                  />
                  <Button variant="subtle" size="xs" onClick={() => restore(r.key)}>
                    {t('la.keep')}
                  </Button>
                </Group>
              )
            })}
          </Stack>
        </Paper>
      ) : null}
      <Group>
        <Button loading={busy} onClick={() => onSave({ plannedStart: start, plannedEnd: end, components, removed })}>
          {t('la.save')}
        </Button>
      </Group>
    </Stack>
  )
}
