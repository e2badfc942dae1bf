import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningSimulator, SimLine } from '../../../electron/simulator/index'
import { NOW, call, start } from './helpers'
import { treeIds } from '../../../electron/simulator/store'

const LISTS = [
  'get_lines',
  'get_mags',
  'get_enigmas',
  'get_activecodes',
  'get_users',
  'activity_logs',
  'live_connections',
  'user_logs',
]

let sim: RunningSimulator
beforeEach(async () => {
  sim = await start({ lines: 300, mags: 30, enigmas: 20, activecodes: 40 })
})
afterEach(async () => {
  await sim.close()
})

const tree = () => treeIds(sim.state, sim.state.resellerId)
const myPlainLines = (): SimLine[] => {
  const t = tree()
  return sim.state.lines.rows.filter((l) => !l.is_mag && !l.is_e2 && l.member_id !== null && t.has(l.member_id))
}

describe('list envelope (panel-api §5)', () => {
  it.each(LISTS)('%s: {status, data[], recordsTotal, recordsFiltered} in that order', async (action) => {
    const r = await call(sim, action, {}, { method: 'GET' })
    expect(Object.keys(r.json)).toEqual(['status', 'data', 'recordsTotal', 'recordsFiltered'])
    expect(r.json.status).toBe('STATUS_SUCCESS')
    expect(Array.isArray(r.json.data)).toBe(true)
    expect(r.json.data.length).toBeGreaterThan(0)
    expect(r.json.data.length).toBeLessThanOrEqual(50)
    expect(r.json.recordsTotal).toBe(r.json.recordsFiltered)
    expect(typeof r.json.recordsTotal).toBe('number')
  })

  it('without counts (upstream API-mode bug variant)', async () => {
    sim.state.variants.listCounts = false
    const r = await call(sim, 'get_lines')
    expect(Object.keys(r.json)).toEqual(['status', 'data'])
  })

  it('numericStrings: counts as strings when > 0, 0 stays a number; row values typed like clean_row', async () => {
    sim.state.variants.numericStrings = true
    const r = await call(sim, 'get_lines', { limit: 1 })
    expect(r.json.recordsTotal).toBe(String(myPlainLines().length))
    expect(typeof r.json.data[0].id).toBe('string')
    const none = await call(sim, 'get_lines', { 'search[value]': 'no-such-thing-anywhere' })
    expect(none.json).toEqual({ status: 'STATUS_SUCCESS', data: [], recordsTotal: 0, recordsFiltered: 0 })
  })

  it('a list the group may not see answers with the literal body `null`', async () => {
    sim.state.groups.get(3)!.reseller_client_connection_logs = 0
    const r = await call(sim, 'activity_logs')
    expect(r.status).toBe(200)
    expect(r.text).toBe('null')
    for (const p of sim.state.packages.rows) p.is_line = 0
    expect((await call(sim, 'get_lines')).text).toBe('null')
  })
})

