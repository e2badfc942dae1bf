/**
 * bulk:plan — what a run WOULD do, priced item by item, before anything is
 * sent: the selection (ids) or pasted keys resolved against the cache, the
 * pattern expanded for creates, the total set against the cached balance.
 */
import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type { Resource } from '../../shared/domain'
import { labelOf, RESOURCE_INFO } from '../../shared/resources'
import type { BulkItem, BulkPlan, BulkPlanInput } from '../../shared/views'
import { tryNormaliseMac } from '../api/mac'
import { AppError } from '../errors'
import { balanceAfterCharge, isEnough, packagePrice } from '../writes/cost'
import { cachedExpiry, extendedExpiry } from '../writes/expiry'
import { generatePassword } from '../writes/generate'
import { knownAccount, knownPackage } from '../writes/known'
import type { SpendingEnv } from '../writes/types'
import { patternKeys } from './pattern'

export type PlanInput = z.output<typeof BulkPlanInput>
export type BulkResource = PlanInput['resource']

export type BulkJob =
  | { op: 'extend'; id: number; packageId: number; endUnlimited: boolean }
  | { op: 'enable' | 'disable' | 'delete'; id: number }
  | { op: 'setNotes'; id: number; notes: string; mode: 'replace' | 'append' }
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
  /** extend: unlimited items among the targets (left out unless included). */
  unlimited: number
}

interface Target {
  id: number
  label: string
  row: Record<string, unknown>
}

const CODE_RE = /^[0-9A-Za-z-]{4,32}$/

const item = (key: string, label: string, cost: number, state: BulkItem['state'] = 'queued', reason: string | null = null): BulkItem => ({
  key,
  label,
  cost,
  state,
  reason,
  journalId: null,
  result: null,
})

/** Selected ids and pasted keys → cached rows (deduplicated); keys the cache does not know are listed. */
function resolveTargets(env: SpendingEnv, input: PlanInput): { rows: Target[]; unresolved: string[] } {
  const seen = new Set<number>()
  const rows: Target[] = []
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
    rows.push({ id, label: labelOf(input.resource, row, id), row })
  }
  for (const raw of input.targets ?? []) {
    const text = raw.trim()
    if (text === '') continue
    const key = RESOURCE_INFO[input.resource].naturalKey === 'mac' ? (tryNormaliseMac(text) ?? text) : text
    const row = cache.findByKey(input.profileId, input.resource as Resource, key) as Record<string, unknown> | null
    const id = typeof row?.id === 'number' ? row.id : null
    if (id === null) {
      unresolved.push(text)
      continue
    }
    if (seen.has(id) || !row) continue
    seen.add(id)
    rows.push({ id, label: labelOf(input.resource, row, id), row })
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

/** The unlimited-line rule for bulk extends: left out (skipped) unless the user includes them; see writes/expiry.ts. */
const UNLIMITED_LEFT_OUT = 'Unlimited: left out. Extending would give it an expiry date (it becomes limited); include unlimited items to extend it.'

async function planExisting(env: SpendingEnv, input: PlanInput, rows: Target[]): Promise<{ items: PlannedItem[]; unlimited: number }> {
  const op = input.operation
  if (op === 'setNotes') {
    if (input.notes === undefined) throw new AppError('VALIDATION', 'Enter the notes to set (empty clears them).')
    const mode = input.notesMode ?? 'replace'
    const items = rows.map(({ id, label, row }): PlannedItem => {
      const notes = typeof row.resellerNotes === 'string' ? row.resellerNotes : ''
      return { item: { ...item(`#${id}`, label, 0), preview: { notes } }, job: { op, id, notes: input.notes ?? '', mode } }
    })
    return { items, unlimited: 0 }
  }
  if (op !== 'extend') {
    return { items: rows.map(({ id, label }) => ({ item: item(`#${id}`, label, 0), job: { op: op as 'enable' | 'disable' | 'delete', id } })), unlimited: 0 }
  }
  if (input.packageId === undefined) throw new AppError('VALIDATION', 'Choose the package to extend with.')
  const pkg = await knownPackage(env, input.profileId, input.packageId, input.resource)
  const cost = packagePrice(pkg, false)
  const include = input.includeUnlimited === true
  const nowSec = Math.floor(env.ctx.now() / 1000)
  let unlimited = 0
  const items = rows.map(({ id, label, row }): PlannedItem => {
    const exp = cachedExpiry(row)
    const change = exp === undefined ? null : extendedExpiry(pkg, exp, nowSec)
    const preview = change ? { expDate: change.expDate, newExpDate: change.newExpDate } : {}
    // Activation codes without an expiry are not yet activated, not unlimited (docs/panel-api.md §9.3).
    if (exp === null && input.resource !== 'activecodes') {
      unlimited++
      if (!include) return { item: { ...item(`#${id}`, label, cost, 'skipped', UNLIMITED_LEFT_OUT), preview }, job: null }
    }
    return { item: { ...item(`#${id}`, label, cost), preview }, job: { op, id, packageId: pkg.id, endUnlimited: include } }
  })
  return { items, unlimited }
}

export async function buildPlan(env: SpendingEnv, input: PlanInput): Promise<StoredPlan> {
  env.ctx.profiles.require(input.profileId)
  let items: PlannedItem[]
  let unresolved: string[] = []
  let unlimited = 0
  if (input.operation === 'create') {
    items = await planCreate(env, input)
  } else {
    const r = resolveTargets(env, input)
    unresolved = r.unresolved
    if (r.rows.length === 0) throw new AppError('VALIDATION', 'None of the selected items is known for this panel. Refresh it, or check the pasted names.', { details: { unresolved } })
    const planned = await planExisting(env, input, r.rows)
    items = planned.items
    unlimited = planned.unlimited
  }
  return { planId: randomUUID(), profileId: input.profileId, resource: input.resource, operation: input.operation, items, unresolved, unlimited }
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
    unlimited: plan.unlimited,
  }
}
