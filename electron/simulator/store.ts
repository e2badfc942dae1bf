/**
 * Index-keeping mutations of the state: every insert/remove/rename of a line,
 * device or code goes through here so the uniqueness maps never drift.
 */
import type { SimActiveCode, SimEnigma, SimLine, SimMag, SimulatorState, SimUser } from './model'

export function addLine(st: SimulatorState, line: SimLine): SimLine {
  st.lines.insert(line)
  st.usernames.set(line.username.toLowerCase(), line.id)
  if (line.id >= st.nextId.line) st.nextId.line = line.id + 1
  return line
}

export function renameLine(st: SimulatorState, line: SimLine, username: string): void {
  st.usernames.delete(line.username.toLowerCase())
  line.username = username
  st.usernames.set(username.toLowerCase(), line.id)
}

/** Deletes a line, its device row if any, and its live connections (NOTES §4 delete_line). */
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

export function addMag(st: SimulatorState, mag: SimMag): SimMag {
  st.mags.insert(mag)
  st.magMacs.set(mag.mac.toLowerCase(), mag.mag_id)
  st.magByLine.set(mag.user_id, mag.mag_id)
  if (mag.mag_id >= st.nextId.mag) st.nextId.mag = mag.mag_id + 1
  return mag
}

export function setMagMac(st: SimulatorState, mag: SimMag, mac: string): void {
  st.magMacs.delete(mag.mac.toLowerCase())
  mag.mac = mac
  st.magMacs.set(mac.toLowerCase(), mag.mag_id)
}

/** Removes the device row; with `withLine` also its line (delete_mag), without it (convert_mag) the line stays. */
export function removeMag(st: SimulatorState, magId: number, withLine: boolean): SimMag | undefined {
  const mag = st.mags.remove(magId)
  if (!mag) return undefined
  st.magMacs.delete(mag.mac.toLowerCase())
  st.magByLine.delete(mag.user_id)
  if (withLine) removeLine(st, mag.user_id)
  return mag
}

export function addEnigma(st: SimulatorState, dev: SimEnigma): SimEnigma {
  st.enigmas.insert(dev)
  st.enigmaMacs.set(dev.mac.toLowerCase(), dev.device_id)
  st.enigmaByLine.set(dev.user_id, dev.device_id)
  if (dev.device_id >= st.nextId.enigma) st.nextId.enigma = dev.device_id + 1
  return dev
}

export function setEnigmaMac(st: SimulatorState, dev: SimEnigma, mac: string): void {
  st.enigmaMacs.delete(dev.mac.toLowerCase())
  dev.mac = mac
  st.enigmaMacs.set(mac.toLowerCase(), dev.device_id)
}

export function removeEnigma(st: SimulatorState, deviceId: number, withLine: boolean): SimEnigma | undefined {
  const dev = st.enigmas.remove(deviceId)
  if (!dev) return undefined
  st.enigmaMacs.delete(dev.mac.toLowerCase())
  st.enigmaByLine.delete(dev.user_id)
  if (withLine) removeLine(st, dev.user_id)
  return dev
}

export function addActiveCode(st: SimulatorState, ac: SimActiveCode): SimActiveCode {
  st.activecodes.insert(ac)
  st.codes.set(ac.code.toLowerCase(), ac.id)
  if (ac.id >= st.nextId.activecode) st.nextId.activecode = ac.id + 1
  return ac
}

export function setCode(st: SimulatorState, ac: SimActiveCode, code: string): void {
  st.codes.delete(ac.code.toLowerCase())
  ac.code = code
  st.codes.set(code.toLowerCase(), ac.id)
}

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

/** The user and every sub-reseller under it, recursively (list scope, NOTES §5). */
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

/** Sorts bouquet ids by the global bouquet order (how the panel stores them, NOTES §7). */
export function bouquetOrder(st: SimulatorState): (a: number, b: number) => number {
  const order = new Map(st.bouquets.map((b) => [b.id, b.bouquet_order]))
  return (a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || a - b
}