describe('get_lines', () => {
  it('scopes to our tree, excludes device lines, pages by start/limit in id order', async () => {
    const mine = myPlainLines()
    const r = await call(sim, 'get_lines', { start: 10, limit: 25 })
    expect(r.json.recordsTotal).toBe(mine.length)
    expect(r.json.data.map((l: { id: number }) => l.id)).toEqual(mine.slice(10, 35).map((l) => l.id))
    expect(Object.keys(r.json.data[0])).toEqual([
      'id',
      'member_id',
      'last_activity',
      'last_activity_array',
      'username',
      'password',
      'exp_date',
      'admin_enabled',
      'is_restreamer',
      'enabled',
      'admin_notes',
      'reseller_notes',
      'max_connections',
      'is_trial',
      'active_connections',
      'owner_name',
      'stream_display_name',
      'stream_id',
      'last_active',
    ])
  })

  it('limit: garbage/0 → 50, > 1000 → 1000', async () => {
    expect((await call(sim, 'get_lines', { limit: 'abc' })).json.data).toHaveLength(50)
    expect((await call(sim, 'get_lines', { limit: 0 })).json.data).toHaveLength(50)
    await sim.close()
    sim = await start({ lines: 1500, mags: 0, enigmas: 0, activecodes: 0 })
    expect((await call(sim, 'get_lines', { limit: 5000 })).json.data).toHaveLength(1000)
  })

  it('filter 1..5 = active/disabled/banned/expired/trial (xm table)', async () => {
    const mine = myPlainLines()
    const expected: Record<number, (l: SimLine) => boolean> = {
      1: (l) => l.admin_enabled === 1 && l.enabled === 1 && (l.exp_date === null || l.exp_date > NOW),
      2: (l) => l.enabled === 0,
      3: (l) => l.admin_enabled === 0,
      4: (l) => l.exp_date !== null && l.exp_date <= NOW,
      5: (l) => l.is_trial === 1,
    }
    for (const f of [1, 2, 3, 4, 5]) {
      const r = await call(sim, 'get_lines', { filter: f, limit: 1000 })
      const want = mine.filter(expected[f]!).map((l) => l.id)
      expect(want.length).toBeGreaterThan(0)
      expect(r.json.data.map((l: { id: number }) => l.id)).toEqual(want)
      expect(r.json.recordsTotal).toBe(want.length)
    }
  })

  it('searches case-insensitively over username, notes, owner and the formatted exp date', async () => {
    const target = myPlainLines()[3]!
    const r = await call(sim, 'get_lines', { 'search[value]': target.username.toUpperCase() })
    expect(r.json.data.map((l: { id: number }) => l.id)).toContain(target.id)
    const notes = await call(sim, 'get_lines', { 'search[value]': '<monthly>', limit: 1000 })
    expect(notes.json.data.length).toBeGreaterThan(0)
    expect(notes.json.data.every((l: { reseller_notes: string }) => l.reseller_notes.includes('&lt;monthly&gt;'))).toBe(
      true,
    )
    const owner = await call(sim, 'get_lines', { 'search[value]': 'MYRESELLER', limit: 1000 })
    expect(owner.json.recordsTotal).toBe(myPlainLines().filter((l) => l.member_id === sim.state.resellerId).length)
    const year = new Date((target.exp_date ?? NOW) * 1000).toISOString().slice(0, 7)
    expect((await call(sim, 'get_lines', { 'search[value]': year })).json.recordsTotal).toBeGreaterThan(0)
  })

  it('orders by the §5 index map: 1 username, 9 exp_date; dir desc', async () => {
    const byName = (await call(sim, 'get_lines', { 'order[0][column]': 1, limit: 1000 })).json.data.map(
      (l: { username: string }) => l.username.toLowerCase(),
    )
    expect(byName).toEqual([...byName].sort())
    const byExp = (await call(sim, 'get_lines', { 'order[0][column]': 9, 'order[0][dir]': 'desc', limit: 1000 })).json
      .data
    const exps = byExp.map((l: { exp_date: number | null }) => l.exp_date ?? -Infinity)
    expect(exps).toEqual([...exps].sort((a: number, b: number) => b - a))
    const idsDesc = (await call(sim, 'get_lines', { 'order[0][dir]': 'desc', limit: 3 })).json.data.map(
      (l: { id: number }) => l.id,
    )
    expect(idsDesc).toEqual(
      myPlainLines()
        .slice(-3)
        .reverse()
        .map((l) => l.id),
    )
  })

  it('show_columns wins over hide_columns, per row', async () => {
    const shown = (await call(sim, 'get_lines', { show_columns: 'id,username', hide_columns: 'id', limit: 3 })).json
      .data
    expect(shown.every((r: object) => Object.keys(r).join() === 'id,username')).toBe(true)
    const hidden = (await call(sim, 'get_lines', { hide_columns: 'password,owner_name', limit: 3 })).json.data
    expect(hidden.every((r: object) => !('password' in r) && !('owner_name' in r) && 'username' in r)).toBe(true)
  })

  it('reseller=<id> narrows to one owner in the tree', async () => {
    const sub = sim.state.users.rows.find(
      (u) =>
        u.owner_id === sim.state.resellerId &&
        sim.state.lines.rows.some((l) => l.member_id === u.id && !l.is_mag && !l.is_e2),
    )!
    const r = await call(sim, 'get_lines', { reseller: sub.id, limit: 1000 })
    expect(r.json.data.length).toBeGreaterThan(0)
    expect(r.json.data.every((l: { member_id: number }) => l.member_id === sub.id)).toBe(true)
  })
})

