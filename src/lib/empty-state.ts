/**
 * What an empty list says. Right after a sync of a list that really is empty
 * the honest answer is "This panel has no sub-resellers", not "No
 * sub-resellers cached… Sync now"; the sync offer is for a list never synced.
 */
import type { Resource } from '../../electron/shared/domain'
import type { PanelFreshness } from '../../electron/shared/views'
import { t, type MessageKey } from '../i18n'
import { agoMs } from './format'
import { RESOURCE_META } from './resources'

export interface EmptyState {
  text: string
  /** A line under it (when the panel was last asked), or null. */
  note: string | null
  /** Offer "Sync now": nothing has been synced to be empty. */
  offerSync: boolean
}

export function emptyState(resource: Resource, panels: PanelFreshness[], filtered: boolean, allPanels: boolean, nowMs: number): EmptyState {
  const what = t(RESOURCE_META[resource].title)
  if (filtered) return { text: t('empty.noMatch'), note: null, offerSync: false }
  const synced = panels.length > 0 && panels.every((p) => p.syncedAt !== null)
  if (!synced) return { text: t('empty.noRows', { what }), note: null, offerSync: true }
  const newest = Math.max(...panels.map((p) => p.syncedAt ?? 0))
  return {
    text: allPanels ? t('empty.noneAll', { what }) : t(`empty.none.${resource}` as MessageKey),
    note: t('empty.syncedAgo', { ago: agoMs(newest, nowMs) }),
    offerSync: false,
  }
}
