/**
 * What the write path knows about a panel before sending: its account
 * (balance, permissions) and packages (prices). Both come from the cache; when
 * the cache has never held them (a panel added a minute ago), they are read
 * once from the panel and stored.
 */
import type { AccountInfo, Package } from '../../shared/domain'
import { AppError } from '../errors'
import { labelOf, type SubscriptionResource, type WritableResource } from '../../shared/resources'
import { requirePackage } from './cost'
import { readAccount } from './panel'
import type { SpendingEnv } from './types'

export async function knownAccount(env: SpendingEnv, profileId: string): Promise<AccountInfo | null> {
  const cached = env.ctx.cache.getAccount(profileId)
  if (cached) return cached.info
  try {
    const info = await readAccount(env.ctx.clients.forProfile(profileId))
    env.ctx.cache.setAccount(profileId, info, env.ctx.now())
    return info
  } catch {
    // Unknown balance and permissions: the panel stays the judge.
    return null
  }
}

async function readPackages(env: SpendingEnv, profileId: string): Promise<Package[]> {
  const pkgs = (await env.ctx.clients.forProfile(profileId).call('packages', {})) as Package[]
  env.ctx.cache.setPackages(profileId, pkgs, env.ctx.now())
  return pkgs
}

/** The package a create or extension uses; its price is what the user is shown and charged. */
export async function knownPackage(env: SpendingEnv, profileId: string, packageId: number, resource: SubscriptionResource): Promise<Package> {
  let pkgs = env.ctx.cache.getPackages(profileId)
  if (!pkgs.some((p) => p.id === packageId)) {
    try {
      pkgs = await readPackages(env, profileId)
    } catch (e) {
      if (pkgs.length === 0) {
        throw new AppError('VALIDATION', "This panel's packages are not known yet and could not be read now, so the price is unknown. Nothing was sent. Refresh the panel and try again.", {
          cause: e,
        })
      }
    }
  }
  return requirePackage(pkgs, packageId, resource)
}

/** The natural key of a cached row, for journal labels ("#id" when the row is not cached). */
export function cachedLabel(env: SpendingEnv, profileId: string, resource: WritableResource, id: number): string {
  try {
    const row = env.ctx.cache.getRow(profileId, resource, id) as Record<string, unknown> | null
    return labelOf(resource, row, id)
  } catch {
    return `#${id}`
  }
}
