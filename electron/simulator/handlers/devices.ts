/**
 * MAG and Enigma2 device actions. A device is a device row plus its own `lines`
 * row (32-char generated credentials); toggles act on that line; convert deletes
 * the device row and returns the same line, free (panel-api §4).
 */
import type { Ctx, Reply } from '../context'
import { WHITELIST, echoError, failure, filtered, recordWrite, str, success } from '../context'
import type { SimEnigma, SimLine, SimMag, SimulatorState } from '../model'
import type { Table } from '../table'
import { canCreate } from '../permissions'
import { enigmaRow, lineRow, magRow } from '../rows'
import { applyColumns } from '../shape'
import { addEnigma, addLine, addMag, removeEnigma, removeMag, setEnigmaMac, setMagMac } from '../store'
import { isValidMac, normaliseMac } from '../validate'
import { freshUsername } from './credentials'
import { blankLine } from './lines'
import {
  type SubSpec,
  applyPackage,
  applyRequestFields,
  finishCreate,
  finishEdit,
  ownedRow,
  ownerFor,
  precheckCreate,
  precheckEdit,
} from './subscription'

interface DeviceKind<D extends { user_id: number; mac: string }> {
  name: 'mag' | 'enigma'
  spec: SubSpec
  table(st: SimulatorState): Table<D>
  macs(st: SimulatorState): Map<string, number>
  idOf(d: D): number
  add(st: SimulatorState, d: D): void
  setMac(st: SimulatorState, d: D, mac: string): void
  remove(st: SimulatorState, id: number, withLine: boolean): void
  build(ctx: Ctx, id: number, lineId: number, mac: string): D
  /** Optional device columns the request may set. */
  fields: readonly string[]
  row(st: SimulatorState, d: D): Record<string, unknown>
}

const MAG_FIELDS = [
  'stb_type',
  'sn',
  'ver',
  'image_version',
  'hw_version',
  'device_id',
  'device_id2',
  'parent_password',
] as const
const E2_FIELDS = ['modem_mac', 'local_ip', 'enigma_version', 'cpu', 'lversion', 'token'] as const

// MAG and ENIGMA are alike on purpose: one declarative descriptor per device table (panel-api §4).
export const MAG: DeviceKind<SimMag> = {
  name: 'mag',
  spec: { pkgType: 'is_mag', whitelist: WHITELIST.mag, allowed: (ctx) => canCreate(ctx.st, ctx.group, 'is_mag') },
  table: (st) => st.mags,
  macs: (st) => st.magMacs,
  idOf: (d) => d.mag_id,
  add: addMag,
  setMac: setMagMac,
  remove: (st, id, withLine) => void removeMag(st, id, withLine),
  build: (ctx, id, lineId, mac) => ({
    mag_id: id,
    user_id: lineId,
    mac,
    stb_type: 'MAG250',
    sn: '',
    ver: '',
    image_version: '',
    hw_version: '',
    device_id: '',
    device_id2: '',
    parent_password: '0000',
    ip: null,
    lock_device: 0,
    created: ctx.nowSec,
  }),
  fields: MAG_FIELDS,
  row: magRow,
}

export const ENIGMA: DeviceKind<SimEnigma> = {
  name: 'enigma',
  spec: { pkgType: 'is_e2', whitelist: WHITELIST.enigma, allowed: (ctx) => canCreate(ctx.st, ctx.group, 'is_e2') },
  table: (st) => st.enigmas,
  macs: (st) => st.enigmaMacs,
  idOf: (d) => d.device_id,
  add: addEnigma,
  setMac: setEnigmaMac,
  remove: (st, id, withLine) => void removeEnigma(st, id, withLine),
  build: (ctx, id, lineId, mac) => ({
    device_id: id,
    user_id: lineId,
    mac,
    modem_mac: '',
    local_ip: '',
    public_ip: '',
    enigma_version: '',
    cpu: '',
    lversion: '',
    token: '',
    lock_device: 0,
    created: ctx.nowSec,
  }),
  fields: E2_FIELDS,
  row: enigmaRow,
}

function setFields<D>(ctx: Ctx, kind: DeviceKind<D & { user_id: number; mac: string }>, dev: D): void {
  const target = dev as Record<string, unknown>
  for (const f of kind.fields) {
    const v = str(ctx.params, f)
    if (v !== undefined) target[f] = v
  }
}

/** MAC checks (step 6): FILTER_VALIDATE_MAC, then uniqueness in this device table (case-insensitive). */
function macError<D extends { user_id: number; mac: string }>(
  ctx: Ctx,
  kind: DeviceKind<D>,
  mac: string,
  selfId: number | null,
): string | null {
  if (!isValidMac(mac)) return 'STATUS_INVALID_MAC'
  const other = kind.macs(ctx.st).get(mac.toLowerCase())
  return other !== undefined && other !== selfId ? 'STATUS_EXISTS_MAC' : null
}

