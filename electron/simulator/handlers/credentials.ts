/** Username/password rules for lines (panel-api §9.2), shared by lines and devices. */
import type { Ctx } from '../context'
import { str } from '../context'
import type { SimLine, SimulatorState } from '../model'
import { generateString, generatedLength } from '../validate'

export type CredResult =
  { ok: true; username: string; password: string } | { ok: false; status: string; username: string; password: string }

/** A random value not used by any line (case-insensitive). */
export function freshUsername(st: SimulatorState, length: number): string {
  for (;;) {
    const u = generateString(st.rng, length)
    if (!st.usernames.has(u.toLowerCase())) return u
  }
}

/**
 * Create: supplied values are used only if the group allows changing them (else
 * silently replaced by generated ones); checks are length, length, then uniqueness
 * across all lines, case-insensitive. Edit: unchanged values are exempt; the
 * uniqueness check excludes the line itself (upstream checked the old name: a bug).
 */
export function lineCredentials(ctx: Ctx, current: SimLine | null): CredResult {
  const { st, group, params } = ctx
  const wantU = group.allow_change_username ? str(params, 'username') : undefined
  const wantP = group.allow_change_password ? str(params, 'password') : undefined
  let username = current?.username ?? ''
  let password = current?.password ?? ''
  let checkU = false
  let checkP = false
  if (wantU) {
    checkU = wantU !== current?.username
    username = wantU
  } else if (!current) username = freshUsername(st, generatedLength(group.minimum_username_length))
  if (wantP) {
    checkP = wantP !== current?.password
    password = wantP
  } else if (!current) password = generateString(st.rng, generatedLength(group.minimum_password_length))
  if (checkU && username.length < group.minimum_username_length)
    return { ok: false, status: 'STATUS_INVALID_USERNAME', username, password }
  if (checkP && password.length < group.minimum_password_length)
    return { ok: false, status: 'STATUS_INVALID_PASSWORD', username, password }
  if (checkU) {
    const owner = st.usernames.get(username.toLowerCase())
    if (owner !== undefined && owner !== current?.id)
      return { ok: false, status: 'STATUS_EXISTS_USERNAME', username, password }
  }
  return { ok: true, username, password }
}
