/**
 * What a delete confirmation says: which object (its username, MAC or code)
 * on which panel, so the reseller never confirms "Delete this item?" blind.
 */
import { t, type MessageKey } from '../i18n'
import { RESOURCE_META, type WritableResource } from './resources'

const DELETE_ACTION: Record<WritableResource, MessageKey> = {
  lines: 'act.delete_line',
  mags: 'act.delete_mag',
  enigmas: 'act.delete_enigma',
  activecodes: 'act.delete_activecode',
  subResellers: 'act.delete_user',
}

export function deleteConfirm(resource: WritableResource, row: Record<string, unknown>, panelName: string): { title: string; content: string } {
  const key = row[RESOURCE_META[resource].label]
  const name = typeof key === 'string' && key ? key : `#${String(row.id)}`
  const parts = [t('confirm.deleteOn', { panel: panelName })]
  // A device's line goes with it when nothing else uses it (docs/panel-api.md §4).
  if (resource === 'mags' || resource === 'enigmas') parts.push(t('confirm.deleteDeviceLine'))
  parts.push(t('confirm.deleteBody'))
  return { title: t('confirm.deleteNamed', { action: t(DELETE_ACTION[resource]), name }), content: parts.join(' ') }
}
