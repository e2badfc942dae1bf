/**
 * Sub-reseller actions and adjust_credits (panel-api §4, §7). Every target must be a
 * strict descendant of the caller: self is refused (matches [NEW]; upstream lets
 * adjust_credits on yourself mint credits).
 */
import type { Ctx, Reply } from '../context'
import { WHITELIST, bare, charge, echoError, failure, filtered, idParam, recordWrite, str, success } from '../context'
import type { SimUser } from '../model'
import { intval, isNumeric } from '../php'
import { canCreateSubResellers } from '../permissions'
import { randHex } from '../prng'
import { userRow } from '../rows'
import { applyColumns, out } from '../shape'
import { addUser } from '../store'
import { generateString, generatedLength } from '../validate'

function descendant(ctx: Ctx, id: number | null): SimUser | undefined {
  if (id === null || id === ctx.caller.id || !ctx.tree.has(id)) return undefined
  return ctx.st.users.get(id)
}

const usernameTaken = (ctx: Ctx, name: string, selfId: number | null): boolean =>
  ctx.st.users.rows.some((u) => u.id !== selfId && u.username.toLowerCase() === name.toLowerCase())

/** member_group_id must be one the caller may hand out, else the first of them (panel-api §7). */
function groupFor(ctx: Ctx, raw: string | undefined, fallback: number): number {
  const wanted = raw === undefined ? NaN : intval(raw)
  if (ctx.group.subresellers.includes(wanted)) return wanted
  return raw === undefined ? fallback : (ctx.group.subresellers[0] ?? fallback)
}

/** Username/password checks for sub-resellers (unique across users, case-insensitive). */
function userCredError(ctx: Ctx, username: string, password: string, self: SimUser | null): string | null {
  const g = ctx.group
  if ((!self || username !== self.username) && username.length < g.minimum_username_length)
    return 'STATUS_INVALID_USERNAME'
  if ((!self || password !== self.password) && password.length < g.minimum_password_length)
    return 'STATUS_INVALID_PASSWORD'
  if ((!self || username !== self.username) && usernameTaken(ctx, username, self?.id ?? null))
    return 'STATUS_EXISTS_USERNAME'
  return null
}

/** Costs create_sub_resellers_price (intval); the new sub-reseller starts at 0 credits. */
export function createUser(ctx: Ctx): Reply {
  const { st, group, params } = ctx
  if (!canCreateSubResellers(group)) return bare('STATUS_NO_PERMISSIONS')
  const echo = filtered(params, WHITELIST.user)
  const cost = intval(group.create_sub_resellers_price)
  if (ctx.caller.credits - cost < 0) return echoError('STATUS_INSUFFICIENT_CREDITS', echo)
  const username = str(params, 'username') || generateString(st.rng, generatedLength(group.minimum_username_length))
  const password = str(params, 'password') || generateString(st.rng, generatedLength(group.minimum_password_length))
  const err = userCredError(ctx, username, password, null)
  if (err) return echoError(err, { ...echo, username, password })
  const ownerRaw = str(params, 'owner_id')
  const owner = ownerRaw !== undefined && ctx.tree.has(intval(ownerRaw)) ? intval(ownerRaw) : ctx.caller.id
  const user = addUser(st, {
    id: st.nextId.user,
    username,
    password,
    email: str(params, 'email') ?? '',
    ip: '',
    date_registered: ctx.nowSec,
    last_login: null,
    member_group_id: groupFor(ctx, str(params, 'member_group_id'), group.subresellers[0] ?? group.group_id),
    credits: 0,
    notes: str(params, 'notes') ?? '',
    status: 1,
    reseller_dns: str(params, 'reseller_dns') ?? '',
    owner_id: owner,
    override_packages: {},
    api_key: randHex(st.rng, 32),
    timezone: 'UTC',
  })
  charge(ctx.caller, cost)
  recordWrite(ctx, {
    kind: 'new',
    target: `user:${username}`,
    cost,
    log: { type: 'user', action: 'new', log_id: user.id, package_id: null },
  })
  return success(userRow(st, user))
}

