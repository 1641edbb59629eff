import {
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import { CEFR_LEVELS, EQF_LEVELS, ISCED_FIELDS, MOBILITY_TYPES, STAFF_MOBILITY } from '../../../shared/agreements'
import { RemoveRowButton } from '../../components/FormRows'
import type { Condition } from '../partners/types'
import type { AgreementFormValues } from './AgreementFormPage'
import { academicYears, LANGUAGE_CODES } from './AgreementFormPage'

/** One cooperation condition of an agreement (EWP IIA): who sends whom, for what, how many, in which years. */
export function ConditionCard({
  form,
  index: i,
  partyOptions,
  unitsOf,
}: {
  form: UseFormReturnType<AgreementFormValues>
  index: number
  partyOptions: { value: string; label: string }[]
  unitsOf: (institutionId: string | null) => { value: string; label: string }[]
}) {
  const { t } = useTranslation()
  const c = form.values.conditions[i]!
  const staff = STAFF_MOBILITY.includes(c.mobilityType)
  const path = `conditions.${i}`
  return (
    <Card withBorder aria-label={t('agreements.condition', { n: i + 1 })}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t('agreements.condition', { n: i + 1 })}
          </Title>
          <RemoveRowButton
            label={t('agreements.removeCondition', { n: i + 1 })}
            onClick={() => form.removeListItem('conditions', i)}
            mb={0}
          />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('agreements.mobilityType')}
            allowDeselect={false}
            data={MOBILITY_TYPES.map((m) => ({ value: m, label: t(`mobilityTypes.${m}`) }))}
            {...form.getInputProps(`${path}.mobilityType`)}
            onChange={(m) => {
              form.setFieldValue(`${path}.mobilityType`, m as Condition['mobilityType'])
              const toStaff = STAFF_MOBILITY.includes(m as Condition['mobilityType'])
              form.setFieldValue(`${path}.totalMonthsPerYear`, toStaff ? null : (c.totalMonthsPerYear ?? 5))
              form.setFieldValue(`${path}.totalDaysPerYear`, toStaff ? (c.totalDaysPerYear ?? 5) : null)
            }}
          />
          <Select
            label={t('agreements.sending')}
            allowDeselect={false}
            data={partyOptions}
            {...form.getInputProps(`${path}.sendingInstitutionId`)}
          />
          <Select
            label={t('agreements.receiving')}
            allowDeselect={false}
            data={partyOptions}
            {...form.getInputProps(`${path}.receivingInstitutionId`)}
          />
          {unitsOf(c.sendingInstitutionId).length ? (
            <Select
              label={t('agreements.sendingUnit')}
              clearable
              data={unitsOf(c.sendingInstitutionId)}
              {...form.getInputProps(`${path}.sendingUnitId`)}
            />
          ) : null}
          {unitsOf(c.receivingInstitutionId).length ? (
            <Select
              label={t('agreements.receivingUnit')}
              clearable
              data={unitsOf(c.receivingInstitutionId)}
              {...form.getInputProps(`${path}.receivingUnitId`)}
            />
          ) : null}
          <Select
            label={t('agreements.yearFrom')}
            allowDeselect={false}
            data={academicYears()}
            {...form.getInputProps(`${path}.academicYearFrom`)}
          />
          <Select
            label={t('agreements.yearTo')}
            allowDeselect={false}
            data={academicYears()}
            {...form.getInputProps(`${path}.academicYearTo`)}
          />
          <NumberInput
            label={t('agreements.mobilitiesPerYear')}
            min={0}
            allowDecimal={false}
            {...form.getInputProps(`${path}.mobilitiesPerYear`)}
          />
          {staff ? (
            <NumberInput
              label={t('agreements.daysPerYear')}
              min={0}
              allowDecimal={false}
              {...form.getInputProps(`${path}.totalDaysPerYear`)}
            />
          ) : (
            <NumberInput
              label={t('agreements.monthsPerYear')}
              min={0}
              decimalScale={1}
              {...form.getInputProps(`${path}.totalMonthsPerYear`)}
            />
          )}
          <MultiSelect
            label={t('agreements.eqf')}
            data={EQF_LEVELS.map((l) => ({ value: String(l), label: t(`eqf.${l}`) }))}
            value={c.eqfLevels.map(String)}
            onChange={(levels) => form.setFieldValue(`${path}.eqfLevels`, levels.map(Number))}
            error={form.errors[`${path}.eqfLevels`]}
          />
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('agreements.subjectAreas')}
          </Text>
          {c.subjectAreas.map((_, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
            <Group key={j} align="end">
              <Select
                aria-label={t('agreements.isced')}
                searchable
                w={300}
                data={Object.entries(ISCED_FIELDS).map(([code, name]) => ({ value: code, label: `${code} ${name}` }))}
                {...form.getInputProps(`${path}.subjectAreas.${j}.isced`)}
              />
              <TextInput
                aria-label={t('agreements.clarification')}
                placeholder={t('agreements.clarification')}
                w={260}
                {...form.getInputProps(`${path}.subjectAreas.${j}.clarification`)}
              />
              <RemoveRowButton
                label={t('agreements.removeRow')}
                onClick={() => form.removeListItem(`${path}.subjectAreas`, j)}
                size={14}
              />
            </Group>
          ))}
          <Button
            size="xs"
            variant="subtle"
            w="fit-content"
            onClick={() => form.insertListItem(`${path}.subjectAreas`, { isced: '', clarification: null })}
          >
            {t('agreements.addSubject')}
          </Button>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('agreements.languageSkills')}
          </Text>
          {c.languageSkills.map((_, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
            <Group key={j} align="end">
              <Select
                aria-label={t('agreements.language')}
                searchable
                w={220}
                data={LANGUAGE_CODES.map((l) => ({
                  value: l,
                  label: new Intl.DisplayNames([navigator.language], { type: 'language' }).of(l) ?? l,
                }))}
                {...form.getInputProps(`${path}.languageSkills.${j}.language`)}
              />
              <Select
                aria-label={t('agreements.cefr')}
                w={100}
                data={[...CEFR_LEVELS]}
                {...form.getInputProps(`${path}.languageSkills.${j}.cefr`)}
              />
              <RemoveRowButton
                label={t('agreements.removeRow')}
                onClick={() => form.removeListItem(`${path}.languageSkills`, j)}
                size={14}
              />
            </Group>
          ))}
          <Button
            size="xs"
            variant="subtle"
            w="fit-content"
            onClick={() => form.insertListItem(`${path}.languageSkills`, { language: 'en', cefr: 'B2', isced: null })}
          >
            {t('agreements.addLanguage')}
          </Button>
        </Stack>
        <Checkbox label={t('agreements.blended')} {...form.getInputProps(`${path}.blended`, { type: 'checkbox' })} />
        <Textarea
          label={t('agreements.otherTerms')}
          autosize
          minRows={1}
          {...form.getInputProps(`${path}.otherTerms`)}
          value={c.otherTerms ?? ''}
        />
      </Stack>
    </Card>
  )
}
