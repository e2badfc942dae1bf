/**
 * Reseller-API simulator: a real node:http server behaving like an
 * Xtream-Masters / XUI.one panel's `/{code}/reseller/index.php` (the XM
 * reseller API reference, and docs/panel-api.md for what real servers do). Local dev/test tool only.
 */
import type { FaultRule, LedgerEntry, SimulatorOptions } from './types'
import type { SimulatorState } from './model'
import { createSimulatorState } from './seed'
import { FaultController } from './faults'
import { ApiServer } from './http'

export type { FaultKind, FaultRule, LedgerEntry, Params, SimulatorOptions, SimulatorVariants, WriteKind } from './types'
export { DEFAULT_VARIANTS } from './types'
export type {
  SimActiveCode,
  SimActivity,
  SimBouquet,
  SimEnigma,
  SimGroup,
  SimLine,
  SimLive,
  SimMag,
  SimPackage,
  SimUser,
  SimUserLog,
  SimulatorState,
} from './model'
export { createSimulatorState } from './seed'
export { ACTIONS } from './dispatch'

export interface RunningSimulator {
  readonly port: number
  readonly host: string
  readonly accessCode: string
  readonly apiKey: string
  /** `http://127.0.0.1:${port}/${accessCode}/reseller/index.php` */
  readonly baseUrl: string
  /** `http://127.0.0.1:${port}` */
  readonly origin: string
  faults: { add(rule: FaultRule): void; clear(): void; list(): FaultRule[] }
  /** Every APPLIED state-changing write, in order (copies). */
  ledger(): LedgerEntry[]
  /** How many requests a `stall` fault is holding right now. */
  stalled(): number
  /** The API reseller's current balance. */
  credits(): number
  setCredits(n: number): void
  /** The live state, for tests to inspect (and poke). */
  state: SimulatorState
  /** Closes the server (destroying open sockets) but keeps state and port. */
  stop(): Promise<void>
  /** Listens again on the same port. */
  start(): Promise<void>
  /** Same as stop(). */
  close(): Promise<void>
}

/** Wildcard binds are reached over loopback; a specific address is used as is. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '' || host === 'localhost') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const accessCode = opts.accessCode ?? 'demo'
  if (!/^[A-Za-z0-9_-]+$/.test(accessCode)) throw new Error('accessCode must be letters, digits, _ or -')
  const host = opts.host ?? '127.0.0.1'
  const state = createSimulatorState(opts)
  const reseller = state.users.get(state.resellerId)
  if (!reseller) throw new Error('simulator seed lacks the API reseller')
  const faults = new FaultController(state.seed)
  const server = new ApiServer({ st: state, accessCode, faults })
  const port = await server.listen(opts.port ?? 0, host)
  const origin = `http://${urlHost(host)}:${port}`
  let running = true
  const stop = async (): Promise<void> => {
    running = false
    await server.stop()
  }
  return {
    port,
    host,
    accessCode,
    apiKey: reseller.api_key,
    baseUrl: `${origin}/${accessCode}/reseller/index.php`,
    origin,
    faults: {
      add: (rule) => faults.add(rule),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    ledger: () => state.ledger.map((e) => ({ ...e, params: { ...e.params } })),
    stalled: () => server.stalledNow,
    credits: () => reseller.credits,
    setCredits: (n) => {
      reseller.credits = n
    },
    state,
    stop,
    close: stop,
    start: async () => {
      if (running) return
      await server.listen(port, host)
      running = true
    },
  }
}
