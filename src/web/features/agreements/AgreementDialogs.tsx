import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconPlus } from '@tabler/icons-react'
import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { RemoveRowButton } from '../../components/FormRows'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { useSubmit } from '../../lib/useSubmit'
import type { AgreementDetail } from '../partners/types'

// The dialogs of the agreement page: terminate with a reason, renew, record signatories.

export function TerminateModal({ onClose, onDone }: { onClose: () => void; onDone: (reason: string) => Promise<void> }) {
  const { t } = useTranslation()
  const form = useForm({ initialValues: { reason: '' } })
  const { onSubmit, busy, error } = useSubmit(form, async (v) => {
    await onDone(v.reason)
    onClose()
  })
  return (
    <Modal opened onClose={onClose} title={t('agreements.terminateTitle')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <ProblemAlert error={error} />
          <Textarea
            label={t('agreements.reason')}
            required
            data-autofocus
            autosize
            minRows={3}
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={busy}>
              {t('agreements.actions.terminate')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

export function RenewModal({ agreement, onClose }: { agreement: AgreementDetail; onClose: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const form = useForm({ initialValues: { startDate: '', endDate: '' } })
  const { onSubmit, busy, error } = useSubmit(form, async (v) => {
    const body = { ...(v.startDate ? { startDate: v.startDate } : {}), ...(v.endDate ? { endDate: v.endDate } : {}) }
    const created = await api<AgreementDetail>(`/api/agreements/${agreement.id}/renewal`, { method: 'POST', body })
    await queryClient.invalidateQueries({ queryKey: ['agreements'] })
    await queryClient.invalidateQueries({ queryKey: ['agreement', agreement.id] })
    notifications.show({ color: 'green', message: t('agreements.renewed', { reference: created.reference }) })
    onClose()
    await navigate({ to: '/agreements/$id', params: { id: created.id } })
  })
  return (
    <Modal opened onClose={onClose} title={t('agreements.renewTitle', { reference: agreement.reference })}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Text size="sm">{t('agreements.renewHint')}</Text>
          <ProblemAlert error={error} />
          <TextInput type="date" label={t('agreements.start')} {...form.getInputProps('startDate')} />
          <TextInput type="date" label={t('agreements.end')} {...form.getInputProps('endDate')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('agreements.actions.renew')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

export function SignatoriesModal({
  agreement,
  onClose,
  onSaved,
}: {
  agreement: AgreementDetail
  onClose: () => void
  onSaved: () => Promise<void>
}) {
  const { t } = useTranslation()
  const form = useForm({
    initialValues: {
      signatories: agreement.signatories.length
        ? agreement.signatories.map((s) => ({
            institutionId: s.institutionId,
            name: s.name,
            position: s.position ?? '',
            signedOn: s.signedOn ?? '',
          }))
        : agreement.parties.map((p) => ({ institutionId: p.institutionId, name: '', position: '', signedOn: '' })),
    },
  })
  const { onSubmit, busy, error } = useSubmit(form, async (v) => {
    await api(`/api/agreements/${agreement.id}/signatories`, {
      method: 'PUT',
      body: {
        signatories: v.signatories.map((s) => ({
          institutionId: s.institutionId,
          name: s.name,
          position: s.position || null,
          signedOn: s.signedOn || null,
        })),
      },
    })
    await onSaved()
    onClose()
  })
  return (
    <Modal opened onClose={onClose} title={t('agreements.signatories')} size="xl">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <ProblemAlert error={error} />
          {form.values.signatories.map((_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
            <Group key={i} align="end" wrap="wrap">
              <Select
                label={t('agreements.forParty')}
                w={230}
                allowDeselect={false}
                data={agreement.parties.map((p) => ({ value: p.institutionId, label: p.name }))}
                {...form.getInputProps(`signatories.${i}.institutionId`)}
              />
              <TextInput
                label={t('agreements.signatoryName')}
                required
                w={190}
                {...form.getInputProps(`signatories.${i}.name`)}
              />
              <TextInput label={t('agreements.position')} w={150} {...form.getInputProps(`signatories.${i}.position`)} />
              <TextInput
                type="date"
                label={t('agreements.signedOn')}
                w={150}
                {...form.getInputProps(`signatories.${i}.signedOn`)}
              />
              <RemoveRowButton label={t('agreements.removeRow')} onClick={() => form.removeListItem('signatories', i)} />
            </Group>
          ))}
          <Button
            variant="light"
            w="fit-content"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() =>
              form.insertListItem('signatories', {
                institutionId: agreement.parties[0]!.institutionId,
                name: '',
                position: '',
                signedOn: '',
              })
            }
          >
            {t('agreements.addSignatory')}
          </Button>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
