import { describe, expect, it } from 'vitest'
import { createSimulatorState, defaultApiKey } from '../../../electron/simulator/seed'
import { ACTIONS } from '../../../electron/simulator/dispatch'
import { treeIds } from '../../../electron/simulator/store'

const NOW_MS = Date.UTC(2025, 0, 15, 12, 0, 0)
const NOW = NOW_MS / 1000
const snapshot = (seed: number) => {
  const st = createSimulatorState({ seed, now: () => NOW_MS })
  return JSON.stringify({
    lines: st.lines.rows,
    mags: st.mags.rows,
    e2: st.enigmas.rows,
    codes: st.activecodes.rows,
    users: st.users.rows,
    logs: st.userLogs.rows,
  })
}

describe('seeding', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(snapshot(1)).toBe(snapshot(1))
    expect(snapshot(1)).not.toBe(snapshot(2))
    expect(defaultApiKey(1)).toMatch(/^[0-9a-f]{32}$/)
    expect(defaultApiKey(1)).toBe(defaultApiKey(1))
    expect(defaultApiKey(1)).not.toBe(defaultApiKey(2))
  })

  it('has the default counts: 200 lines + a line per device, 40 MAG, 20 Enigma2, 30 codes, 8 sub-resellers', () => {
    const st = createSimulatorState({ now: () => NOW_MS })
    expect(st.lines.size).toBe(260)
    expect(st.lines.rows.filter((l) => !l.is_mag && !l.is_e2)).toHaveLength(200)
    expect(st.mags.size).toBe(40)
    expect(st.enigmas.size).toBe(20)
    expect(st.activecodes.size).toBe(30)
    expect(treeIds(st, st.resellerId).size - 1).toBe(8)
    expect(st.users.get(st.resellerId)?.credits).toBe(1000)
  })

  it('seeds 100,000 lines with unique usernames (size only; speed is reported, not asserted)', () => {
    const t = performance.now()
    const st = createSimulatorState({ lines: 100_000, now: () => NOW_MS })
    const ms = performance.now() - t
    console.info(`seeded 100k lines in ${ms.toFixed(0)} ms`)
    const plain = st.lines.rows.filter((l) => !l.is_mag && !l.is_e2)
    expect(plain).toHaveLength(100_000)
    expect(new Set(st.lines.rows.map((l) => l.username.toLowerCase())).size).toBe(st.lines.size)
    expect(st.usernames.size).toBe(st.lines.size)
    // ids strictly increasing (the list engine relies on it)
    for (let i = 1; i < st.lines.rows.length; i++) expect(st.lines.rows[i]!.id > st.lines.rows[i - 1]!.id).toBe(true)
  })

  it('spreads statuses: active, expiring within 7 days, disabled, banned, expired, trial, unlimited', () => {
    const st = createSimulatorState({ now: () => NOW_MS, lines: 1000 })
    const ls = st.lines.rows
    expect(ls.some((l) => l.enabled && l.admin_enabled && l.exp_date !== null && l.exp_date > NOW + 7 * 86400)).toBe(
      true,
    )
    expect(ls.some((l) => l.exp_date !== null && l.exp_date > NOW && l.exp_date <= NOW + 7 * 86400)).toBe(true)
    expect(ls.some((l) => l.enabled === 0)).toBe(true)
    expect(ls.some((l) => l.admin_enabled === 0)).toBe(true)
    expect(ls.some((l) => l.exp_date !== null && l.exp_date <= NOW)).toBe(true)
    expect(ls.some((l) => l.is_trial === 1)).toBe(true)
    expect(ls.some((l) => l.exp_date === null)).toBe(true)
    expect(ls.some((l) => /[<>]/.test(l.reseller_notes))).toBe(true)
  })

  it('gives devices 32-char credentials, MAG MACs starting 00:1A:79, unique per table', () => {
    const st = createSimulatorState({ now: () => NOW_MS })
    for (const m of st.mags.rows) {
      expect(m.mac).toMatch(/^00:1A:79(:[0-9A-F]{2}){3}$/)
      const line = st.lines.get(m.user_id)!
      expect(line.is_mag).toBe(1)
      expect(line.username).toHaveLength(32)
      expect(line.password).toHaveLength(32)
    }
    for (const e of st.enigmas.rows) expect(st.lines.get(e.user_id)!.is_e2).toBe(1)
    expect(new Set(st.mags.rows.map((m) => m.mac)).size).toBe(st.mags.size)
    for (const a of st.activecodes.rows) expect(a.code).toMatch(/^\d{10}$/)
  })

  it('owns rows across our tree and outside it (for ownership checks)', () => {
    const st = createSimulatorState({ now: () => NOW_MS })
    const tree = treeIds(st, st.resellerId)
    expect(st.lines.rows.some((l) => l.member_id === st.resellerId)).toBe(true)
    expect(
      st.lines.rows.some((l) => l.member_id !== null && l.member_id !== st.resellerId && tree.has(l.member_id)),
    ).toBe(true)
    expect(st.lines.rows.some((l) => l.member_id !== null && !tree.has(l.member_id))).toBe(true)
    // an indirect sub-reseller exists (depth ≥ 2)
    expect(st.users.rows.some((u) => u.owner_id !== null && u.owner_id !== st.resellerId && tree.has(u.owner_id))).toBe(
      true,
    )
  })

  it('honours counts and credits options', () => {
    const st = createSimulatorState({
      lines: 3,
      mags: 0,
      enigmas: 1,
      activecodes: 0,
      subResellers: 0,
      credits: 7,
      now: () => NOW_MS,
    })
    expect(st.lines.size).toBe(4)
    expect(st.mags.size).toBe(0)
    expect(st.activecodes.size).toBe(0)
    expect(st.users.get(st.resellerId)?.credits).toBe(7)
  })

  it('rejects a malformed api key', () => {
    expect(() => createSimulatorState({ apiKey: 'nothex' })).toThrow(/32 hex/)
  })

  it('serves exactly the 44 documented actions', () => {
    expect(ACTIONS).toHaveLength(44)
    expect(new Set(ACTIONS).size).toBe(44)
  })
})
