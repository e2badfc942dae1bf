/**
 * Reconciliation: settle a write whose answer was lost, by READING the panel.
 * Never by sending anything that writes. Each kind of write leaves its own
 * trace (NOTES §4, §7):
 *   create  → the row exists under the username / MAC / code WE chose;
 *   extend  → exp_date moved from its pre-write value AND the balance dropped;
 *   enable/disable → the enabled flag; delete → the row is gone;
 *   convert → the device row is gone; reset → the code changed;
 *   adjust_credits → the sub-reseller's balance moved by the amount (and ours by its opposite);
 *   edit    → the changed fields show the sent values.
 * When the panel cannot be read, or the trace is ambiguous, the verdict stays
 * 'unknown' with the reason, and the user decides.
 */
import type { JournalEntry } from '../../shared/views'
import type { XtreamClient } from '../api/client'
import { findOnPanel, isAbsent, readAccount, readRow, type WritableResource } from '../writes/panel'
import type { SpendingEnv, Verdict } from '../writes/types'

type Ctx = Record<string, unknown>

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const rec = (v: unknown) => v as unknown as Record<string, unknown>
const when = (sec: number | null) => (sec === null ? 'never (unlimited)' : new Date(sec * 1000).toISOString().replace('.000Z', 'Z'))

function unreadable(e: unknown): Verdict {
  const code = e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : 'ERROR'
  return { outcome: 'unknown', evidence: `The panel could not be read to check (${code}); try "check again" later.` }
}

/**
 * Judge an unknown entry. Absence is only proof after the panel has had time to
 * finish: a request that timed out may still be running on the server, and a
 * "not there yet" read taken too early would let the user pay twice. So a
 * 'failed' verdict within `settleMs` of sending stays 'unknown'.
 */
export async function reconcileEntry(env: SpendingEnv, client: XtreamClient, entry: JournalEntry, ctx: Ctx): Promise<Verdict> {
  const verdict = await readVerdict(env, client, entry, ctx)
  const age = env.ctx.now() - entry.startedAt
  if (verdict.outcome === 'failed' && age < env.settleMs) {
    return {
      outcome: 'unknown',
      evidence: `${verdict.evidence} The panel may still be finishing the request, so this is not yet proof; check again in a minute.`,
    }
  }
  return verdict
}

export async function readVerdict(env: SpendingEnv, client: XtreamClient, entry: JournalEntry, ctx: Ctx): Promise<Verdict> {
  const resource = entry.resource as WritableResource
  const id = num(ctx.id)
  try {
    switch (ctx.kind) {
      case 'create':
        return await created(env, client, entry, resource, ctx)
      case 'extend':
        return id === null ? noTrace() : await extended(client, entry, resource, id, ctx)
      case 'enable':
      case 'disable':
        return id === null ? noTrace() : await toggled(client, resource, id, ctx.kind === 'enable')
      case 'delete':
        return id === null ? noTrace() : await deleted(client, resource, id)
      case 'convert':
        return id === null ? noTrace() : await converted(client, resource, id, num(ctx.lineId))
      case 'reset':
        return id === null ? noTrace() : await reset(client, id, str(ctx.codeBefore))
      case 'adjust':
        return id === null ? noTrace() : await adjusted(client, entry, id, ctx)
      case 'edit':
        return id === null ? noTrace() : await edited(client, resource, id, ctx)
      default:
        return noTrace()
    }
  } catch (e) {
    return unreadable(e)
  }
}

const noTrace = (): Verdict => ({ outcome: 'unknown', evidence: 'This entry carries nothing the app can check on the panel.' })

async function created(env: SpendingEnv, client: XtreamClient, entry: JournalEntry, resource: WritableResource, ctx: Ctx): Promise<Verdict> {
  const key = str(ctx.key)
  if (!key) return noTrace()
  const row = await findOnPanel(client, resource, key)
  if (row) return { outcome: 'succeeded', evidence: `Found on the panel: ${key} (id ${rec(row).id}).`, item: rec(row) }
  // A group without allow_change_username ignores the username we sent and makes one up (NOTES §9.2):
  // then "not found under our name" proves nothing.
  const perms = env.ctx.cache.getAccount(entry.profileId)?.info.permissions
  if ((resource === 'lines' || resource === 'subResellers') && perms?.allowChangeUsername === false) {
    return { outcome: 'unknown', evidence: `${key} is not on the panel, but this account may not choose usernames, so the panel may have used another name.` }
  }
  return { outcome: 'failed', evidence: `Not on the panel: no ${resource === 'mags' || resource === 'enigmas' ? 'device with MAC' : 'item named'} ${key}.` }
}

