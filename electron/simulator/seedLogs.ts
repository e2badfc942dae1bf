/** Seeded activity logs, live connections and credit/action logs (users_logs). */
import type { SimUserLog, SimulatorState } from './model'
import { type Rng, pick, randHex, randInt } from './prng'
import { CONTAINERS, COUNTRIES, ISPS, STREAMS, USER_AGENTS } from './seedData'
import { treeIds } from './store'

const DAY = 86400

export function seedLogs(st: SimulatorState, rng: Rng, nowSec: number): void {
  const lines = st.lines.rows
  if (lines.length === 0) return
  const streamOf = (): { stream_id: number; stream_display_name: string; type: 'live' | 'movie' | 'series' } => {
    const idx = randInt(rng, 0, STREAMS.length - 1)
    const name = STREAMS[idx] ?? 'Stream'
    return {
      stream_id: 1000 + idx,
      stream_display_name: name,
      type: name.includes('S01') ? 'series' : name.includes('(') ? 'movie' : 'live',
    }
  }
  const activityCount = Math.min(2000, Math.max(50, lines.length * 2))
  for (let i = 0; i < activityCount; i++) {
    const line = pick(rng, lines)
    const start = nowSec - randInt(rng, 120, 14 * DAY)
    st.activity.insert({
      activity_id: st.nextId.activity++,
      user_id: line.id,
      ...streamOf(),
      server_id: 1,
      user_agent: pick(rng, USER_AGENTS),
      user_ip: `84.${randInt(rng, 0, 255)}.${randInt(rng, 0, 255)}.${randInt(rng, 1, 254)}`,
      isp: pick(rng, ISPS),
      container: pick(rng, CONTAINERS),
      date_start: start,
      date_end: start + randInt(rng, 60, 4 * 3600),
      geoip_country_code: pick(rng, COUNTRIES),
    })
  }
  const activeLines = lines.filter((l) => l.enabled && l.admin_enabled && (l.exp_date === null || l.exp_date > nowSec))
  const liveCount = Math.min(300, Math.ceil(lines.length * 0.05))
  for (let i = 0; i < liveCount && activeLines.length > 0; i++) {
    const line = pick(rng, activeLines)
    if (line.active_connections >= line.max_connections) continue
    line.active_connections++
    line.last_activity = nowSec
    st.live.insert({
      activity_id: st.nextId.live++,
      user_id: line.id,
      ...streamOf(),
      server_id: 1,
      user_agent: pick(rng, USER_AGENTS),
      user_ip: line.last_ip ?? `84.1.2.${randInt(rng, 1, 254)}`,
      isp: pick(rng, ISPS),
      container: pick(rng, CONTAINERS),
      uuid: randHex(rng, 32),
      date_start: nowSec - randInt(rng, 30, 3 * 3600),
      divergence: randInt(rng, 0, 30),
      geoip_country_code: pick(rng, COUNTRIES),
    })
  }
  seedUserLogs(st, rng)
}

/** Creation history of our tree's lines, oldest first (ids ascend with date, like the real table). */
function seedUserLogs(st: SimulatorState, rng: Rng): void {
  const tree = treeIds(st, st.resellerId)
  const owned = st.lines.rows.filter((l) => l.member_id !== null && tree.has(l.member_id))
  const picked: SimUserLog[] = []
  const count = Math.min(500, owned.length)
  for (let i = 0; i < count; i++) {
    const line = pick(rng, owned)
    const pkg = line.package_id === null ? undefined : st.packages.get(line.package_id)
    const cost = pkg ? Math.trunc(line.is_trial ? pkg.trial_credits : pkg.official_credits) : 0
    picked.push({
      id: 0,
      owner: line.member_id ?? st.resellerId,
      type: line.is_mag ? 'mag' : line.is_e2 ? 'enigma' : 'line',
      action: rng() < 0.7 ? 'new' : 'extend',
      log_id: st.magByLine.get(line.id) ?? st.enigmaByLine.get(line.id) ?? line.id,
      package_id: line.package_id,
      cost,
      credits_after: 0, // set below, from the owner's balance
      date: line.created_at,
    })
  }
  picked.sort((a, b) => a.date - b.date)
  // Each owner's balances read back from today's: the newest row ends at the balance the
  // account has now and each older one had its later charges more, as on a real panel
  // (panel-api §5, §7), so a history drawn from `credits_after` meets today's balance.
  const balance = new Map<number, number>()
  for (let i = picked.length - 1; i >= 0; i--) {
    const row = picked[i]!
    const after = balance.get(row.owner) ?? Math.trunc(st.users.get(row.owner)?.credits ?? 0)
    row.credits_after = after
    balance.set(row.owner, after + row.cost)
  }
  for (const row of picked) st.userLogs.insert({ ...row, id: st.nextId.userLog++ })
}
