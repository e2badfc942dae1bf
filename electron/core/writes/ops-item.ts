/**
 * Operations on an existing item (by id). Edits and extensions are built from
 * a FRESH read of the row (panel-api §4: an edit blanks what it does not resend);
 * when that read fails the write is refused — better no edit than one that
 * wipes the customer's notes, IP list or ISP lock.
 */
import type { ActiveCodeEdit, AdjustCredits, DeviceEdit, Extend, LineEdit, SubResellerEdit } from '../../shared/writes'
import type { XtreamClient } from '../api/client'
import { tryNormaliseMac } from '../api/mac'
import { AppError, isAppError } from '../errors'
import { packagePrice } from './cost'
import { cachedLabel, knownAccount, knownPackage } from './known'
import { activeCodeEditParams, deviceEditParams, lineEditParams, subResellerEditParams } from './merge'
import { actionFor, keyOf, readAccount, readRow, type WritableRow, type WriteKind } from './panel'
import type { SubscriptionResource, WritableResource } from '../../shared/resources'
import type { Prepared, SpendingEnv, WriteOp } from './types'


/** The row as the panel has it now, or a refusal that says nothing was sent. */
async function current<R extends WritableResource>(client: XtreamClient, resource: R, id: number, why: string): Promise<WritableRow[R]> {
  try {
    return await readRow(client, resource, id)
  } catch (e) {
    const reason = isAppError(e) ? e.message : 'the panel could not be read'
    throw new AppError(isAppError(e) && e.code !== 'FAILURE' ? e.code : 'FAILURE', `Nothing was sent: the item's current state must be read first ${why}, and that failed — ${reason}`, {
      details: { id, readFailed: true },
    })
  }
}

const BLANKS = '(an edit without it would blank the notes, allowed IPs and ISP lock, panel-api §4)'

function base(env: SpendingEnv, profileId: string, resource: WritableResource, kind: WriteKind, id: number, cost = 0, bulkRunId?: string) {
  return {
    profileId,
    resource,
    kind,
    action: actionFor(resource, kind),
    lockKey: `#${id}`,
    label: cachedLabel(env, profileId, resource, id),
    cost,
    id,
    bulkRunId: bulkRunId ?? null,
  }
}

/** Fields the user changed, with their value before and what is sent (reconciles an unknown edit). */
function changes(before: Record<string, unknown>, sent: Record<string, unknown | undefined>): Record<string, { before: unknown; sent: unknown }> {
  const out: Record<string, { before: unknown; sent: unknown }> = {}
  for (const [field, value] of Object.entries(sent)) {
    if (value === undefined || field === 'password') continue // passwords never go into the journal
    if (JSON.stringify(before[field]) !== JSON.stringify(value)) out[field] = { before: before[field], sent: value }
  }
  return out
}

/** What an edit sends, what it journals as changed, and what it is called. */
interface EditPlan {
  params: Record<string, unknown>
  sent: Record<string, unknown | undefined>
  label: string
  secrets?: string[]
}

/** Every edit: read the row as it stands, build the params on it, journal the fields that change. */
function editOp<R extends WritableResource>(
  env: SpendingEnv,
  resource: R,
  a: { profileId: string; id: number },
  why: string,
  plan: (row: WritableRow[R]) => EditPlan,
  bulkRunId?: string,
): WriteOp {
  return {
    ...base(env, a.profileId, resource, 'edit', a.id, 0, bulkRunId),
    async prepare(client): Promise<Prepared> {
      const row = await current(client, resource, a.id, why)
      const { params, sent, label, secrets } = plan(row)
      return { params, context: { changed: changes(row, sent) }, label, ...(secrets ? { secrets } : {}) }
    },
  }
}

export function lineEditOp(env: SpendingEnv, a: LineEdit, bulkRunId?: string): WriteOp {
  return editOp(
    env,
    'lines',
    a,
    BLANKS,
    (row) => ({
      params: lineEditParams(row, a),
      sent: { username: a.username, allowedIps: a.allowedIps, isIspLock: a.ispLock, bouquets: a.bouquets, resellerNotes: a.notes },
      label: row.username,
      secrets: a.password ? [a.password] : [],
    }),
    bulkRunId,
  )
}

export function deviceEditOp(env: SpendingEnv, resource: 'mags' | 'enigmas', a: DeviceEdit, bulkRunId?: string): WriteOp {
  const mac = a.mac ? (tryNormaliseMac(a.mac) ?? a.mac) : undefined
  return editOp(
    env,
    resource,
    a,
    BLANKS,
    (row) => ({
      params: deviceEditParams(row, { ...a, mac }),
      sent: { mac, allowedIps: a.allowedIps, isIspLock: a.ispLock, bouquets: a.bouquets, resellerNotes: a.notes },
      label: row.mac,
    }),
    bulkRunId,
  )
}

export function activeCodeEditOp(env: SpendingEnv, a: ActiveCodeEdit, bulkRunId?: string): WriteOp {
  return editOp(
    env,
    'activecodes',
    a,
    BLANKS,
    (row) => ({ params: activeCodeEditParams(row, a), sent: { code: a.code, bouquets: a.bouquets, resellerNotes: a.notes }, label: row.code }),
    bulkRunId,
  )
}

