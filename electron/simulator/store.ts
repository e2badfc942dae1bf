/**
 * Index-keeping mutations of the state: every insert/remove/rename of a line,
 * device or code goes through here so the uniqueness maps never drift.
 */
import type { SimActiveCode, SimEnigma, SimLine, SimMag, SimulatorState, SimUser } from './model'
import type { Table } from './table'

/** Lines (by username) and codes (by code) are unique by a case-insensitive name kept in a map beside the table. */
interface NamedIndex<R extends { id: number }> {
  rows: Table<R>
  names: Map<string, number>
  name(r: R): string
  setName(r: R, name: string): void
  next: 'line' | 'activecode'
}

// lineNames and codeNames are alike on purpose: one descriptor per name-keyed table.
const lineNames = (st: SimulatorState): NamedIndex<SimLine> => ({
  rows: st.lines,
  names: st.usernames,
  name: (l) => l.username,
  setName: (l, name) => void (l.username = name),
  next: 'line',
})

const codeNames = (st: SimulatorState): NamedIndex<SimActiveCode> => ({
  rows: st.activecodes,
  names: st.codes,
  name: (a) => a.code,
  setName: (a, name) => void (a.code = name),
  next: 'activecode',
})

function addNamed<R extends { id: number }>(st: SimulatorState, ix: NamedIndex<R>, row: R): R {
  ix.rows.insert(row)
  ix.names.set(ix.name(row).toLowerCase(), row.id)
  if (row.id >= st.nextId[ix.next]) st.nextId[ix.next] = row.id + 1
  return row
}

function renameNamed<R extends { id: number }>(ix: NamedIndex<R>, row: R, name: string): void {
  ix.names.delete(ix.name(row).toLowerCase())
  ix.setName(row, name)
  ix.names.set(name.toLowerCase(), row.id)
}

export const addLine = (st: SimulatorState, line: SimLine): SimLine => addNamed(st, lineNames(st), line)
export const renameLine = (st: SimulatorState, line: SimLine, username: string): void =>
  renameNamed(lineNames(st), line, username)

/** Deletes a line, its device row if any, and its live connections (panel-api §4 delete_line). */
export function removeLine(st: SimulatorState, lineId: number): SimLine | undefined {
  const line = st.lines.remove(lineId)
  if (!line) return undefined
  if (st.usernames.get(line.username.toLowerCase()) === lineId) st.usernames.delete(line.username.toLowerCase())
  const magId = st.magByLine.get(lineId)
  if (magId !== undefined) removeMag(st, magId, false)
  const e2Id = st.enigmaByLine.get(lineId)
  if (e2Id !== undefined) removeEnigma(st, e2Id, false)
  for (const conn of st.live.rows.filter((c) => c.user_id === lineId)) st.live.remove(conn.activity_id)
  // Un-pair lines paired to it.
  for (const other of st.lines.rows) if (other.pair_id === lineId) other.pair_id = null
  return line
}

/** A device table and the maps kept with it: MAC → device id, line id → device id. */
interface DeviceIndex<D extends { user_id: number; mac: string }> {
  rows: Table<D>
  macs: Map<string, number>
  byLine: Map<number, number>
  idOf(d: D): number
  next: 'mag' | 'enigma'
}

const magIndex = (st: SimulatorState): DeviceIndex<SimMag> => ({
  rows: st.mags,
  macs: st.magMacs,
  byLine: st.magByLine,
  idOf: (m) => m.mag_id,
  next: 'mag',
})

const enigmaIndex = (st: SimulatorState): DeviceIndex<SimEnigma> => ({
  rows: st.enigmas,
  macs: st.enigmaMacs,
  byLine: st.enigmaByLine,
  idOf: (e) => e.device_id,
  next: 'enigma',
})

function addDevice<D extends { user_id: number; mac: string }>(st: SimulatorState, ix: DeviceIndex<D>, dev: D): D {
  const id = ix.idOf(dev)
  ix.rows.insert(dev)
  ix.macs.set(dev.mac.toLowerCase(), id)
  ix.byLine.set(dev.user_id, id)
  if (id >= st.nextId[ix.next]) st.nextId[ix.next] = id + 1
  return dev
}

function setDeviceMac<D extends { user_id: number; mac: string }>(ix: DeviceIndex<D>, dev: D, mac: string): void {
  ix.macs.delete(dev.mac.toLowerCase())
  dev.mac = mac
  ix.macs.set(mac.toLowerCase(), ix.idOf(dev))
}

/** Removes the device row; with `withLine` also its line (delete_mag), without it (convert_mag) the line stays. */
function removeDevice<D extends { user_id: number; mac: string }>(
  st: SimulatorState,
  ix: DeviceIndex<D>,
  id: number,
  withLine: boolean,
): D | undefined {
  const dev = ix.rows.remove(id)
  if (!dev) return undefined
  ix.macs.delete(dev.mac.toLowerCase())
  ix.byLine.delete(dev.user_id)
  if (withLine) removeLine(st, dev.user_id)
  return dev
}

export const addMag = (st: SimulatorState, mag: SimMag): SimMag => addDevice(st, magIndex(st), mag)
export const setMagMac = (st: SimulatorState, mag: SimMag, mac: string): void => setDeviceMac(magIndex(st), mag, mac)
export const removeMag = (st: SimulatorState, magId: number, withLine: boolean): SimMag | undefined =>
  removeDevice(st, magIndex(st), magId, withLine)

export const addEnigma = (st: SimulatorState, dev: SimEnigma): SimEnigma => addDevice(st, enigmaIndex(st), dev)
export const setEnigmaMac = (st: SimulatorState, dev: SimEnigma, mac: string): void =>
  setDeviceMac(enigmaIndex(st), dev, mac)
export const removeEnigma = (st: SimulatorState, deviceId: number, withLine: boolean): SimEnigma | undefined =>
  removeDevice(st, enigmaIndex(st), deviceId, withLine)

export const addActiveCode = (st: SimulatorState, ac: SimActiveCode): SimActiveCode => addNamed(st, codeNames(st), ac)
export const setCode = (st: SimulatorState, ac: SimActiveCode, code: string): void =>
  renameNamed(codeNames(st), ac, code)

export function removeActiveCode(st: SimulatorState, id: number): SimActiveCode | undefined {
  const ac = st.activecodes.remove(id)
  if (ac) st.codes.delete(ac.code.toLowerCase())
  return ac
}

export function addUser(st: SimulatorState, user: SimUser): SimUser {
  st.users.insert(user)
  if (user.id >= st.nextId.user) st.nextId.user = user.id + 1
  return user
}

/** The user and every sub-reseller under it, recursively (list scope, panel-api §5). */
export function treeIds(st: SimulatorState, rootId: number): Set<number> {
  const ids = new Set<number>([rootId])
  let grew = true
  while (grew) {
    grew = false
    for (const u of st.users.rows) {
      if (u.owner_id !== null && ids.has(u.owner_id) && !ids.has(u.id)) {
        ids.add(u.id)
        grew = true
      }
    }
  }
  return ids
}

/** Sorts bouquet ids by the global bouquet order (how the panel stores them, panel-api §7). */
export function bouquetOrder(st: SimulatorState): (a: number, b: number) => number {
  const order = new Map(st.bouquets.map((b) => [b.id, b.bouquet_order]))
  return (a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || a - b
}
