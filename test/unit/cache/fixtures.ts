/**
 * Seeded synthetic sets that look like a real panel, for cache tests and the
 * cache benchmark. The hand-made rows they are built from live in
 * test/helpers/rows.ts (one set for every test).
 */
import type { Line } from '../../../electron/shared/domain'
import { DAY, line, NOW } from '../../helpers/rows'
import { mulberry32 as rng } from '../../../electron/simulator/prng'

/** The fixed "now" the synthetic sets are dated around (benchmarks import it from here). */
export { NOW }

/** Small seeded PRNG (the simulator's mulberry32) so synthetic sets are the same on every run. */
export { rng }

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
