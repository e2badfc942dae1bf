/**
 * The eight list actions: each list's spec (scope, filter table, search columns,
 * order index map, panel-api §5) run through the generic list engine, wrapped in the
 * DataTables-style envelope.
 */
import type { Ctx, Reply } from './context'
import { json } from './context'
import { parseListQuery, runList } from './listEngine'
import { enigmaListRow, magListRow } from './rows'
import { columnSelector } from './shape'
import { canCreate, canCreateSubResellers } from './permissions'
import type { Built } from './listScopes'
import type { SimulatorState } from './model'
import { codesList, devicesList, linesList } from './listsSubs'
import { activityList, liveList, userLogsList, usersList } from './listsLogs'

/** Runs one list end to end; generic so each list keeps its row type. */
function page<T>(ctx: Ctx, built: Built<T>): Reply {
  const q = parseListQuery(ctx.params)
  const result = runList(built.rows, built.spec, { ...q, limit: Math.min(q.limit, ctx.st.variants.maxPageRows) })
  const select = columnSelector(ctx.params)
  const data = result.rows.map((r) => (select ? select(built.project(r)) : built.project(r)))
  const body: Record<string, unknown> = { status: 'STATUS_SUCCESS', data }
  if (ctx.st.variants.listCounts) {
    const n = ctx.st.variants.numericStrings && result.total > 0 ? String(result.total) : result.total
    body['recordsTotal'] = n
    body['recordsFiltered'] = n
  }
  return json(body)
}

type ListEntry = { run: (ctx: Ctx) => Reply; allowed: (ctx: Ctx) => boolean }

/** get_mags and get_enigmas: one device list over its table, row shape and third search column. */
function deviceList<T extends { user_id: number; mac: string }>(
  rows: (st: SimulatorState) => readonly T[],
  row: (st: SimulatorState, d: T) => Record<string, unknown>,
  third: (d: T) => string,
  type: 'is_mag' | 'is_e2',
): ListEntry {
  return {
    run: (c) =>
      page(
        c,
        devicesList(c, rows(c.st), (d) => row(c.st, d), third),
      ),
    allowed: (c) => canCreate(c.st, c.group, type),
  }
}

/** List action → runner and the permission it needs (missing → body `null`, panel-api §5). */
export const LISTS: Record<string, ListEntry> = {
  get_lines: { run: (c) => page(c, linesList(c)), allowed: (c) => canCreate(c.st, c.group, 'is_line') },
  get_mags: deviceList(
    (st) => st.mags.rows,
    magListRow,
    (m) => m.stb_type,
    'is_mag',
  ),
  get_enigmas: deviceList(
    (st) => st.enigmas.rows,
    enigmaListRow,
    (e) => e.public_ip,
    'is_e2',
  ),
  get_activecodes: { run: (c) => page(c, codesList(c)), allowed: (c) => c.group.enable_activecode === 1 },
  get_users: {
    run: (c) => page(c, usersList(c)),
    allowed: (c) => canCreateSubResellers(c.group),
  },
  activity_logs: {
    run: (c) => page(c, activityList(c)),
    allowed: (c) => c.group.reseller_client_connection_logs === 1,
  },
  live_connections: { run: (c) => page(c, liveList(c)), allowed: (c) => c.group.reseller_client_connection_logs === 1 },
  user_logs: { run: (c) => page(c, userLogsList(c)), allowed: () => true },
}

export function listAction(ctx: Ctx): Reply {
  const def = LISTS[ctx.action]
  if (!def) return json({ status: 'STATUS_FAILURE' })
  if (!def.allowed(ctx)) return { kind: 'raw', text: 'null' }
  return def.run(ctx)
}
