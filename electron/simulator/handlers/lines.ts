/** M3U line actions: create/edit/get/delete/enable/disable_line (NOTES §4, §7). */
import type { Ctx, Reply } from '../context'
import { WHITELIST, charge, echoError, failure, filtered, recordWrite, success } from '../context'
import type { SimLine } from '../model'
import { canCreate } from '../permissions'
import { lineRow, lineSubset } from '../rows'
import { applyColumns } from '../shape'
import { addLine, removeLine, renameLine } from '../store'
import { lineCredentials } from './credentials'
import {
  type SubSpec,
  applyPackage,
  applyRequestFields,
  ownedRow,
  ownerFor,
  precheckCreate,
  precheckEdit,
} from './subscription'

export const LINE_SPEC: SubSpec = {
  pkgType: 'is_line',
  whitelist: WHITELIST.line,
  allowed: (ctx) => canCreate(ctx.st, ctx.group, 'is_line'),
}

/** A blank line row; the package and request fields are applied on top. */
export function blankLine(ctx: Ctx, owner: number, username: string, password: string): SimLine {
  return {
    id: ctx.st.nextId.line,
    member_id: owner,
    username,
    password,
    last_ip: null,
    exp_date: null,
    admin_enabled: 1,
    enabled: 1,
    admin_notes: '',
    reseller_notes: '',
    bouquet: [],
    allowed_outputs: [],
    max_connections: 1,
    is_restreamer: 0,
    is_trial: 0,
    is_mag: 0,
    is_e2: 0,
    is_isplock: 0,
    allowed_ips: [],
    allowed_ua: [],
    created_at: ctx.nowSec,
    pair_id: null,
    force_server_id: 0,
    forced_country: '',
    package_id: null,
    contact: '',
    last_activity: null,
    active_connections: 0,
  }
}

const ownLine = (ctx: Ctx): SimLine | undefined =>
  ownedRow(
    ctx,
    (id) => ctx.st.lines.get(id),
    (l) => l.member_id,
  )

export function createLine(ctx: Ctx): Reply {
  const pre = precheckCreate(ctx, LINE_SPEC)
  if (!pre.ok) return pre.reply
  const creds = lineCredentials(ctx, null)
  if (!creds.ok)
    return echoError(creds.status, {
      ...filtered(ctx.params, WHITELIST.line),
      username: creds.username,
      password: creds.password,
    })
  const line = blankLine(ctx, ownerFor(ctx), creds.username, creds.password)
  applyPackage(ctx, line, pre.value, true)
  applyRequestFields(ctx, line, true)
  addLine(ctx.st, line)
  charge(ctx.caller, pre.value.cost)
  recordWrite(ctx, {
    kind: 'new',
    target: `line:${line.username}`,
    cost: pre.value.cost,
    log: { type: 'line', action: 'new', log_id: line.id, package_id: line.package_id },
  })
  return success(ctx.st.variants.createLineData === 'full' ? lineRow(ctx.st, line) : lineSubset(ctx.st, line))
}

/** edit_line: with `package` an extension (charged, logged `extend`), without it a free edit. */
export function editLine(ctx: Ctx): Reply {
  const pre = precheckEdit(
    ctx,
    LINE_SPEC,
    (id) => ctx.st.lines.get(id),
    (l) => l.member_id,
  )
  if (!pre.ok) return pre.reply
  const { row: line, ext } = pre.value
  const creds = lineCredentials(ctx, line)
  if (!creds.ok)
    return echoError(creds.status, {
      id: String(line.id),
      ...filtered(ctx.params, WHITELIST.line),
      username: creds.username,
      password: creds.password,
    })
  if (creds.username !== line.username) renameLine(ctx.st, line, creds.username)
  line.password = creds.password
  if (ext) applyPackage(ctx, line, ext, false)
  applyRequestFields(ctx, line, ext !== null)
  const cost = ext?.cost ?? 0
  charge(ctx.caller, cost)
  recordWrite(ctx, {
    kind: ext ? 'extend' : 'edit',
    target: `line:${line.id}`,
    cost,
    log: { type: 'line', action: ext ? 'extend' : 'edit', log_id: line.id, package_id: line.package_id },
  })
  return success(lineRow(ctx.st, line))
}

export function getLine(ctx: Ctx): Reply {
  const line = ownLine(ctx)
  return line ? success(applyColumns(ctx.params, lineRow(ctx.st, line))) : failure()
}

/** No refund on delete (NOTES §7). */
export function deleteLine(ctx: Ctx): Reply {
  const line = ownLine(ctx)
  if (!line) return failure()
  removeLine(ctx.st, line.id)
  recordWrite(ctx, { kind: 'delete', target: `line:${line.id}`, cost: 0 })
  return success()
}

export function toggleLine(enabled: 0 | 1): (ctx: Ctx) => Reply {
  return (ctx) => {
    const line = ownLine(ctx)
    if (!line) return failure()
    line.enabled = enabled
    recordWrite(ctx, { kind: enabled ? 'enable' : 'disable', target: `line:${line.id}`, cost: 0 })
    return success()
  }
}
