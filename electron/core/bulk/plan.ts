/**
 * bulk:plan — what a run WOULD do, priced item by item, before anything is
 * sent: the selection (ids) or pasted keys resolved against the cache, the
 * pattern expanded for creates, the total set against the cached balance.
 */
import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type { Resource } from '../../shared/domain'
import type { BulkItem, BulkPlan, BulkPlanInput } from '../../shared/views'
import { tryNormaliseMac } from '../api/mac'
import { AppError } from '../errors'
import { balanceAfterCharge, isEnough, packagePrice } from '../writes/cost'
import { generatePassword } from '../writes/generate'
import { knownAccount, knownPackage } from '../writes/known'
import type { SpendingEnv } from '../writes/types'
import { patternKeys } from './pattern'

export type PlanInput = z.output<typeof BulkPlanInput>
export type BulkResource = PlanInput['resource']

export type BulkJob =
  | { op: 'extend'; id: number; packageId: number }
  | { op: 'enable' | 'disable' | 'delete'; id: number }
  | { op: 'setNotes'; id: number; notes: string }
  | { op: 'create'; packageId: number; trial: boolean; username?: string; password?: string; code?: string }

export interface PlannedItem {
  item: BulkItem
  /** null for items that will not be sent (skipped at planning). */
  job: BulkJob | null
}

export interface StoredPlan {
  planId: string
  profileId: string
  resource: BulkResource
  operation: PlanInput['operation']
  items: PlannedItem[]
  unresolved: string[]
}

const CODE_RE = /^[0-9A-Za-z-]{4,32}$/
const NATURAL_KEY: Record<BulkResource, 'username' | 'mac' | 'code'> = { lines: 'username', mags: 'mac', enigmas: 'mac', activecodes: 'code' }

const item = (key: string, label: string, cost: number, state: BulkItem['state'] = 'queued', reason: string | null = null): BulkItem => ({
  key,
  label,
  cost,
  state,
  reason,
  journalId: null,
  result: null,
})

function labelOf(row: Record<string, unknown> | null, resource: BulkResource, id: number): string {
  const v = row?.[NATURAL_KEY[resource]]
  return typeof v === 'string' && v !== '' ? v : `#${id}`
}

/** Selected ids and pasted keys → cached rows (deduplicated); keys the cache does not know are listed. */
function resolveTargets(env: SpendingEnv, input: PlanInput): { rows: { id: number; label: string }[]; unresolved: string[] } {
  const seen = new Set<number>()
  const rows: { id: number; label: string }[] = []
  const unresolved: string[] = []
  const cache = env.ctx.cache
  for (const id of input.ids ?? []) {
    if (seen.has(id)) continue
    const row = cache.getRow(input.profileId, input.resource as Resource, id) as Record<string, unknown> | null
    if (!row) {
      unresolved.push(`#${id}`)
      continue
    }
    seen.add(id)
    rows.push({ id, label: labelOf(row, input.resource, id) })
  }
  for (const raw of input.targets ?? []) {
    const text = raw.trim()
    if (text === '') continue
    const key = NATURAL_KEY[input.resource] === 'mac' ? (tryNormaliseMac(text) ?? text) : text
    const row = cache.findByKey(input.profileId, input.resource as Resource, key) as Record<string, unknown> | null
    const id = typeof row?.id === 'number' ? row.id : null
    if (id === null) {
      unresolved.push(text)
      continue
    }
    if (seen.has(id)) continue
    seen.add(id)
    rows.push({ id, label: labelOf(row, input.resource, id) })
  }
  return { rows, unresolved }
}

