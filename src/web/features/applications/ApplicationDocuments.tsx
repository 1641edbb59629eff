import { Anchor, Button, FileButton, Group, Stack, Table, Text } from '@mantine/core'
import { IconLock, IconUpload } from '@tabler/icons-react'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { DOCUMENT_MAX_BYTES } from '../../../shared/limits'
import { RemoveRowButton } from '../../components/FormRows'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api, uploadFile } from '../../lib/api'
import { useAction } from '../../lib/useAction'
import { DocumentDeletion } from './DocumentDeletion'
import type { Application } from './types'

const ACCEPT = 'application/pdf,image/png,image/jpeg,.docx'

/**
 * The documents a call asks for: what is there, and an upload (or replacement) for each while a
 * draft; afterwards its owner may ask the office to delete one, and the office deletes or keeps it.
 */
export function ApplicationDocuments({
  application,
  editable,
  viewer = 'other',
}: {
  application: Application
  editable: boolean
  /** Who reads it once it is no longer editable: the owner and the office see deletion requests. */
  viewer?: 'owner' | 'office' | 'other'
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const { run, busy, error, setError } = useAction()
  const kinds = [...new Set([...application.call.requiredDocuments, ...application.documents.map((d) => d.kind)])]
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['my-applications'] }),
      queryClient.invalidateQueries({ queryKey: ['application', application.id] }),
    ])

  const upload = (kind: string, file: File | null) => {
    if (!file) return
    if (file.size > DOCUMENT_MAX_BYTES) {
      setError(new Error(t('applications.tooLarge', { mb: DOCUMENT_MAX_BYTES / 1024 / 1024 })))
      return
    }
    return run(kind, async () => {
      await uploadFile(`/api/applications/${application.id}/documents?kind=${kind}&name=${encodeURIComponent(file.name)}`, file)
      await refresh()
    })
  }
  const remove = (id: string) =>
    run(`delete:${id}`, async () => {
      await api(`/api/documents/${id}`, { method: 'DELETE' })
      await refresh()
    })

  if (kinds.length === 0) return <Text size="sm">{t('applications.noDocuments')}</Text>
  return (
    <Stack gap="xs">
      <ProblemAlert error={error} />
      <Table withTableBorder>
        <Table.Tbody>
          {kinds.map((kind) => {
            const doc = application.documents.find((d) => d.kind === kind)
            return (
              <Table.Tr key={kind}>
                <Table.Td w="35%">
                  <Text size="sm" fw={500}>
                    {t(`calls.documents.${kind}`)}
                    {(application.call.requiredDocuments as readonly string[]).includes(kind) ? ' *' : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {doc ? (
                    <Group gap={6}>
                      {doc.special ? <IconLock size={14} aria-label={t('applications.protected')} /> : null}
                      <Anchor href={`/api/documents/${doc.id}`} size="sm">
                        {doc.fileName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {Math.ceil(doc.size / 1024)} KB
                      </Text>
                    </Group>
                  ) : (
                    <Text size="sm" c={editable ? 'orange.8' : 'dimmed'}>
                      {t('applications.notUploaded')}
                    </Text>
                  )}
                </Table.Td>
                {editable ? (
                  <Table.Td w={1} style={{ whiteSpace: 'nowrap' }}>
                    <Group gap={4} wrap="nowrap">
                      <FileButton onChange={(f) => void upload(kind, f)} accept={ACCEPT}>
                        {(props) => (
                          <Button
                            {...props}
                            size="xs"
                            variant="light"
                            loading={busy === kind}
                            leftSection={<IconUpload size={14} aria-hidden />}
                            aria-label={t('applications.uploadKind', { kind: t(`calls.documents.${kind}`) })}
                          >
                            {doc ? t('applications.replace') : t('applications.upload')}
                          </Button>
                        )}
                      </FileButton>
                      {doc ? (
                        <RemoveRowButton
                          mb={0}
                          label={t('applications.deleteDocument', { name: doc.fileName })}
                          onClick={() => void remove(doc.id)}
                        />
                      ) : null}
                    </Group>
                  </Table.Td>
                ) : doc && viewer !== 'other' ? (
                  <Table.Td ta="right">
                    <DocumentDeletion doc={doc} viewer={viewer} onChange={refresh} />
                  </Table.Td>
                ) : null}
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
      {editable ? (
        <Text size="xs" c="dimmed">
          {t('applications.documentsHint', { mb: DOCUMENT_MAX_BYTES / 1024 / 1024 })}
        </Text>
      ) : null}
    </Stack>
  )
}