export function deviceHandlers<D extends { user_id: number; mac: string }>(
  kind: DeviceKind<D>,
): Record<string, (ctx: Ctx) => Reply> {
  const find =
    (ctx: Ctx) =>
    (id: number): D | undefined =>
      kind.table(ctx.st).get(id)
  const ownerOf =
    (ctx: Ctx) =>
    (d: D): number | null =>
      ctx.st.lines.get(d.user_id)?.member_id ?? null
  const own = (ctx: Ctx): D | undefined => ownedRow(ctx, find(ctx), ownerOf(ctx))
  const lineOf = (ctx: Ctx, d: D): SimLine | undefined => ctx.st.lines.get(d.user_id)
  const n = kind.name

  const create = (ctx: Ctx): Reply => {
    const pre = precheckCreate(ctx, kind.spec)
    if (!pre.ok) return pre.reply
    const mac = str(ctx.params, 'mac') ?? ''
    const err = macError(ctx, kind, mac, null)
    if (err) return echoError(err, filtered(ctx.params, kind.spec.whitelist))
    const line = blankLine(ctx, ownerFor(ctx), freshUsername(ctx.st, 32), '')
    line.password = freshUsername(ctx.st, 32)
    if (n === 'mag') line.is_mag = 1
    else line.is_e2 = 1
    applyPackage(ctx, line, pre.value, true)
    applyRequestFields(ctx, line, true)
    addLine(ctx.st, line)
    const id = n === 'mag' ? ctx.st.nextId.mag : ctx.st.nextId.enigma
    const dev = kind.build(ctx, id, line.id, mac)
    setFields(ctx, kind, dev)
    kind.add(ctx.st, dev)
    finishCreate(ctx, line, pre.value, n, normaliseMac(mac), id)
    return success(kind.row(ctx.st, dev))
  }

  const edit = (ctx: Ctx): Reply => {
    const pre = precheckEdit(ctx, kind.spec, find(ctx), ownerOf(ctx))
    if (!pre.ok) return pre.reply
    const { row: dev, ext } = pre.value
    const line = lineOf(ctx, dev)
    if (!line) return failure()
    const mac = str(ctx.params, 'mac')
    if (mac !== undefined && mac !== dev.mac) {
      const err = macError(ctx, kind, mac, kind.idOf(dev))
      if (err) return echoError(err, { id: String(kind.idOf(dev)), ...filtered(ctx.params, kind.spec.whitelist) })
      kind.setMac(ctx.st, dev, mac)
    }
    setFields(ctx, kind, dev)
    // Upstream logs MAG/E2 extensions as `new` (panel-api §7 quirk); we log what happened.
    finishEdit(ctx, line, ext, n, kind.idOf(dev))
    return success(kind.row(ctx.st, dev))
  }

  const get = (ctx: Ctx): Reply => {
    const dev = own(ctx)
    return dev ? success(applyColumns(ctx.params, kind.row(ctx.st, dev))) : failure()
  }

  const del = (ctx: Ctx): Reply => {
    const dev = own(ctx)
    if (!dev) return failure()
    kind.remove(ctx.st, kind.idOf(dev), true)
    recordWrite(ctx, { kind: 'delete', target: `${n}:${kind.idOf(dev)}`, cost: 0 })
    return success()
  }

  const toggle =
    (enabled: 0 | 1) =>
    (ctx: Ctx): Reply => {
      const dev = own(ctx)
      const line = dev && lineOf(ctx, dev)
      if (!dev || !line) return failure()
      line.enabled = enabled
      recordWrite(ctx, { kind: enabled ? 'enable' : 'disable', target: `${n}:${kind.idOf(dev)}`, cost: 0 })
      return success()
    }

  const convert = (ctx: Ctx): Reply => {
    const dev = own(ctx)
    const line = dev && lineOf(ctx, dev)
    if (!dev || !line) return failure()
    kind.remove(ctx.st, kind.idOf(dev), false)
    line.is_mag = 0
    line.is_e2 = 0
    recordWrite(ctx, { kind: 'convert', target: `${n}:${kind.idOf(dev)}`, cost: 0 })
    return success(lineRow(ctx.st, line))
  }

  return {
    [`create_${n}`]: create,
    [`edit_${n}`]: edit,
    [`get_${n}`]: get,
    [`delete_${n}`]: del,
    [`disable_${n}`]: toggle(0),
    [`enable_${n}`]: toggle(1),
    [`convert_${n}`]: convert,
  }
}