export function subResellerEditOp(env: SpendingEnv, a: SubResellerEdit): WriteOp {
  return editOp(env, 'subResellers', a, '(an edit without it would blank the notes)', (row) => ({
    params: subResellerEditParams(row, a),
    sent: { username: a.username, email: a.email, memberGroupId: a.memberGroupId, resellerDns: a.resellerDns, notes: a.notes },
    label: row.username,
    secrets: a.password ? [a.password] : [],
  }))
}

/**
 * Extending an UNLIMITED line or device gives it an expiry: the panel counts the
 * package's duration from now (docs/panel-api.md §7), so it is charged for and
 * ends up limited. Only with the user's explicit say-so, checked against the
 * fresh read (the cache may not know it is unlimited). Activation codes without
 * an expiry are not unlimited but not yet activated (§9.3), so they are not held.
 */
function refuseUnconfirmedUnlimited(resource: SubscriptionResource, expDate: number | null, a: Extend): void {
  if (resource === 'activecodes' || expDate !== null || a.endUnlimited === true) return
  throw new AppError('VALIDATION', 'Nothing was sent: this item is unlimited, and extending it gives it an expiry date (it becomes limited). Confirm that first.', {
    details: { id: a.id, unlimited: true },
  })
}

/** An extension is edit_* with `package`: charged, and it blanks like any edit (panel-api §4, §7). */
export async function extendOp(env: SpendingEnv, resource: SubscriptionResource, a: Extend, bulkRunId?: string): Promise<WriteOp> {
  const pkg = await knownPackage(env, a.profileId, a.packageId, resource)
  // Bouquets only to an account that may change them (merge.ts); unknown permissions = may.
  const bouquets = (await knownAccount(env, a.profileId))?.permissions.allowChangeBouquets !== false
  return {
    ...base(env, a.profileId, resource, 'extend', a.id, packagePrice(pkg, false), bulkRunId),
    async prepare(client): Promise<Prepared> {
      const row = await current(client, resource, a.id, BLANKS)
      refuseUnconfirmedUnlimited(resource, row.expDate, a)
      const params =
        resource === 'lines'
          ? lineEditParams(row as WritableRow['lines'], {}, pkg.id, bouquets)
          : resource === 'activecodes'
            ? activeCodeEditParams(row as WritableRow['activecodes'], {}, pkg.id, bouquets)
            : deviceEditParams(row as WritableRow['mags'], {}, pkg.id, bouquets)
      // The duration lets a lost answer be checked: the expiry must move by it (reconcile/money.ts).
      const duration = { amount: pkg.officialDuration, unit: pkg.officialDurationIn }
      return { params, context: { expDateBefore: row.expDate, packageId: pkg.id, duration }, label: keyOf(resource, row) || `#${a.id}` }
    },
  }
}

export function simpleOp(env: SpendingEnv, resource: WritableResource, kind: 'enable' | 'disable' | 'delete', a: { profileId: string; id: number }, bulkRunId?: string): WriteOp {
  return {
    ...base(env, a.profileId, resource, kind, a.id, 0, bulkRunId),
    prepare: async () => ({ params: { id: a.id }, context: {} }),
  }
}

/** convert_* turns a device into a plain line; the line id lets a lost answer be checked. */
export function convertOp(env: SpendingEnv, resource: 'mags' | 'enigmas', a: { profileId: string; id: number }): WriteOp {
  return {
    ...base(env, a.profileId, resource, 'convert', a.id),
    async prepare(client): Promise<Prepared> {
      let lineId: number | null
      let label: string | undefined
      try {
        const row = await readRow(client, resource, a.id)
        lineId = row.lineId
        label = row.mac
      } catch {
        const cached = env.ctx.cache.getRow(a.profileId, resource, a.id)
        lineId = cached?.lineId ?? null
      }
      return { params: { id: a.id }, context: { lineId }, ...(label ? { label } : {}) }
    },
  }
}

export function resetOp(env: SpendingEnv, a: { profileId: string; id: number }): WriteOp {
  return {
    ...base(env, a.profileId, 'activecodes', 'reset', a.id),
    async prepare(client): Promise<Prepared> {
      let codeBefore: string | null
      try {
        codeBefore = (await readRow(client, 'activecodes', a.id)).code
      } catch {
        codeBefore = env.ctx.cache.getRow(a.profileId, 'activecodes', a.id)?.code ?? null
      }
      return { params: { id: a.id }, context: { codeBefore }, ...(codeBefore ? { label: codeBefore } : {}) }
    },
  }
}

/** adjust_credits moves credits between you and a sub-reseller (panel-api §7); both balances witness it. */
export function adjustOp(env: SpendingEnv, a: AdjustCredits): WriteOp {
  return {
    ...base(env, a.profileId, 'subResellers', 'adjust', a.id, a.credits),
    async prepare(client): Promise<Prepared> {
      const child = await current(client, 'subResellers', a.id, "(its balance before the transfer is what proves the transfer later)")
      if (child.credits + a.credits < 0) {
        throw new AppError('VALIDATION', `${child.username} has ${child.credits} credits; you cannot take back ${-a.credits}. Nothing was sent.`, {
          details: { field: 'credits' },
        })
      }
      const params = { id: a.id, credits: a.credits, ...(a.note ? { note: a.note } : {}) }
      // Our balance read fresh: with the child's, it is what proves a transfer whose answer is lost (reconcile/money.ts).
      const parentBefore = await readAccount(client).then((i) => i.credits, () => null)
      return { params, context: { credits: a.credits, childCreditsBefore: child.credits, parentBefore }, label: child.username }
    },
  }
}
