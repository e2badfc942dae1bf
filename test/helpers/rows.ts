/**
 * The one set of hand-made domain rows for tests (cache, writes, customers,
 * renderer): each builder gives a plausible row with fixed defaults, and a
 * test overrides only the fields it is about. Synthetic panel-sized sets are
 * built from these in test/unit/cache/fixtures.ts.
 */
import type { AccountInfo, ActiveCode, ActivityLog, CreditLog, EnigmaDevice, Line, MagDevice, Package, SubReseller } from '../../electron/shared/domain'

export const NOW = 1_750_000_000 // unix seconds, fixed so status chips are deterministic
export const DAY = 86_400

export function line(id: number, over: Partial<Line> = {}): Line {
  return {
    id,
    username: `user${id}`,
    password: `pw${id}`,
    memberId: 7,
    ownerName: 'reseller1',
    packageId: 1,
    expDate: NOW + 30 * DAY,
    createdAt: NOW - 100 * DAY,
    enabled: true,
    adminEnabled: true,
    isTrial: false,
    isIspLock: false,
    maxConnections: 1,
    activeConnections: 0,
    allowedIps: [],
    bouquets: [1, 2],
    resellerNotes: '',
    lastActivity: null,
    ...over,
  }
}

export function mag(id: number, over: Partial<MagDevice> = {}): MagDevice {
  const hex = id.toString(16).padStart(6, '0').toUpperCase()
  const { lastActivity: _a, ...device } = line(id, { username: `mag${id}`, packageId: 2, createdAt: NOW - 10 * DAY, bouquets: [] })
  return { ...device, lineId: 1000 + id, mac: `00:1A:79:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`, stbType: 'MAG254', ...over }
}

export function enigma(id: number, over: Partial<EnigmaDevice> = {}): EnigmaDevice {
  const { stbType: _s, ...m } = mag(id)
  return { ...m, username: `e2_${id}`, publicIp: '203.0.113.9', ...over }
}

export function activecode(id: number, over: Partial<ActiveCode> = {}): ActiveCode {
  return {
    id,
    code: String(1_000_000_000 + id),
    memberId: 7,
    ownerName: 'reseller1',
    packageId: 3,
    expDate: null,
    createdAt: NOW - DAY,
    enabled: true,
    adminEnabled: true,
    isTrial: false,
    isIspLock: false,
    bouquets: [],
    resellerNotes: '',
    mac: null,
    ...over,
  }
}

export function subReseller(id: number, over: Partial<SubReseller> = {}): SubReseller {
  return {
    id,
    username: `sub${id}`,
    email: `sub${id}@example.com`,
    credits: 10,
    enabled: true,
    ownerId: 7,
    ownerName: 'reseller1',
    memberGroupId: 2,
    groupName: 'Resellers',
    notes: '',
    resellerDns: '',
    ip: '',
    dateRegistered: NOW - 50 * DAY,
    lastLogin: null,
    lineCount: 0,
    ...over,
  }
}

export function activityLog(id: number, over: Partial<ActivityLog> = {}): ActivityLog {
  return {
    id,
    username: `user${id}`,
    lineId: id,
    streamId: 5,
    streamName: 'News HD',
    userAgent: 'VLC',
    userIp: '198.51.100.4',
    isp: 'ISP',
    country: 'DE',
    container: 'ts',
    dateStart: NOW - id,
    dateEnd: NOW - id + 60,
    deviceType: 'line',
    ...over,
  }
}

export function creditLog(id: number, over: Partial<CreditLog> = {}): CreditLog {
  return { id, ownerName: 'reseller1', type: 'line', action: 'extend', targetId: id, packageId: 1, cost: 1, creditsAfter: 99, date: NOW - id, ...over }
}

/** An official one-month package for every device kind, 5 credits. */
export function pkg(id: number, over: Partial<Package> = {}): Package {
  return {
    id,
    name: `Package ${id}`,
    isTrial: false,
    isOfficial: true,
    officialCredits: 5,
    trialCredits: 0,
    officialDuration: 1,
    officialDurationIn: 'months',
    trialDuration: 24,
    trialDurationIn: 'hours',
    isLine: true,
    isMag: true,
    isEnigma: true,
    groups: [],
    bouquets: [1, 2],
    maxConnections: 1,
    ...over,
  }
}

/** The reseller's own account (user_info) with `credits` and generous permissions. */
export function account(credits: number, permissions: Partial<AccountInfo['permissions']> = {}): AccountInfo {
  return {
    id: 1,
    username: 'me',
    email: '',
    credits,
    enabled: true,
    resellerDns: '',
    memberGroupId: 1,
    createdAt: null,
    permissions: {
      allowChangeUsername: true,
      allowChangePassword: true,
      allowChangeBouquets: true,
      allowRestrictions: true,
      minUsernameLength: 8,
      minPasswordLength: 10,
      totalAllowedTrials: 5,
      createSubResellerPrice: 20,
      minCodeLength: 10,
      maxCodeLength: 12,
      ...permissions,
    },
  }
}