async function extended(client: XtreamClient, entry: JournalEntry, resource: WritableResource, id: number, ctx: Ctx): Promise<Verdict> {
  let row: Record<string, unknown>
  try {
    row = rec(await readRow(client, resource, id))
  } catch (e) {
    if (isAbsent(e)) return { outcome: 'unknown', evidence: `The item #${id} no longer exists, so its expiry cannot be compared.` }
    throw e
  }
  const before = num(ctx.expDateBefore)
  const after = num(row.expDate)
  if (before === after) return { outcome: 'failed', evidence: `Expiry unchanged (${when(after)}).`, item: row }
  const cost = entry.expectedCost
  const balanceBefore = entry.balanceBefore
  const balanceNow = (await readAccount(client)).credits
  const moved = `Expiry moved from ${when(before)} to ${when(after)}`
  if (cost <= 0 || balanceBefore === null) return { outcome: 'succeeded', evidence: `${moved}.`, item: row, balanceAfter: balanceNow }
  // The panel charges intval(balance) - price (NOTES §7); other spending in between only lowers it further.
  if (balanceNow <= Math.trunc(balanceBefore) - cost) {
    return { outcome: 'succeeded', evidence: `${moved}; balance ${balanceBefore} → ${balanceNow} (price ${cost}).`, item: row, balanceAfter: balanceNow }
  }
  return {
    outcome: 'unknown',
    evidence: `${moved}, but the balance did not drop by the price (${balanceBefore} → ${balanceNow}, price ${cost}); something else may have changed it.`,
    item: row,
  }
}

async function toggled(client: XtreamClient, resource: WritableResource, id: number, want: boolean): Promise<Verdict> {
  const row = rec(await readRow(client, resource, id))
  const enabled = row.enabled === true
  const word = want ? 'enabled' : 'disabled'
  return enabled === want
    ? { outcome: 'succeeded', evidence: `The panel shows it ${word}.`, item: row }
    : { outcome: 'failed', evidence: `The panel shows it still ${want ? 'disabled' : 'enabled'}.`, item: row }
}

async function deleted(client: XtreamClient, resource: WritableResource, id: number): Promise<Verdict> {
  try {
    const row = rec(await readRow(client, resource, id))
    return { outcome: 'failed', evidence: `#${id} is still on the panel.`, item: row }
  } catch (e) {
    if (isAbsent(e)) return { outcome: 'succeeded', evidence: `#${id} is no longer on the panel.` }
    throw e
  }
}

async function converted(client: XtreamClient, resource: WritableResource, id: number, lineId: number | null): Promise<Verdict> {
  try {
    const row = rec(await readRow(client, resource, id))
    return { outcome: 'failed', evidence: `The device #${id} is still on the panel.`, item: row }
  } catch (e) {
    if (!isAbsent(e)) throw e
  }
  const line = lineId !== null ? rec(await readRow(client, 'lines', lineId)) : null
  return { outcome: 'succeeded', evidence: `The device #${id} is gone${line ? `; its line ${String(line.username)} remains` : ''}.`, item: line }
}

async function reset(client: XtreamClient, id: number, codeBefore: string | null): Promise<Verdict> {
  const row = rec(await readRow(client, 'activecodes', id))
  if (codeBefore === null) return { outcome: 'unknown', evidence: 'The code before the reset was not recorded.', item: row }
  return row.code !== codeBefore
    ? { outcome: 'succeeded', evidence: `The code changed to ${String(row.code)}.`, item: row }
    : { outcome: 'failed', evidence: 'The code is unchanged.', item: row }
}

async function adjusted(client: XtreamClient, entry: JournalEntry, id: number, ctx: Ctx): Promise<Verdict> {
  const credits = num(ctx.credits)
  const childBefore = num(ctx.childCreditsBefore)
  if (credits === null || childBefore === null) return noTrace()
  const child = rec(await readRow(client, 'subResellers', id))
  const childNow = num(child.credits) ?? NaN
  const parentNow = (await readAccount(client)).credits
  const parentBefore = entry.balanceBefore
  const both = `sub-reseller ${childBefore} → ${childNow}, yours ${parentBefore ?? '?'} → ${parentNow}`
  // adjust_credits is a transfer of intval'd amounts (NOTES §7).
  const childMoved = Math.trunc(childNow) === Math.trunc(childBefore) + credits
  const parentMoved = parentBefore === null || parentNow <= Math.trunc(parentBefore) - credits
  if (childMoved && parentMoved) return { outcome: 'succeeded', evidence: `Moved ${credits}: ${both}.`, item: child, balanceAfter: parentNow }
  if (childNow === childBefore) return { outcome: 'failed', evidence: `Balances show no transfer: ${both}.`, item: child }
  return { outcome: 'unknown', evidence: `Balances do not match a transfer of ${credits}: ${both}.`, item: child }
}

/** Edits cost nothing; they are settled by the fields the user changed. */
async function edited(client: XtreamClient, resource: WritableResource, id: number, ctx: Ctx): Promise<Verdict> {
  const changed = (ctx.changed ?? {}) as Record<string, { before: unknown; sent: unknown }>
  const fields = Object.keys(changed)
  if (fields.length === 0) return noTrace()
  const row = rec(await readRow(client, resource, id))
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
  if (fields.every((f) => same(row[f], changed[f]!.sent))) return { outcome: 'succeeded', evidence: `The panel shows the new ${fields.join(', ')}.`, item: row }
  if (fields.every((f) => same(row[f], changed[f]!.before))) return { outcome: 'failed', evidence: `The panel still shows the old ${fields.join(', ')}.`, item: row }
  return { outcome: 'unknown', evidence: `The panel shows other values for ${fields.join(', ')} than before or sent.`, item: row }
}
