/** Account and log lists: get_users, activity_logs, live_connections, user_logs (panel-api §5). */
import type { Ctx } from './context'
import type { SimActivity, SimLive, SimUser, SimUserLog, SimulatorState } from './model'
import type { SortKey } from './listEngine'
import { ownerName, userListRow } from './rows'
import { out } from './shape'
import { formatDateTime } from './time'
import { type Built, type Row, ownerScope, rangeScope } from './listScopes'

export function usersList(ctx: Ctx): Built<SimUser> {
  const { st } = ctx
  const inScope = ownerScope(ctx)
  let counts: Map<number, number> | null = null
  const userCount = (u: SimUser): number => {
    if (!counts) {
      counts = new Map()
      for (const l of st.lines.rows)
        if (l.member_id !== null) counts.set(l.member_id, (counts.get(l.member_id) ?? 0) + 1)
    }
    return counts.get(u.id) ?? 0
  }
  const upstream = st.variants.filterTable === 'upstream'
  const group = (u: SimUser): string | null => st.groups.get(u.member_group_id)?.group_name ?? null
  return {
    rows: st.users.rows,
    spec: {
      scope: (u) => u.id !== ctx.caller.id && inScope(u.owner_id),
      // users have only status: 1/2 filter on it; xm's 3..5 match nothing, upstream ignores them.
      filter: (v) =>
        v === 1
          ? (u) => u.status === 1
          : v === 2
            ? (u) => u.status === 0
            : v >= 3 && v <= 5 && !upstream
              ? () => false
              : null,
      search: (u) => [
        u.id,
        u.username,
        u.notes,
        ownerName(st, u.owner_id),
        formatDateTime(u.date_registered),
        u.last_login === null ? null : formatDateTime(u.last_login),
        u.email,
        u.ip,
        group(u),
      ],
      order: [
        (u) => u.id,
        (u) => u.username,
        (u) => ownerName(st, u.owner_id),
        (u) => u.ip,
        (u) => u.status,
        (u) => u.credits,
        userCount,
        (u) => u.last_login,
      ],
      storageOrderIndex: 0,
    },
    project: (u) => userListRow(st, u, userCount(u)),
  }
}

/** Joined fields of a connection/activity row; `username` is the MAC for devices (panel-api §5). */
function connJoin(st: SimulatorState, c: SimActivity | SimLive): Row {
  const line = st.lines.get(c.user_id)
  const mag = st.magByLine.get(c.user_id)
  const e2 = st.enigmaByLine.get(c.user_id)
  const mac = mag !== undefined ? st.mags.get(mag)?.mac : e2 !== undefined ? st.enigmas.get(e2)?.mac : undefined
  return {
    mag_id: mag ?? null,
    device_id: e2 ?? null,
    is_e2: line?.is_e2 ?? 0,
    is_mag: line?.is_mag ?? 0,
    username: mac ?? line?.username ?? null,
    is_restreamer: line?.is_restreamer ?? 0,
    member_id: line?.member_id ?? null,
  }
}

/** The device columns both connection lists lead with. */
const deviceColumns = (joined: Row): Row => ({
  mag_id: joined['mag_id'],
  device_id: joined['device_id'],
  is_e2: joined['is_e2'],
  is_mag: joined['is_mag'],
})

/** The connection's username (a device's MAC) as the list sorts and searches it. */
const joinedUser = (st: SimulatorState, c: SimActivity | SimLive): SortKey =>
  (connJoin(st, c)['username'] as string | null) ?? null

/** A connection is in scope when its line belongs to the caller's tree. */
function lineInTree(ctx: Ctx, c: SimActivity | SimLive): boolean {
  const o = ctx.st.lines.get(c.user_id)?.member_id
  return o !== undefined && o !== null && ctx.tree.has(o)
}

