/**
 * Before a create is sent, its key (line or sub-reseller username, MAC, code)
 * must be free on the panel. The panel refuses a duplicate and charges
 * nothing — but if that refusal's answer is lost, finding the key afterwards
 * would "prove" a create that never happened and hand over another
 * customer's line. So: refuse here, before anything is sent, and record that
 * the key was free; reconciliation only accepts a found key as proof when it
 * was, or when the panel says the row was created after the send
 * (reconcile/money.ts). A lookup that fails does not block the create (a big
 * panel's list search can time out while creates work): it goes out with the
 * key recorded as unchecked.
 */
import { AppError } from '../errors'
import { findOnPanel } from './panel'
import type { WritableResource } from '../../shared/resources'
import type { XtreamClient } from '../api/client'
import type { SpendingEnv } from './types'

const WHAT: Record<WritableResource, { field: string; word: string; noun: string }> = {
  lines: { field: 'username', word: 'username', noun: 'line' },
  subResellers: { field: 'username', word: 'username', noun: 'sub-reseller' },
  mags: { field: 'mac', word: 'MAC address', noun: 'MAG device' },
  enigmas: { field: 'mac', word: 'MAC address', noun: 'Enigma2 device' },
  activecodes: { field: 'code', word: 'activation code', noun: 'activation code' },
}

function taken(resource: WritableResource, key: string, id: unknown, where: string): AppError {
  const w = WHAT[resource]
  const which = resource === 'activecodes' ? `(id ${String(id)})` : `(${w.noun} #${String(id)})`
  return new AppError('VALIDATION', `The ${w.word} ${key} already exists ${where} ${which}. Choose another ${w.word}; nothing was charged.`, {
    details: { field: w.field, exists: true, id },
  })
}

/** Throws (nothing sent) when `key` exists in the cache or on the panel; true = free on the panel, null = the panel could not be asked. */
export async function confirmKeyFree(env: SpendingEnv, client: XtreamClient, profileId: string, resource: WritableResource, key: string): Promise<true | null> {
  let cached: { id: unknown } | null = null
  try {
    cached = env.ctx.cache.findByKey(profileId, resource, key) as { id: unknown } | null
  } catch {
    // The cache is a copy; the panel below is the judge.
  }
  if (cached) throw taken(resource, key, cached.id, "in this panel's copy")
  let row: { id: unknown } | null
  try {
    row = (await findOnPanel(client, resource, key)) as { id: unknown } | null
  } catch {
    return null
  }
  if (row) throw taken(resource, key, row.id, 'on the panel')
  return true
}
