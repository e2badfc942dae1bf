/**
 * `users` rows → SubReseller. List rows carry `date_registered`/`last_login` as
 * FROM_UNIXTIME date strings, get_user/create_user rows as unix numbers
 * (panel-api §5, §6); `status` is the enabled flag.
 */
import type { SubReseller } from '../../../shared/domain'
import { bool, first, int, isObject, num, rowId, rowNormaliser, text, textOrNull, unix, type Sent } from './coerce'

export const normaliseSubReseller = rowNormaliser<SubReseller>((v, id, s) => ({
  id,
  username: text(first(v, 'username') ?? s.username),
  email: text(first(v, 'email') ?? s.email),
  credits: num(v.credits) ?? 0,
  enabled: bool(first(v, 'status', 'enabled'), true),
  ownerId: int(v.owner_id),
  ownerName: textOrNull(first(v, 'owner_username', 'owner_name')),
  memberGroupId: int(first(v, 'member_group_id') ?? s.member_group_id),
  groupName: textOrNull(v.group_name),
  notes: text(first(v, 'notes') ?? s.notes),
  resellerDns: text(first(v, 'reseller_dns') ?? s.reseller_dns),
  ip: text(v.ip),
  dateRegistered: unix(first(v, 'date_registered', 'created_at')),
  lastLogin: unix(v.last_login),
  lineCount: int(first(v, 'user_count', 'line_count')),
}))

export interface CreditAdjustment {
  id: number
  creditsBefore: number | null
  creditsAfter: number | null
  adjusted: number
}

/**
 * adjust_credits: the XM doc answers `{id, credits_before, credits_after, adjusted}`;
 * upstream answers no data at all ('bare', panel-api §4/§7). Both are a success.
 */
export function normaliseAdjustment(v: unknown, sent: Sent): CreditAdjustment {
  const d = isObject(v) ? v : {}
  const s = sent ?? {}
  return {
    id: rowId(d.id) ?? rowId(s.id) ?? 0,
    creditsBefore: num(d.credits_before),
    creditsAfter: num(d.credits_after),
    adjusted: num(d.adjusted) ?? num(s.credits) ?? 0,
  }
}
