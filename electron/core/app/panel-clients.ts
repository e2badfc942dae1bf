/**
 * One XtreamClient per panel (ClientProvider). A client keeps the panel's rate
 * limit and concurrency slots, so every service talking to one panel must share
 * it; it is made again only when the panel's address changes. The API key is
 * read from the secret store at each call and never kept here.
 *
 * The app clock is deliberately NOT handed to the client: its rate limiter
 * measures real elapsed time, and a test's frozen clock would starve it.
 */
import { XtreamClient, type Endpoint, type FetchLike } from '../api'
import { AppError } from '../errors'
import type { ClientProvider, ProfileStore } from '../ports'
import type { KeyService } from '../vault/key-service'

interface Entry {
  endpointKey: string
  client: XtreamClient
}

export interface PanelClientsOptions {
  profiles: ProfileStore
  keys: KeyService
  fetch?: FetchLike
}

export class PanelClients implements ClientProvider {
  private readonly clients = new Map<string, Entry>()

  constructor(private readonly o: PanelClientsOptions) {}

  forProfile(profileId: string): XtreamClient {
    const p = this.o.profiles.require(profileId)
    if (!p.hasKey) {
      throw new AppError('NO_KEY', `No API key is saved for the panel "${p.name}". Add it in the panel settings.`, { details: { profileId } })
    }
    const endpoint = { scheme: p.scheme, host: p.host, port: p.port, accessCode: p.accessCode }
    const endpointKey = JSON.stringify(endpoint)
    const known = this.clients.get(profileId)
    if (known && known.endpointKey === endpointKey) return known.client
    const client = new XtreamClient({
      endpoint,
      getApiKey: () => this.o.keys.get(profileId),
      ...(this.o.fetch ? { fetch: this.o.fetch } : {}),
    })
    this.clients.set(profileId, { endpointKey, client })
    return client
  }

  /**
   * A throw-away client for the same panel at another scheme/port (the https
   * offer of profiles:test): short timeout, no retries, never cached, so the
   * panel's own client and its rate limit are untouched.
   */
  probe(profileId: string, at: { scheme: 'http' | 'https'; port: number }): XtreamClient {
    const p = this.o.profiles.require(profileId)
    return new XtreamClient({
      endpoint: { scheme: at.scheme, host: p.host, port: at.port, accessCode: p.accessCode },
      getApiKey: () => this.o.keys.get(profileId),
      timeoutMs: 5000,
      readRetries: 0,
      ...(this.o.fetch ? { fetch: this.o.fetch } : {}),
    })
  }

  /**
   * A throw-away client for an address that may not be saved yet (the panel
   * form's "Test connection"): never cached, no retries, its own rate limit.
   * `getApiKey` is the key the user typed or the saved panel's key; the client
   * reads it at call time only and keeps nothing.
   */
  draft(endpoint: Endpoint, getApiKey: () => Promise<string>, timeoutMs = 15_000): XtreamClient {
    return new XtreamClient({
      endpoint: { ...endpoint },
      getApiKey,
      timeoutMs,
      readRetries: 0,
      ...(this.o.fetch ? { fetch: this.o.fetch } : {}),
    })
  }

  forget(profileId: string): void {
    this.clients.delete(profileId)
  }
}
