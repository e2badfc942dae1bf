/**
 * Log rows (panel-api §5): activity_logs and live_connections rows share one shape
 * keyed by `activity_id`; user_logs rows are the credit ledger.
 */
import type { ActivityLog, CreditLog, LiveConnection } from '../../../shared/domain'
import { bool, first, int, num, rowId, rowNormaliser, text, unix, type Raw } from './coerce'

function deviceType(v: Raw): ActivityLog['deviceType'] {
  if (bool(v.is_mag, false)) return 'mag'
  if (bool(v.is_e2, false)) return 'enigma'
  return 'line'
}

/** FNV-1a, 31 bits: a stable positive id for a string key. */
function hashId(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 1 || 1
}

/**
 * In the Redis backend `activity_id` is the connection's uuid, not a number
 * (panel-api §5 live_connections); a hash of it keeps such rows addressable.
 */
function activityId(v: Raw): number | null {
  const n = rowId(first(v, 'activity_id', 'id'))
  if (n !== null) return n
  const key = text(first(v, 'activity_id', 'uuid'))
  return key === '' ? null : hashId(key)
}

function activityCommon(v: Raw, id: number): Omit<ActivityLog, 'dateEnd'> {
  return {
    id,
    username: text(v.username),
    lineId: int(v.user_id),
    streamId: int(v.stream_id),
    streamName: text(v.stream_display_name),
    userAgent: text(v.user_agent),
    userIp: text(v.user_ip),
    isp: text(v.isp),
    country: text(v.geoip_country_code),
    container: text(v.container),
    dateStart: unix(v.date_start),
    deviceType: deviceType(v),
  }
}

export const normaliseActivityLog = rowNormaliser<ActivityLog>(
  (v, id) => ({ ...activityCommon(v, id), dateEnd: unix(v.date_end) }),
  activityId,
)

export const normaliseLiveConnection = rowNormaliser<LiveConnection>(
  (v, id) => ({ ...activityCommon(v, id), serverId: int(v.server_id) }),
  activityId,
)

export const normaliseCreditLog = rowNormaliser<CreditLog>((v, id) => ({
  id,
  ownerName: text(first(v, 'username', 'owner_username', 'owner_name')),
  type: text(v.type),
  action: text(v.action),
  targetId: int(v.log_id),
  packageId: int(v.package_id),
  cost: num(v.cost) ?? 0,
  creditsAfter: num(v.credits_after),
  date: unix(v.date),
}))
