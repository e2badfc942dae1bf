import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../electron/simulator/index'
import { call, start } from './helpers'

let sim: RunningSimulator
beforeEach(async () => {
  sim = await start()
})
afterEach(async () => {
  await sim.close()
})

const kinds = [
  { n: 'mag', idKey: 'mag_id', pkg: 7, table: () => sim.state.mags },
  { n: 'enigma', idKey: 'device_id', pkg: 7, table: () => sim.state.enigmas },
] as const

describe.each(kinds)('$n devices', ({ n, idKey, pkg, table }) => {
  it(`create_${n}: device row + its own line with 32-char credentials, charged, MAC stored as sent`, async () => {
    const r = await call(sim, `create_${n}`, {
      mac: '00:1a:79:ab:cd:ef',
      package: pkg,
      trial: 0,
      reseller_notes: 'box <1>',
    })
    expect(r.json.status).toBe('STATUS_SUCCESS')
    expect(r.json.data.mac).toBe('00:1a:79:ab:cd:ef')
    expect(r.json.data.user.username).toHaveLength(32)
    expect(r.json.data.user.password).toHaveLength(32)
    expect(r.json.data.user.reseller_notes).toBe('box &lt;1&gt;')
    expect(r.json.data.paired).toBeNull()
    expect(r.json.data.user[n === 'mag' ? 'is_mag' : 'is_e2']).toBe(1)
    expect(sim.credits()).toBe(994)
    expect(sim.ledger()).toEqual([
      expect.objectContaining({ action: `create_${n}`, kind: 'new', target: `${n}:00:1A:79:AB:CD:EF`, cost: 6 }),
    ])
    const got = await call(sim, `get_${n}`, { id: r.json.data[idKey] })
    expect(got.json.data[idKey]).toBe(r.json.data[idKey])
    expect(got.json.data.user.id).toBe(r.json.data.user_id)
  })

  it('accepts the three PHP MAC forms and rejects others (INVALID_MAC after the package checks)', async () => {
    for (const mac of ['00-1A-79-00-00-01', '001a.7900.0002']) {
      expect((await call(sim, `create_${n}`, { mac, package: pkg })).json.status).toBe('STATUS_SUCCESS')
    }
    for (const mac of ['001A79000003', '00:1A-79:00:00:03', '00:1A:79:00:03', '']) {
      const r = await call(sim, `create_${n}`, { mac, package: pkg })
      expect(r.json.status).toBe('STATUS_INVALID_MAC')
      expect(r.json.data).toMatchObject({ package: String(pkg) })
    }
    expect((await call(sim, `create_${n}`, { mac: 'nonsense', package: 6 })).json.status).toBe('STATUS_INVALID_TYPE')
  })

  it('EXISTS_MAC within the same table, case-insensitive; separators count', async () => {
    const existing = table().rows[0]!.mac
    expect((await call(sim, `create_${n}`, { mac: existing.toLowerCase(), package: pkg })).json.status).toBe(
      'STATUS_EXISTS_MAC',
    )
    expect((await call(sim, `create_${n}`, { mac: existing.replace(/:/g, '-'), package: pkg })).json.status).toBe(
      'STATUS_SUCCESS',
    )
  })

  it(`edit_${n}: new MAC checked, extension charged on the device's line`, async () => {
    const [a, b] = table().rows.filter((d) => sim.state.lines.get(d.user_id)?.member_id === sim.state.resellerId)
    if (!a || !b) throw new Error('seed lacks owned devices')
    const id = n === 'mag' ? (a as { mag_id: number }).mag_id : (a as { device_id: number }).device_id
    expect((await call(sim, `edit_${n}`, { id, mac: b.mac })).json.status).toBe('STATUS_EXISTS_MAC')
    expect((await call(sim, `edit_${n}`, { id, mac: 'bad' })).json.status).toBe('STATUS_INVALID_MAC')
    const r = await call(sim, `edit_${n}`, { id, mac: 'AA:BB:CC:DD:EE:01', package: pkg })
    expect(r.json.status).toBe('STATUS_SUCCESS')
    expect(r.json.data.mac).toBe('AA:BB:CC:DD:EE:01')
    expect(r.json.data.user.package_id).toBe(pkg)
    expect(sim.credits()).toBe(994)
    expect(sim.ledger().at(-1)).toMatchObject({ kind: 'extend', target: `${n}:${id}`, cost: 6 })
  })

  it(`toggles the line, deletes device + line, converts to an M3U line (free), only when owned`, async () => {
    const own = table().rows.filter((d) => sim.state.lines.get(d.user_id)?.member_id === sim.state.resellerId)
    const idOf = (d: unknown): number => (d as Record<string, number>)[idKey]!
    const [d1, d2, d3] = own
    if (!d1 || !d2 || !d3) throw new Error('seed lacks owned devices')
    // A device outside our tree: hand d3's line to the foreign reseller.
    const foreign = d3
    sim.state.lines.get(d3.user_id)!.member_id = 2
    expect((await call(sim, `disable_${n}`, { id: idOf(d1) })).json.status).toBe('STATUS_SUCCESS')
    expect(sim.state.lines.get(d1.user_id)?.enabled).toBe(0)
    expect((await call(sim, `enable_${n}`, { id: idOf(d1) })).json.status).toBe('STATUS_SUCCESS')
    expect(sim.state.lines.get(d1.user_id)?.enabled).toBe(1)

    const line = sim.state.lines.get(d2.user_id)!
    const before = sim.credits()
    const conv = await call(sim, `convert_${n}`, { id: idOf(d2) })
    expect(conv.json.status).toBe('STATUS_SUCCESS')
    expect(conv.json.data).toMatchObject({
      id: line.id,
      username: line.username,
      password: line.password,
      is_mag: 0,
      is_e2: 0,
    })
    expect(conv.json.data.username).toHaveLength(32)
    expect(table().get(idOf(d2))).toBeUndefined()
    expect(sim.state.lines.get(line.id)).toBeDefined()
    expect(sim.credits()).toBe(before)

    expect((await call(sim, `delete_${n}`, { id: idOf(d1) })).json.status).toBe('STATUS_SUCCESS')
    expect(table().get(idOf(d1))).toBeUndefined()
    expect(sim.state.lines.get(d1.user_id)).toBeUndefined()
    expect((await call(sim, `get_${n}`, { id: idOf(d1) })).json).toEqual({ status: 'STATUS_FAILURE' })
    expect(sim.ledger().map((e) => e.kind)).toEqual(['disable', 'enable', 'convert', 'delete'])

    for (const a of ['get', 'delete', 'disable', 'enable', 'convert']) {
      expect((await call(sim, `${a}_${n}`, { id: idOf(foreign) })).json).toEqual({ status: 'STATUS_FAILURE' })
    }
    expect((await call(sim, `edit_${n}`, { id: idOf(foreign) })).json).toEqual({ status: 'STATUS_NO_PERMISSIONS' })
    expect(table().get(idOf(foreign))).toBeDefined()
    expect((await call(sim, `edit_${n}`, { id: 999999 })).json).toEqual({ status: 'STATUS_FAILURE' })
  })
})

it('the same MAC may exist as a MAG and as an Enigma2 device', async () => {
  const mac = sim.state.mags.rows[0]!.mac
  expect((await call(sim, 'create_enigma', { mac, package: 7 })).json.status).toBe('STATUS_SUCCESS')
})
