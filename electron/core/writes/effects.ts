/**
 * After the panel said yes: bring the cache in line with the panel (re-read
 * the object and upsert it; delete → remove; convert → the device row goes and
 * its line arrives; reset → the code) and read the balance. A failure here
 * never turns a succeeded write into a failed one: the write is already
 * journaled as succeeded, and the next sync repairs the cache.
 */
import type { Resource, ResourceRow } from '../../shared/domain'
import type { XtreamClient } from '../api/client'
import { readAccount, readRow, type WriteKind } from './panel'
import type { WritableResource } from '../../shared/resources'
import type { SpendingEnv } from './types'

export interface Effects {
  item: Record<string, unknown> | null
  extra: Record<string, unknown> | null
  balanceAfter: number | null
}

const asRecord = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null

function idOf(v: unknown): number | null {
  const id = asRecord(v)?.id
  return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : null
}

function emitChanged(env: SpendingEnv, profileId: string, resource: Resource): void {
  env.ctx.emit('cache:changed', { profileId, resource })
}

function upsert(env: SpendingEnv, profileId: string, resource: Resource, row: Record<string, unknown> | null): void {
  if (row === null || idOf(row) === null) return
  try {
    env.ctx.cache.upsert(profileId, resource, row as unknown as ResourceRow[typeof resource])
    emitChanged(env, profileId, resource)
  } catch {
    // The cache is a copy; the next sync brings it back in line.
  }
}

export function removeCached(env: SpendingEnv, profileId: string, resource: Resource, id: number): void {
  try {
    env.ctx.cache.remove(profileId, resource, id)
    emitChanged(env, profileId, resource)
  } catch {
    // as above
  }
}

/** Re-read one row; null when the read fails (the write stands regardless). */
async function fresh(client: XtreamClient, resource: WritableResource, id: number): Promise<Record<string, unknown> | null> {
  try {
    return asRecord(await readRow(client, resource, id))
  } catch {
    return null
  }
}

/** Read user_info into the cache; the new balance, or null when it cannot be read now. */
export async function refreshBalance(env: SpendingEnv, client: XtreamClient, profileId: string): Promise<number | null> {
  try {
    const info = await readAccount(client)
    try {
      env.ctx.cache.setAccount(profileId, info, env.ctx.now())
    } catch {
      // cache trouble does not hide the balance we read
    }
    return info.credits
  } catch {
    return null
  }
}

/** Writes after which the balance may have moved (creates, extensions, credit moves; deletes may refund on XM). */
export function movesBalance(kind: WriteKind, cost: number): boolean {
  return cost !== 0 || kind === 'create' || kind === 'extend' || kind === 'adjust' || kind === 'delete'
}

export async function applyEffects(
  env: SpendingEnv,
  client: XtreamClient,
  op: { profileId: string; resource: WritableResource; kind: WriteKind; id?: number; cost: number },
  result: unknown,
  context: Record<string, unknown>,
): Promise<Effects> {
  const { profileId, resource, kind } = op
  let item: Record<string, unknown> | null = null
  let extra: Record<string, unknown> | null = null
  switch (kind) {
    case 'delete':
      if (op.id !== undefined) removeCached(env, profileId, resource, op.id)
      break
    case 'convert': {
      // The device row is gone; the same line is now a plain M3U line (panel-api §4 convert_mag).
      if (op.id !== undefined) removeCached(env, profileId, resource, op.id)
      const line = asRecord(result)
      const lineId = idOf(line)
      item = (lineId !== null ? await fresh(client, 'lines', lineId) : null) ?? line
      upsert(env, profileId, 'lines', item)
      extra = item ? { lineId: item.id, username: item.username, password: item.password } : null
      break
    }
    case 'reset': {
      item = op.id !== undefined ? await fresh(client, resource, op.id) : null
      // A reconciled reset has no answer to quote: the codes come from before and from the re-read row.
      const r = asRecord(result)
      extra = { oldCode: r?.oldCode ?? context.codeBefore ?? null, newCode: r?.newCode ?? item?.code ?? r?.code ?? null }
      upsert(env, profileId, resource, item)
      break
    }
    case 'adjust': {
      item = op.id !== undefined ? await fresh(client, resource, op.id) : null
      upsert(env, profileId, resource, item)
      const adj = asRecord(result)
      extra = {
        credits: context.credits ?? adj?.adjusted ?? null,
        subResellerBefore: context.childCreditsBefore ?? adj?.creditsBefore ?? null,
        subResellerAfter: (item?.credits as number | undefined) ?? adj?.creditsAfter ?? null,
      }
      break
    }
    default: {
      const id = kind === 'create' ? idOf(result) : (op.id ?? null)
      item = (id !== null ? await fresh(client, resource, id) : null) ?? asRecord(result)
      upsert(env, profileId, resource, item)
    }
  }
  const balanceAfter = movesBalance(kind, op.cost) ? await refreshBalance(env, client, profileId) : null
  if (extra && kind === 'adjust') extra = { ...extra, balanceBefore: context.balanceBefore ?? null, balanceAfter }
  return { item, extra, balanceAfter }
}