/** Free; only sent fields change. */
export function editUser(ctx: Ctx): Reply {
  const { params } = ctx
  const id = idParam(params)
  const exists = id !== null && ctx.st.users.get(id) !== undefined
  const user = descendant(ctx, id)
  if (!user) return exists ? bare('STATUS_NO_PERMISSIONS') : failure()
  const username = str(params, 'username') || user.username
  const password = str(params, 'password') || user.password
  const err = userCredError(ctx, username, password, user)
  if (err) return echoError(err, { id: String(user.id), ...filtered(params, WHITELIST.user) })
  user.username = username
  user.password = password
  for (const f of ['email', 'reseller_dns', 'notes'] as const) {
    const v = str(params, f)
    if (v !== undefined) user[f] = v
  }
  user.member_group_id = groupFor(ctx, str(params, 'member_group_id'), user.member_group_id)
  recordWrite(ctx, {
    kind: 'edit',
    target: `user:${user.id}`,
    cost: 0,
    log: { type: 'user', action: 'edit', log_id: user.id, package_id: null },
  })
  return success(userRow(ctx.st, user))
}

/** Password (and api_key) never leave (panel-api §4 get_user). */
export function getUser(ctx: Ctx): Reply {
  const user = descendant(ctx, idParam(ctx.params))
  return user ? success(applyColumns(ctx.params, userRow(ctx.st, user))) : failure()
}

/**
 * Needs delete_users. The deleted user's credits are lost (no refund, panel-api §7); its
 * lines, codes and sub-resellers are re-owned by the caller rather than orphaned
 * (upstream orphans them with NULL owners, which hides them from everyone).
 */
export function deleteUser(ctx: Ctx): Reply {
  const { st } = ctx
  const user = ctx.group.delete_users ? descendant(ctx, idParam(ctx.params)) : undefined
  if (!user) return failure()
  for (const l of st.lines.rows) if (l.member_id === user.id) l.member_id = ctx.caller.id
  for (const a of st.activecodes.rows) if (a.member_id === user.id) a.member_id = ctx.caller.id
  for (const u of st.users.rows) if (u.owner_id === user.id) u.owner_id = ctx.caller.id
  st.users.remove(user.id)
  recordWrite(ctx, { kind: 'delete', target: `user:${user.id}`, cost: 0 })
  return success()
}

export function toggleUser(status: 0 | 1): (ctx: Ctx) => Reply {
  return (ctx) => {
    const user = descendant(ctx, idParam(ctx.params))
    if (!user) return failure()
    user.status = status
    recordWrite(ctx, { kind: status ? 'enable' : 'disable', target: `user:${user.id}`, cost: 0 })
    return success()
  }
}

/**
 * A transfer: parent −= n, child += n (intval arithmetic); both must stay ≥ 0, else
 * STATUS_FAILURE; non-numeric → STATUS_FAILURE. Negative n pulls credits back.
 */
export function adjustCredits(ctx: Ctx): Reply {
  const user = descendant(ctx, idParam(ctx.params))
  const raw = str(ctx.params, 'credits')
  if (!user || raw === undefined || !isNumeric(raw)) return failure()
  const n = intval(raw)
  const parentNew = intval(ctx.caller.credits) - n
  const childNew = intval(user.credits) + n
  if (parentNew < 0 || childNew < 0) return failure()
  const before = user.credits
  ctx.caller.credits = parentNew
  user.credits = childNew
  const note = str(ctx.params, 'note') ?? ''
  recordWrite(ctx, {
    kind: 'adjust',
    target: `user:${user.id}`,
    cost: n,
    log: { type: 'user', action: 'adjust_credits', log_id: user.id, package_id: null },
  })
  if (ctx.st.variants.adjustResponse === 'bare') return success()
  return success(out(ctx.st, { id: user.id, credits_before: before, credits_after: childNew, adjusted: n, note }))
}
