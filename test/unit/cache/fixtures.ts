/**
 * Domain rows for cache tests and the cache benchmark: hand-made ones with
 * sensible defaults, and seeded synthetic sets that look like a real panel.
 */
import type { ActiveCode, ActivityLog, CreditLog, EnigmaDevice, Line, MagDevice, SubReseller } from '../../../electron/shared/domain'

export const NOW = 1_750_000_000 // unix seconds, fixed so status chips are deterministic
const DAY = 86_400

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
  return {
    id,
    lineId: 1000 + id,
    mac: `00:1A:79:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`,
    username: `mag${id}`,
    password: `pw${id}`,
    stbType: 'MAG254',
    memberId: 7,
    ownerName: 'reseller1',
    packageId: 2,
    expDate: NOW + 30 * DAY,
    createdAt: NOW - 10 * DAY,
    enabled: true,
    adminEnabled: true,
    isTrial: false,
    isIspLock: false,
    maxConnections: 1,
    activeConnections: 0,
    allowedIps: [],
    bouquets: [],
    resellerNotes: '',
    ...over,
  }
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

/** Small seeded PRNG (mulberry32) so synthetic sets are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FIRST = ['john', 'maria', 'ahmed', 'li', 'olga', 'pierre', 'fatima', 'jose', 'anna', 'mehmet', 'sven', 'chloé', 'yusuf', 'ivan', 'nora', 'kofi']
const LAST = ['smith', 'garcia', 'khan', 'wang', 'petrova', 'dubois', 'ali', 'santos', 'berg', 'yilmaz', 'müller', 'okafor']
const NOTES = ['', '', '', '', 'living room', 'Samsung TV', 'paid cash', 'friend of Ahmed', 'call +44 7700 900123', 'hotel room 12', 'trial → buy?', 'renew in March', 'kids tablet']
const OWNERS = ['reseller1', 'sub_north', 'sub_south', 'sub_east']

/** `count` lines that look like a panel's: varied names, notes, expiries (10% unlimited), some disabled/banned/trial. */
export function syntheticLines(count: number, seed: number, firstId = 1): Line[] {
  const r = rng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T
  const out: Line[] = []
  for (let i = 0; i < count; i++) {
    const id = firstId + i
    const name = `${pick(FIRST)}${r() < 0.5 ? '_' : '.'}${pick(LAST)}${Math.floor(r() * 1000)}`
    out.push(
      line(id, {
        username: r() < 0.15 ? `u${100000 + id}` : name,
        password: Math.floor(r() * 1e10).toString(36),
        ownerName: pick(OWNERS),
        packageId: 1 + Math.floor(r() * 12),
        expDate: r() < 0.1 ? null : NOW + Math.floor((r() * 425 - 60) * DAY),
        createdAt: NOW - Math.floor(r() * 700 * DAY),
        enabled: r() > 0.08,
        adminEnabled: r() > 0.02,
        isTrial: r() < 0.1,
        maxConnections: 1 + Math.floor(r() * 3),
        resellerNotes: pick(NOTES),
        lastActivity: r() < 0.3 ? null : NOW - Math.floor(r() * 30 * DAY),
      }),
    )
  }
  return out
}

/** What a panel's raw get_lines row looks like (snake_case, strings), for the `raw` column. */
export function rawLine(l: Line): Record<string, unknown> {
  return {
    id: String(l.id),
    username: l.username,
    password: l.password,
    exp_date: l.expDate === null ? null : String(l.expDate),
    enabled: l.enabled ? '1' : '0',
    admin_enabled: l.adminEnabled ? '1' : '0',
    is_trial: l.isTrial ? '1' : '0',
    reseller_notes: l.resellerNotes,
  }
}
