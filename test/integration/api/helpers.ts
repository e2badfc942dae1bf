/** Shared set-up: a real simulator on 127.0.0.1 and a client pointed at it through a counting fetch. */
import { startSimulator, type SimulatorOptions } from '../../../electron/simulator'
import { XtreamClient, type XtreamClientOptions } from '../../../electron/core/api/client'
import type { ApiError } from '../../../electron/core/api/api-error'

export { apiError } from '../../unit/api/expect-error'

export type Sim = Awaited<ReturnType<typeof startSimulator>>

/** Counts what really went out, per action, and the most requests ever in flight at once. */
export function countingFetch() {
  const byAction = new Map<string, number>()
  let inFlight = 0
  let maxInFlight = 0
  const fetchFn = async (input: string, init: RequestInit): Promise<Response> => {
    const action = new URL(input).searchParams.get('action') ?? '?'
    byAction.set(action, (byAction.get(action) ?? 0) + 1)
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    try {
      return await globalThis.fetch(input, init)
    } finally {
      inFlight--
    }
  }
  return {
    fetch: fetchFn,
    count: (action: string) => byAction.get(action) ?? 0,
    total: () => [...byAction.values()].reduce((a, b) => a + b, 0),
    get maxInFlight() {
      return maxInFlight
    },
  }
}

export async function setup(simOpts: SimulatorOptions = {}, clientOpts: Partial<XtreamClientOptions> = {}) {
  const sim = await startSimulator({ seed: 11, ...simOpts })
  const counter = countingFetch()
  const client = new XtreamClient({
    endpoint: { scheme: 'http', host: '127.0.0.1', port: sim.port, accessCode: sim.accessCode },
    getApiKey: async () => sim.apiKey,
    fetch: counter.fetch,
    // Backoff waits are instant in tests; the retry count is what is checked.
    sleep: async () => {},
    ...clientOpts,
  })
  return { sim, client, counter }
}

/** Everything an error exposes, as text, to look for the key in. */
export function errorText(e: ApiError): string {
  return [
    JSON.stringify(e),
    e.message,
    e.stack ?? '',
    JSON.stringify(e.details ?? {}),
    JSON.stringify(e.echo ?? null),
    String(e.cause ?? ''),
  ].join('\n')
}