async function planCreate(env: SpendingEnv, input: PlanInput): Promise<PlannedItem[]> {
  const c = input.create
  if (!c) throw new AppError('VALIDATION', 'Say how many to create and how to name them.')
  if (input.resource !== 'lines' && input.resource !== 'activecodes') {
    throw new AppError('VALIDATION', 'Bulk create makes lines or activation codes; each MAG or Enigma2 device needs its own MAC address.')
  }
  if (input.packageId === undefined) throw new AppError('VALIDATION', 'Choose the package the new items get.')
  const pkg = await knownPackage(env, input.profileId, input.packageId, input.resource)
  const account = await knownAccount(env, input.profileId)
  const cost = packagePrice(pkg, c.trial)
  const isCode = input.resource === 'activecodes'
  let keys: string[]
  try {
    keys = patternKeys(c, isCode ? 'code' : 'username')
  } catch (e) {
    throw new AppError('VALIDATION', (e as Error).message)
  }
  const minLen = account?.permissions.minUsernameLength ?? 0
  return keys.map((key) => {
    if (isCode && !CODE_RE.test(key)) {
      throw new AppError('VALIDATION', `"${key}" is not a valid activation code: 4–32 letters, digits or dashes.`)
    }
    if (!isCode && key.length < minLen) {
      throw new AppError('VALIDATION', `"${key}" is shorter than this panel's minimum username length (${minLen}). Use a longer prefix or more digits.`)
    }
    if (env.ctx.cache.findByKey(input.profileId, input.resource as Resource, key)) {
      return { item: item(key, key, cost, 'skipped', 'Already exists on this panel; not sent.'), job: null }
    }
    const job: BulkJob = isCode
      ? { op: 'create', packageId: pkg.id, trial: c.trial, code: key }
      : { op: 'create', packageId: pkg.id, trial: c.trial, username: key, password: generatePassword(account) }
    return { item: item(key, key, cost), job }
  })
}

async function planExisting(env: SpendingEnv, input: PlanInput, rows: { id: number; label: string }[]): Promise<PlannedItem[]> {
  const op = input.operation
  let cost = 0
  let packageId = 0
  if (op === 'extend') {
    if (input.packageId === undefined) throw new AppError('VALIDATION', 'Choose the package to extend with.')
    const pkg = await knownPackage(env, input.profileId, input.packageId, input.resource)
    cost = packagePrice(pkg, false)
    packageId = pkg.id
  }
  if (op === 'setNotes' && input.notes === undefined) throw new AppError('VALIDATION', 'Enter the notes to set (empty clears them).')
  return rows.map(({ id, label }) => {
    const job: BulkJob =
      op === 'extend'
        ? { op, id, packageId }
        : op === 'setNotes'
          ? { op, id, notes: input.notes ?? '' }
          : { op: op as 'enable' | 'disable' | 'delete', id }
    return { item: item(`#${id}`, label, cost), job }
  })
}

export async function buildPlan(env: SpendingEnv, input: PlanInput): Promise<StoredPlan> {
  env.ctx.profiles.require(input.profileId)
  let items: PlannedItem[]
  let unresolved: string[] = []
  if (input.operation === 'create') {
    items = await planCreate(env, input)
  } else {
    const r = resolveTargets(env, input)
    unresolved = r.unresolved
    if (r.rows.length === 0) throw new AppError('VALIDATION', 'None of the selected items is known for this panel. Refresh it, or check the pasted names.', { details: { unresolved } })
    items = await planExisting(env, input, r.rows)
  }
  return { planId: randomUUID(), profileId: input.profileId, resource: input.resource, operation: input.operation, items, unresolved }
}

export function planView(env: SpendingEnv, plan: StoredPlan): BulkPlan {
  const balance = env.ctx.cache.getAccount(plan.profileId)?.info.credits ?? null
  const totalCost = plan.items.reduce((sum, p) => sum + (p.job ? p.item.cost : 0), 0)
  return {
    planId: plan.planId,
    items: plan.items.map((p) => ({ ...p.item })),
    unresolved: [...plan.unresolved],
    totalCost,
    balance,
    balanceAfter: balanceAfterCharge(balance, totalCost),
    enough: isEnough(balance, totalCost),
  }
}
