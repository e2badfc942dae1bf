/**
 * Create operations. The CLIENT chooses every key the panel would otherwise
 * invent (line/sub-reseller username and password, activation code): a create
 * whose answer is lost can then be found again by that key (panel-api §13).
 */
import type { AccountInfo } from '../../shared/domain'
import type { ActiveCodeCreate, DeviceCreate, LineCreate, SubResellerCreate } from '../../shared/writes'
import { normaliseMac } from '../api/mac'
import { AppError } from '../errors'
import { packagePrice } from './cost'
import { generateCode, generatePassword, generateUsername } from './generate'
import { knownAccount, knownPackage } from './known'
import { confirmKeyFree } from './free-key'
import { actionFor } from './panel'
import type { WritableResource } from '../../shared/resources'
import type { Prepared, SpendingEnv, WriteOp } from './types'

function checkLengths(account: AccountInfo | null, username: string, password: string): void {
  const p = account?.permissions
  if (!p) return
  if (username.length < p.minUsernameLength) {
    throw new AppError('VALIDATION', `The username must be at least ${p.minUsernameLength} characters on this panel.`, { details: { field: 'username' } })
  }
  if (password.length < p.minPasswordLength) {
    throw new AppError('VALIDATION', `The password must be at least ${p.minPasswordLength} characters on this panel.`, { details: { field: 'password' } })
  }
}

/** Subscription extras shared by creates; is_isplock only when true (panel-api §2). */
function extras(a: { ispLock?: boolean | undefined; bouquets?: number[] | undefined; notes?: string | undefined }) {
  return {
    ...(a.ispLock ? { is_isplock: true } : {}),
    ...(a.bouquets && a.bouquets.length > 0 ? { bouquets_selected: a.bouquets } : {}),
    ...(a.notes !== undefined && a.notes !== '' ? { reseller_notes: a.notes } : {}),
  }
}

interface CreateSpec {
  profileId: string
  resource: WritableResource
  /** The natural key the client chose: what the op is locked and labelled by. */
  key: string
  cost: number
  prepared: Prepared
  /** Whether the panel may put its own username in place of ours (docs/panel-api.md §9.2); undefined: not a username. */
  panelNames?: boolean
  bulkRunId?: string | undefined
  reveal?: Record<string, string>
}

/**
 * A create: locked and labelled by its key, which must be free before anything is sent (free-key.ts);
 * the context records that it was, and whether the panel may rename it.
 */
function createOp(env: SpendingEnv, c: CreateSpec): WriteOp {
  return {
    profileId: c.profileId,
    resource: c.resource,
    kind: 'create',
    action: actionFor(c.resource, 'create'),
    lockKey: c.key,
    label: c.key,
    cost: c.cost,
    bulkRunId: c.bulkRunId ?? null,
    ...(c.reveal ? { reveal: c.reveal } : {}),
    prepare: async (client) => {
      const keyFree = await confirmKeyFree(env, client, c.profileId, c.resource, c.key)
      const p = c.prepared
      return { ...p, context: { ...p.context, keyFree, ...(c.panelNames === undefined ? {} : { panelNames: c.panelNames }) } }
    },
  }
}

/** Whether this account's usernames are the panel's choice: unknown permissions count as "may be". */
const panelNames = (account: AccountInfo | null): boolean => account?.permissions.allowChangeUsername !== true

export async function lineCreateOp(env: SpendingEnv, a: LineCreate, bulkRunId?: string): Promise<WriteOp> {
  const account = await knownAccount(env, a.profileId)
  const pkg = await knownPackage(env, a.profileId, a.packageId, 'lines')
  const username = a.username || generateUsername(account)
  const password = a.password || generatePassword(account)
  checkLengths(account, username, password)
  const params = {
    package: pkg.id,
    trial: a.trial,
    username,
    password,
    ...(a.allowedIps && a.allowedIps.length > 0 ? { allowed_ips: a.allowedIps } : {}),
    ...extras(a),
  }
  return createOp(env, {
    profileId: a.profileId,
    resource: 'lines',
    key: username,
    cost: packagePrice(pkg, a.trial),
    prepared: { params, context: { key: username, packageId: pkg.id, trial: a.trial }, secrets: [password] },
    panelNames: panelNames(account),
    bulkRunId,
  })
}

export async function deviceCreateOp(env: SpendingEnv, resource: 'mags' | 'enigmas', a: DeviceCreate, bulkRunId?: string): Promise<WriteOp> {
  // One canonical MAC: the panel stores it as sent, so forms must not differ between create and lookup (panel-api §9.1).
  const mac = normaliseMac(a.mac, actionFor(resource, 'create'))
  const pkg = await knownPackage(env, a.profileId, a.packageId, resource)
  const params = {
    mac,
    package: pkg.id,
    trial: a.trial,
    ...(a.allowedIps && a.allowedIps.length > 0 ? { allowed_ips: a.allowedIps } : {}),
    ...extras(a),
  }
  return createOp(env, {
    profileId: a.profileId,
    resource,
    key: mac,
    cost: packagePrice(pkg, a.trial),
    prepared: { params, context: { key: mac, packageId: pkg.id, trial: a.trial } },
    bulkRunId,
  })
}

export async function activeCodeCreateOp(env: SpendingEnv, a: ActiveCodeCreate, bulkRunId?: string): Promise<WriteOp> {
  const account = await knownAccount(env, a.profileId)
  const pkg = await knownPackage(env, a.profileId, a.packageId, 'activecodes')
  const code = a.code || generateCode(account)
  const params = { package: pkg.id, trial: a.trial, code, ...extras(a) }
  return createOp(env, {
    profileId: a.profileId,
    resource: 'activecodes',
    key: code,
    cost: packagePrice(pkg, a.trial),
    prepared: { params, context: { key: code, packageId: pkg.id, trial: a.trial } },
    bulkRunId,
  })
}

export async function subResellerCreateOp(env: SpendingEnv, a: SubResellerCreate): Promise<WriteOp> {
  const account = await knownAccount(env, a.profileId)
  const username = a.username || generateUsername(account)
  const password = a.password || generatePassword(account)
  checkLengths(account, username, password)
  const price = account?.permissions.createSubResellerPrice ?? 0
  const params = {
    username,
    password,
    ...(a.email ? { email: a.email } : {}),
    ...(a.memberGroupId !== undefined ? { member_group_id: a.memberGroupId } : {}),
    ...(a.resellerDns ? { reseller_dns: a.resellerDns } : {}),
    ...(a.notes ? { notes: a.notes } : {}),
  }
  return createOp(env, {
    profileId: a.profileId,
    resource: 'subResellers',
    key: username,
    cost: price > 0 ? Math.trunc(price) : 0,
    prepared: { params, context: { key: username }, secrets: [password] },
    panelNames: panelNames(account),
    // The panel never shows a sub-reseller's password again: hand a generated one back once.
    ...(a.password ? {} : { reveal: { username, password } }),
  })
}