describe('other lists', () => {
  it('get_mags: id = line id, mag_id = device id; get_enigmas: device_id', async () => {
    const m = (await call(sim, 'get_mags', { limit: 1 })).json.data[0]
    const dev = sim.state.mags.get(m.mag_id)!
    expect(m.id).toBe(dev.user_id)
    expect(m.mac).toBe(dev.mac)
    expect(m).toHaveProperty('stb_type')
    const e = (await call(sim, 'get_enigmas', { limit: 1 })).json.data[0]
    expect(sim.state.enigmas.get(e.device_id)?.user_id).toBe(e.id)
    expect(e).toHaveProperty('public_ip')
  })

  it('upstream filter table: for mags 3 = expired and 4 = trial; 5 ignored', async () => {
    sim.state.variants.filterTable = 'upstream'
    const t = tree()
    const myMags = sim.state.mags.rows.filter((m) => t.has(sim.state.lines.get(m.user_id)!.member_id!))
    const expired = myMags.filter((m) => {
      const e = sim.state.lines.get(m.user_id)!.exp_date
      return e !== null && e <= NOW
    })
    expect((await call(sim, 'get_mags', { filter: 3 })).json.recordsTotal).toBe(expired.length)
    expect((await call(sim, 'get_mags', { filter: 5 })).json.recordsTotal).toBe(myMags.length)
    sim.state.variants.filterTable = 'xm'
    const banned = myMags.filter((m) => sim.state.lines.get(m.user_id)!.admin_enabled === 0)
    expect((await call(sim, 'get_mags', { filter: 3 })).json.recordsTotal).toBe(banned.length)
  })

  it('get_activecodes rows carry code and filter like lines', async () => {
    const r = await call(sim, 'get_activecodes', { limit: 1000 })
    expect(r.json.data[0]).toHaveProperty('code')
    const trials = (await call(sim, 'get_activecodes', { filter: 5, limit: 1000 })).json.data
    expect(trials.every((a: { is_trial: number }) => a.is_trial === 1)).toBe(true)
  })

  it('get_users: our sub-resellers (not self), FROM_UNIXTIME dates, user_count; filter 1/2 on status', async () => {
    const r = await call(sim, 'get_users', { limit: 1000 })
    expect(r.json.recordsTotal).toBe(tree().size - 1)
    const row = r.json.data[0]
    expect(row.date_registered).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    expect(row.user_count).toBe(sim.state.lines.rows.filter((l) => l.member_id === row.id).length)
    expect(row).toHaveProperty('group_name')
    const disabled = (await call(sim, 'get_users', { filter: 2 })).json.data
    expect(disabled.every((u: { status: number }) => u.status === 0)).toBe(true)
    expect(disabled.length).toBe(1)
  })

  it('activity_logs are ordered by username by default; devices show their MAC as username', async () => {
    const r = await call(sim, 'activity_logs', { limit: 1000 })
    const names = r.json.data.map((a: { username: string }) => a.username.toLowerCase())
    expect(names).toEqual([...names].sort())
    const dev = r.json.data.find((a: { is_mag: number }) => a.is_mag === 1)
    if (dev) expect(dev.username).toMatch(/^00:1A:79/)
  })

  it('live_connections belong to our tree and match active_connections', async () => {
    const r = await call(sim, 'live_connections', { limit: 1000 })
    const t = tree()
    for (const c of r.json.data) expect(t.has(sim.state.lines.get(c.user_id)!.member_id!)).toBe(true)
  })

  it('user_logs: writes appear as new rows (oldest first); search by action', async () => {
    await call(sim, 'create_line', { package: 1 })
    const r = await call(sim, 'user_logs', { 'order[0][dir]': 'desc', limit: 1 })
    expect(r.json.data[0]).toMatchObject({
      username: 'myreseller',
      type: 'line',
      action: 'new',
      cost: 5,
      credits_after: 995,
      package_id: 1,
    })
    const adj = await call(sim, 'user_logs', { 'search[value]': 'adjust', limit: 1000 })
    expect(adj.json.recordsTotal).toBe(0)
  })
})

describe('100,000 lines', () => {
  let big: RunningSimulator
  beforeAll(async () => {
    big = await start({ lines: 100_000, mags: 40, enigmas: 20, activecodes: 30 })
  })
  afterAll(async () => {
    await big.close()
  })
  it('pages 1000 rows deep into the list and counts the whole tree', async () => {
    const t = treeIds(big.state, big.state.resellerId)
    const mine = big.state.lines.rows.filter((l) => !l.is_mag && !l.is_e2 && l.member_id !== null && t.has(l.member_id))
    const r = await call(big, 'get_lines', { start: 90_000, limit: 1000 })
    expect(r.json.recordsTotal).toBe(mine.length)
    expect(r.json.data.map((l: { id: number }) => l.id)).toEqual(mine.slice(90_000, 91_000).map((l) => l.id))
    const sorted = await call(big, 'get_lines', { 'order[0][column]': 1, limit: 10 })
    expect(sorted.json.data).toHaveLength(10)
  })
})
