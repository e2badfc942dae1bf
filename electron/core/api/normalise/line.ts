/**
 * Lines rows → Line. Three shapes reach here (panel-api §4-§6):
 * - the XM doc's examples (`status`, `bouquets` array, `created_at` date string);
 * - full XUI `lines` rows from get_line/create_line (`bouquet` JSON string, unix times);
 * - get_lines table rows (no package_id/bouquet/is_isplock; owner_name, active_connections).
 * Missing fields get safe defaults; a row without a usable id gives null.
 */
import type { Line } from '../../../shared/domain'
import { bool, first, int, intList, rowNormaliser, text, textList, textOrNull, unix, type Raw } from './coerce'

/** `enabled` if the panel sends it, else the XM doc's `status` (1 = enabled), else true. */
export function enabledOf(enabled: unknown, status: unknown): boolean {
  return bool(enabled, null) ?? bool(status, true)
}

/** The owner/package/expiry/flag fields lines and activation codes read alike (codes are lines-like rows, panel-api §9.3). */
export function subscriptionOf(
  v: Raw,
  s: Raw,
): Pick<
  Line,
  | 'memberId'
  | 'ownerName'
  | 'packageId'
  | 'expDate'
  | 'createdAt'
  | 'enabled'
  | 'adminEnabled'
  | 'isTrial'
  | 'isIspLock'
> {
  return {
    memberId: int(v.member_id),
    ownerName: textOrNull(first(v, 'owner_name', 'owner_username')),
    packageId: int(first(v, 'package_id') ?? s.package),
    expDate: unix(v.exp_date),
    createdAt: unix(v.created_at),
    enabled: enabledOf(v.enabled, v.status),
    adminEnabled: bool(v.admin_enabled, true),
    isTrial: bool(v.is_trial, false),
    isIspLock: bool(v.is_isplock, false),
  }
}

export const normaliseLine = rowNormaliser<Line>((v, id, s) => ({
  id,
  username: text(first(v, 'username') ?? s.username),
  password: text(first(v, 'password') ?? s.password),
  ...subscriptionOf(v, s),
  maxConnections: int(v.max_connections),
  activeConnections: int(v.active_connections),
  allowedIps: textList(v.allowed_ips),
  bouquets: intList(first(v, 'bouquet', 'bouquets')),
  resellerNotes: text(first(v, 'reseller_notes') ?? s.reseller_notes),
  lastActivity: unix(v.last_activity),
}))
