/**
 * Panels and their keys: `profiles:*` and `keys:*`.
 *
 * Removing a panel takes everything of it with it — the key from the keychain
 * first (if that fails nothing else changes and the user is told), then the
 * panel, then its cached rows. A connection test reads `user_info` and keeps
 * the answer (account + a balance point), since it is a real reading.
 */
import type { ContractHandlers, MethodValue } from '../../shared/contract'
import type { XtreamClient } from '../api'
import { AppError, isAppError } from '../errors'
import type { CoreContext } from '../ports'
import type { PanelStatusBoard } from '../sync/panel-status'
import type { SyncEngine } from '../sync/sync-engine'
import { recordAccount } from '../sync/sync-target'
import type { KeyService } from '../vault/key-service'
import type { PanelClients } from './panel-clients'

export interface ProfileDeps {
  ctx: CoreContext
  keys: KeyService
  sync: SyncEngine
  board: PanelStatusBoard
  clients: PanelClients
  /** Panels were added, removed or changed (the credit monitor re-reads its list). */
  profilesChanged(): void
  /** Resolves when background readers (the credit monitor) have no call in flight. */
  settle?(): Promise<void>
}

type ProfileMethods =
  | 'profiles:list'
  | 'profiles:create'
  | 'profiles:update'
  | 'profiles:remove'
  | 'profiles:reorder'
  | 'profiles:test'
  | 'profiles:testDraft'
  | 'profiles:export'
  | 'profiles:import'
  | 'keys:set'
  | 'keys:clear'

export const PANELS_EXPORT_FILENAME = 'xm-panels.json'

export function profileHandlers(d: ProfileDeps): Pick<ContractHandlers, ProfileMethods> {
  const { ctx } = d
  const changed = <T>(v: T): T => {
    d.profilesChanged()
    return v
  }
  return {
    'profiles:list': async () => ctx.profiles.list(),
    'profiles:create': async (input) => changed(await ctx.profiles.create(input)),
    'profiles:update': async ({ profileId, patch }) => changed(await ctx.profiles.update(profileId, patch)),
    'profiles:reorder': async ({ profileIds }) => ctx.profiles.reorder(profileIds),
    'profiles:remove': async ({ profileId }) => removeProfile(d, profileId),
    'profiles:test': async ({ profileId }) => testProfile(d, profileId),
    'profiles:testDraft': async (args) => testDraft(d, args),

    'profiles:export': async () => ({ filename: PANELS_EXPORT_FILENAME, csv: ctx.profiles.exportJson() }),
    'profiles:import': async ({ json }) => {
      const r = await ctx.profiles.importJson(json)
      return changed({ added: r.added, skipped: r.skipped })
    },

    'keys:set': async ({ profileId, apiKey }) => {
      ctx.profiles.require(profileId)
      const state = await d.keys.set(profileId, apiKey)
      const p = await ctx.profiles.setKeyHint(profileId, state.keyHint)
      return changed({ hasKey: p.hasKey, keyHint: p.keyHint, backend: d.keys.backend })
    },
    'keys:clear': async ({ profileId }) => {
      ctx.profiles.require(profileId)
      d.sync.cancel(profileId)
      await d.keys.clear(profileId)
      await ctx.profiles.setKeyHint(profileId, null)
      return changed({ done: true as const })
    },
  }
}

/** The panel and everything of it, in the order the file header gives (the key first: if it cannot go, nothing does). */
async function removeProfile(d: ProfileDeps, profileId: string): Promise<{ done: true }> {
  const { ctx } = d
  ctx.profiles.require(profileId)
  d.sync.forget(profileId)
  await d.keys.clear(profileId)
  await ctx.profiles.remove(profileId)
  d.profilesChanged()
  ctx.cache.deleteProfile(profileId)
  d.clients.forget(profileId)
  d.board.forget(profileId)
  // A balance read already on its way may write the account back after the delete: sweep again once it lands.
  void d
    .settle?.()
    .then(() => {
      if (!ctx.profiles.get(profileId)) ctx.cache.deleteProfile(profileId)
    })
    .catch(() => undefined)
  return { done: true as const }
}

/** A saved panel's connection test: a real reading, so the board and the account keep it. */
async function testProfile(d: ProfileDeps, profileId: string): Promise<MethodValue<'profiles:test'>> {
  const { ctx } = d
  const profile = ctx.profiles.require(profileId)
  const client = ctx.clients.forProfile(profileId)
  // Plain http sends the key unencrypted: ask the same panel over https meanwhile, to offer the switch.
  const https = profile.scheme === 'http' ? httpsOffer(d.clients.probe(profileId, { scheme: 'https', port: profile.port }), profile.port) : Promise.resolve(null)
  const t0 = performance.now()
  try {
    const info = await client.call('user_info', {})
    const latencyMs = Math.round(performance.now() - t0)
    d.board.answered(profileId)
    recordAccount(ctx.cache, profileId, info, ctx.now())
    return { username: info.username, credits: info.credits, latencyMs, https: await https }
  } catch (e) {
    if (isAppError(e)) d.board.failed(profileId, { code: e.code, message: e.message })
    throw e
  }
}

/**
 * The form's values, saved or not (a panel is saved only once they work, or the user says so). Nothing is
 * recorded: not the board (the address may not be the panel's), not the account, not the key.
 */
async function testDraft(d: ProfileDeps, { endpoint, apiKey, profileId }: Parameters<ContractHandlers['profiles:testDraft']>[0]): Promise<MethodValue<'profiles:testDraft'>> {
  const { ctx } = d
  let getKey: () => Promise<string>
  if (apiKey) getKey = async () => apiKey
  else if (profileId && ctx.profiles.require(profileId).hasKey) getKey = () => d.keys.get(profileId)
  else throw new AppError('NO_KEY', 'Enter the API key to test the connection.')
  const https = endpoint.scheme === 'http' ? httpsOffer(d.clients.draft({ ...endpoint, scheme: 'https' }, getKey, 5000), endpoint.port) : Promise.resolve(null)
  const t0 = performance.now()
  const info = await d.clients.draft(endpoint, getKey).call('user_info', {})
  return { username: info.username, credits: info.credits, latencyMs: Math.round(performance.now() - t0), https: await https }
}

/**
 * Whether the panel answers its reseller API over https on the SAME port, or
 * null. Only that port is asked: it is the service that already receives the
 * key (a port speaks one protocol), whereas another port (say 443) may be a
 * different server or a CDN that logs URLs — and the key travels in the query.
 * Only a real answer to `user_info` counts: a certificate the system does not
 * trust, or any other page, is no offer. Short timeout: a silent port delays
 * the test by seconds at most.
 */
async function httpsOffer(probe: XtreamClient, port: number): Promise<{ port: number } | null> {
  try {
    const info = await probe.call('user_info', {})
    return info && typeof info.username === 'string' ? { port } : null
  } catch {
    return null
  }
}
