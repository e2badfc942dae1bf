/** Authentication and the table of the 44 actions (panel-api §3, §4). */
import type { Params } from './types'
import type { Ctx, Reply } from './context'
import { json, str } from './context'
import type { SimulatorState } from './model'
import { treeIds } from './store'
import { listAction } from './lists'
import { userInfo, packages } from './handlers/general'
import { createLine, deleteLine, editLine, getLine, toggleLine } from './handlers/lines'
import { ENIGMA, MAG, deviceHandlers } from './handlers/devices'
import {
  createActivecode,
  deleteActivecode,
  editActivecode,
  getActivecode,
  resetActivecode,
  toggleActivecode,
} from './handlers/activecodes'
import { adjustCredits, createUser, deleteUser, editUser, getUser, toggleUser } from './handlers/users'

export const HANDLERS: Readonly<Record<string, (ctx: Ctx) => Reply>> = {
  user_info: userInfo,
  packages,
  create_line: createLine,
  edit_line: editLine,
  get_line: getLine,
  get_lines: listAction,
  delete_line: deleteLine,
  disable_line: toggleLine(0),
  enable_line: toggleLine(1),
  ...deviceHandlers(MAG),
  get_mags: listAction,
  ...deviceHandlers(ENIGMA),
  get_enigmas: listAction,
  create_activecode: createActivecode,
  edit_activecode: editActivecode,
  get_activecode: getActivecode,
  get_activecodes: listAction,
  delete_activecode: deleteActivecode,
  disable_activecode: toggleActivecode(0),
  enable_activecode: toggleActivecode(1),
  reset_activecode: resetActivecode,
  create_user: createUser,
  edit_user: editUser,
  get_user: getUser,
  get_users: listAction,
  delete_user: deleteUser,
  disable_user: toggleUser(0),
  enable_user: toggleUser(1),
  adjust_credits: adjustCredits,
  activity_logs: listAction,
  live_connections: listAction,
  user_logs: listAction,
}

export const ACTIONS: readonly string[] = Object.keys(HANDLERS)

/**
 * Key lookup like upstream: non-empty key of an enabled reseller; anything else is
 * HTTP 200 "Invalid API key." (checked before the action, panel-api §3).
 */
export function dispatch(st: SimulatorState, params: Params): Reply {
  // SQL `api_key = ?` under a *_ci collation: case-insensitive.
  const key = (str(params, 'api_key') ?? '').toLowerCase()
  const caller = key === '' ? undefined : st.users.rows.find((u) => u.api_key.toLowerCase() === key)
  const group = caller ? st.groups.get(caller.member_group_id) : undefined
  if (!caller || !group || caller.status !== 1 || group.is_reseller !== 1) {
    return json({ status: 'STATUS_FAILURE', error: 'Invalid API key.' })
  }
  const action = str(params, 'action') ?? ''
  const handler = Object.prototype.hasOwnProperty.call(HANDLERS, action) ? HANDLERS[action] : undefined
  if (!handler) return json({ status: 'STATUS_FAILURE', error: 'Invalid action.' })
  const ctx: Ctx = {
    st,
    caller,
    group,
    params,
    action,
    nowSec: Math.floor(st.now() / 1000),
    tree: treeIds(st, caller.id),
  }
  return handler(ctx)
}
