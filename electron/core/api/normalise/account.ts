/**
 * user_info → AccountInfo. Upstream puts the group's permissions in a
 * `permissions` object that is a SIBLING of `data` (panel-api §4); a panel that
 * nests it inside `data` is read too. Length minimums default to the schema's
 * 8 and 8 (panel-api §9.2).
 */
import type { AccountInfo } from '../../../shared/domain'
import { bool, first, int, isObject, num, rowId, text, unix, UnreadableValue, type Raw } from './coerce'

const DEFAULT_MIN_LENGTH = 8

function minLength(v: unknown): number {
  const n = int(v)
  return n !== null && n >= 0 && n <= 1000 ? n : DEFAULT_MIN_LENGTH
}

/** Absent stays 0 (as before); present but not a finite number is a bad answer, not "0 credits". */
function balance(v: unknown): number {
  if (v === undefined || v === null || v === '') return 0
  const n = num(v)
  if (n === null)
    throw new UnreadableValue(
      'The panel sent a balance that is not a number of credits, so it was not used. Refresh later; if it persists, tell your provider.',
    )
  return n
}

export function normaliseAccount(data: unknown, envelope: Raw): AccountInfo | null {
  if (!isObject(data)) return null
  const id = rowId(data.id)
  if (id === null) return null
  const p: Raw = isObject(envelope.permissions)
    ? envelope.permissions
    : isObject(data.permissions)
      ? data.permissions
      : {}
  return {
    id,
    username: text(data.username),
    email: text(data.email),
    credits: balance(data.credits),
    enabled: bool(data.status, true),
    resellerDns: text(data.reseller_dns),
    memberGroupId: int(data.member_group_id),
    createdAt: unix(first(data, 'created_at', 'date_registered')),
    permissions: {
      allowChangeUsername: bool(p.allow_change_username, null),
      allowChangePassword: bool(p.allow_change_password, null),
      allowChangeBouquets: bool(p.allow_change_bouquets, null),
      allowRestrictions: bool(p.allow_restrictions, null),
      minUsernameLength: minLength(p.minimum_username_length),
      minPasswordLength: minLength(p.minimum_password_length),
      totalAllowedTrials: int(p.total_allowed_gen_trials),
      createSubResellerPrice: num(p.create_sub_resellers_price),
      minCodeLength: int(p.min_code_length),
      maxCodeLength: int(p.max_code_length),
    },
  }
}
