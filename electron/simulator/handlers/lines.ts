/** M3U line actions: create/edit/get/delete/enable/disable_line (panel-api §4, §7). */
import type { Ctx, Reply } from '../context'
import { WHITELIST, echoError, filtered, success } from '../context'
import type { SimLine } from '../model'
import { canCreate } from '../permissions'
import { lineRow, lineSubset } from '../rows'
import { addLine, removeLine, renameLine } from '../store'
import { lineCredentials } from './credentials'
import {
  type SubSpec,
  applyPackage,
  applyRequestFields,
  blankSubscription,
  finishCreate,
  finishEdit,
  ownedActions,
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
    ...blankSubscription(ctx, ctx.st.nextId.line, owner),
    username,
    password,
    last_ip: null,
    is_mag: 0,
    is_e2: 0,
    allowed_ua: [],
    pair_id: null,
    last_activity: null,
    active_connections: 0,
  }
}

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
  finishCreate(ctx, line, pre.value, 'line', line.username, line.id)
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
  finishEdit(ctx, line, ext, 'line', line.id)
  return success(lineRow(ctx.st, line))
}

const LINE_ROWS = ownedActions<SimLine>({
  type: 'line',
  find: (st, id) => st.lines.get(id),
  remove: (st, id) => void removeLine(st, id),
  row: lineRow,
})

export const getLine = LINE_ROWS.get
/** No refund on delete (panel-api §7). */
export const deleteLine = LINE_ROWS.del
export const toggleLine = LINE_ROWS.toggle
