/**
 * Activation codes (XM-only, panel-api §9.3): line-like rows with a `code`. API-created
 * codes get exp_date at creation; a custom code is stored exactly as sent; a
 * duplicate code is a plain STATUS_FAILURE (there is no "code exists" status).
 */
import type { Ctx, Reply } from '../context'
import { WHITELIST, echoError, failure, filtered, recordWrite, str, success } from '../context'
import type { SimActiveCode, SimulatorState } from '../model'
import { activecodeCreateData, activecodeRow } from '../rows'
import { out } from '../shape'
import { addActiveCode, removeActiveCode, setCode } from '../store'
import { codeLength, generateCode } from '../validate'
import type { SimGroup } from '../model'
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

/** Codes are redeemed as M3U lines, so they take `is_line` packages. */
export const ACTIVECODE_SPEC: SubSpec = {
  pkgType: 'is_line',
  whitelist: WHITELIST.activecode,
  allowed: (ctx) => ctx.group.enable_activecode === 1,
}

/** Digits only, group default length clamped to [min, max]; unique. */
export function freshCode(st: SimulatorState, group: SimGroup): string {
  const len = codeLength(group.default_code_length, group.min_code_length, group.max_code_length)
  for (;;) {
    const code = generateCode(st.rng, len)
    if (!st.codes.has(code.toLowerCase())) return code
  }
}

const CODE_ROWS = ownedActions<SimActiveCode>({
  type: 'activecode',
  find: (st, id) => st.activecodes.get(id),
  remove: (st, id) => void removeActiveCode(st, id),
  row: activecodeRow,
})

export function createActivecode(ctx: Ctx): Reply {
  const pre = precheckCreate(ctx, ACTIVECODE_SPEC)
  if (!pre.ok) return pre.reply
  const wanted = str(ctx.params, 'code')
  if (wanted && ctx.st.codes.has(wanted.toLowerCase()))
    return echoError('STATUS_FAILURE', filtered(ctx.params, WHITELIST.activecode))
  const code = wanted || freshCode(ctx.st, ctx.group)
  const ac: SimActiveCode = { ...blankSubscription(ctx, ctx.st.nextId.activecode, ownerFor(ctx)), code }
  applyPackage(ctx, ac, pre.value, true)
  applyRequestFields(ctx, ac, true)
  addActiveCode(ctx.st, ac)
  finishCreate(ctx, ac, pre.value, 'activecode', code, ac.id)
  return success(activecodeCreateData(ctx.st, ac))
}

/** Like edit_line: `package` extends (charged); `code` renames (duplicate → FAILURE). */
export function editActivecode(ctx: Ctx): Reply {
  const pre = precheckEdit(
    ctx,
    ACTIVECODE_SPEC,
    (id) => ctx.st.activecodes.get(id),
    (a) => a.member_id,
  )
  if (!pre.ok) return pre.reply
  const { row: ac, ext } = pre.value
  const wanted = str(ctx.params, 'code')
  if (wanted && wanted !== ac.code) {
    const other = ctx.st.codes.get(wanted.toLowerCase())
    if (other !== undefined && other !== ac.id)
      return echoError('STATUS_FAILURE', { id: String(ac.id), ...filtered(ctx.params, WHITELIST.activecode) })
    setCode(ctx.st, ac, wanted)
  }
  finishEdit(ctx, ac, ext, 'activecode', ac.id)
  return success(activecodeRow(ctx.st, ac))
}

export const getActivecode = CODE_ROWS.get
export const deleteActivecode = CODE_ROWS.del
export const toggleActivecode = CODE_ROWS.toggle

/** New random code; returns both (doc example). Free. */
export function resetActivecode(ctx: Ctx): Reply {
  const ac = CODE_ROWS.own(ctx)
  if (!ac) return failure()
  const oldCode = ac.code
  setCode(ctx.st, ac, freshCode(ctx.st, ctx.group))
  recordWrite(ctx, { kind: 'reset', target: `activecode:${ac.id}`, cost: 0 })
  return success(out(ctx.st, { old_code: oldCode, new_code: ac.code }))
}
