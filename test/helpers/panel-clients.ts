/**
 * The ClientProvider the integration harnesses build by hand (the composition
 * root's job in the app): one real XtreamClient per panel, made on first use
 * from the panel's stored address, never waiting between its own retries and
 * never rate-limited, so tests run at the speed of the simulator.
 */
import { XtreamClient, type XtreamClientOptions } from '../../electron/core/api'
import type { ClientProvider } from '../../electron/core/ports'
import type { Profile } from '../../electron/shared/profile'

/** `options(id)` gives each panel's key source and fetch (and anything else it changes). */
export function clientsPerPanel(
  profiles: { require(id: string): Profile },
  options: (id: string) => Omit<XtreamClientOptions, 'endpoint'>,
): ClientProvider {
  const made = new Map<string, XtreamClient>()
  return {
    forProfile(id) {
      const p = profiles.require(id) // every time, as before: a removed panel has no client
      let c = made.get(id)
      if (!c) {
        c = new XtreamClient({
          endpoint: { scheme: p.scheme, host: p.host, port: p.port, accessCode: p.accessCode },
          sleep: async () => {}, // the client's own read retries: instant, not real waiting
          ratePerSecond: Infinity,
          ...options(id),
        })
        made.set(id, c)
      }
      return c
    },
  }
}