export function activityList(ctx: Ctx): Built<SimActivity> {
  const { st } = ctx
  const inRange = rangeScope(ctx)
  const j = (a: SimActivity): Row => connJoin(st, a)
  const user = (a: SimActivity): SortKey => joinedUser(st, a)
  return {
    rows: st.activity.rows,
    spec: {
      scope: (a) => lineInTree(ctx, a) && inRange(a.date_start),
      search: (a) => [
        a.user_agent,
        a.user_ip,
        a.container,
        formatDateTime(a.date_start),
        formatDateTime(a.date_end),
        a.geoip_country_code,
        user(a),
        a.stream_display_name,
      ],
      order: [
        user,
        (a) => a.stream_display_name,
        (a) => a.user_agent,
        (a) => a.isp,
        (a) => a.user_ip,
        (a) => a.date_start,
        (a) => a.date_end,
        (a) => a.date_end - a.date_start,
        (a) => a.container,
      ],
      storageOrderIndex: null, // default index 0 is username, not id (panel-api §5)
    },
    // Each projection spells out its list's columns in the panel's order (panel-api §5): alike on purpose.
    project: (a) => {
      const joined = j(a)
      return out(st, {
        ...deviceColumns(joined),
        activity_id: a.activity_id,
        container: a.container,
        isp: a.isp,
        user_id: a.user_id,
        stream_id: a.stream_id,
        series_no: null,
        server_id: a.server_id,
        user_agent: a.user_agent,
        user_ip: a.user_ip,
        date_start: a.date_start,
        date_end: a.date_end,
        geoip_country_code: a.geoip_country_code,
        username: joined['username'],
        stream_display_name: a.stream_display_name,
        type: a.type,
        is_restreamer: joined['is_restreamer'],
      })
    },
  }
}

export function liveList(ctx: Ctx): Built<SimLive> {
  const { st } = ctx
  const j = (c: SimLive): Row => connJoin(st, c)
  const user = (c: SimLive): SortKey => joinedUser(st, c)
  return {
    rows: st.live.rows,
    spec: {
      scope: (c) => lineInTree(ctx, c),
      search: (c) => [
        c.user_agent,
        c.user_ip,
        c.container,
        formatDateTime(c.date_start),
        c.geoip_country_code,
        user(c),
        c.stream_display_name,
      ],
      order: [
        (c) => c.activity_id,
        (c) => c.divergence,
        user,
        (c) => c.stream_display_name,
        (c) => c.user_agent,
        (c) => c.isp,
        (c) => c.user_ip,
        (c) => -c.date_start,
        (c) => c.container,
      ],
      storageOrderIndex: 0,
    },
    project: (c) => {
      const joined = j(c)
      return out(st, {
        ...deviceColumns(joined),
        activity_id: c.activity_id,
        divergence: c.divergence,
        user_id: c.user_id,
        stream_id: c.stream_id,
        series_no: null,
        is_restreamer: joined['is_restreamer'],
        isp: c.isp,
        server_id: c.server_id,
        user_agent: c.user_agent,
        user_ip: c.user_ip,
        container: c.container,
        uuid: c.uuid,
        date_start: c.date_start,
        geoip_country_code: c.geoip_country_code,
        username: joined['username'],
        stream_display_name: c.stream_display_name,
        type: c.type,
      })
    },
  }
}

export function userLogsList(ctx: Ctx): Built<SimUserLog> {
  const { st } = ctx
  const inScope = ownerScope(ctx)
  const inRange = rangeScope(ctx)
  const owner = (l: SimUserLog): string | null => ownerName(st, l.owner)
  return {
    rows: st.userLogs.rows,
    spec: {
      scope: (l) => inScope(l.owner) && inRange(l.date),
      search: (l) => [owner(l), l.type, l.action],
      order: [
        (l) => l.id,
        owner,
        (l) => l.log_id,
        (l) => `${l.type} ${l.action}`,
        (l) => l.cost,
        (l) => l.credits_after,
        (l) => l.date,
      ],
      storageOrderIndex: 0,
    },
    project: (l) =>
      out(st, {
        username: owner(l),
        id: l.id,
        owner: l.owner,
        type: l.type,
        action: l.action,
        log_id: l.log_id,
        package_id: l.package_id,
        cost: l.cost,
        credits_after: l.credits_after,
        date: l.date,
      }),
  }
}
