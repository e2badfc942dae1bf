/** Shared helpers for the simulator's HTTP tests: real requests with Node's fetch. */
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../../../electron/simulator/index'

/** Fixed clock: 2025-01-15 12:00:00 UTC. */
export const NOW_MS = Date.UTC(2025, 0, 15, 12, 0, 0)
export const NOW = NOW_MS / 1000
export const DAY = 86400
/** NOW plus one calendar month: what a 1-month package sets exp_date to. */
export const MONTH_FROM_NOW = Date.UTC(2025, 1, 15, 12) / 1000

export type ParamValue = string | number | ReadonlyArray<string | number>
export type P = Record<string, ParamValue>

/** Response bodies are arbitrary JSON; tests assert on them structurally. */
export type Json = any

export interface CallResult {
  status: number
  text: string
  json: Json
  headers: Headers
}

export function encode(params: P): string {
  const sp = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const item of v) sp.append(`${k}[]`, String(item))
    else sp.append(k, String(v))
  }
  return sp.toString()
}

export interface CallOptions {
  method?: 'GET' | 'POST'
  /** null = send no api_key; default = the simulator's key. */
  key?: string | null
  signal?: AbortSignal
}

export async function call(
  sim: RunningSimulator,
  action: string,
  params: P = {},
  opts: CallOptions = {},
): Promise<CallResult> {
  const all: P = { ...(opts.key === null ? {} : { api_key: opts.key ?? sim.apiKey }), action, ...params }
  const method = opts.method ?? 'POST'
  const res =
    method === 'GET'
      ? await fetch(`${sim.baseUrl}?${encode(all)}`, { signal: opts.signal })
      : await fetch(sim.baseUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: encode(all),
          signal: opts.signal,
        })
  const text = await res.text()
  return { status: res.status, text, json: parseOrUndefined(text), headers: res.headers }
}

function parseOrUndefined(text: string): Json {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Starts a simulator with a fixed clock and small data unless overridden; remember to close it. */
export function start(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ now: () => NOW_MS, lines: 60, mags: 10, enigmas: 6, activecodes: 8, ...opts })
}

/** A row id owned by the API reseller / a sub-reseller in its tree / a user outside the tree. */
export function ids(sim: RunningSimulator) {
  const st = sim.state
  const me = st.resellerId
  const subs = st.users.rows.filter((u) => u.owner_id === me).map((u) => u.id)
  const plain = st.lines.rows.filter((l) => !l.is_mag && !l.is_e2)
  const mine = plain.find((l) => l.member_id === me)
  const subLine = plain.find((l) => l.member_id !== null && subs.includes(l.member_id))
  const foreign = plain.find((l) => l.member_id === 2 || l.member_id === 4)
  if (!mine || !subLine || !foreign || subs.length === 0) throw new Error('seed lacks the expected ownership spread')
  return { me, subs, mine, subLine, foreign }
}
