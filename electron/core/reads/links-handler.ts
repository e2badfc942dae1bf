/**
 * `links:get`: what to send a customer for a line, a MAG or an Enigma2 device.
 * Devices use their line's credentials (a MAG/E2 line has generated 32-character
 * ones, panel-api §11). A line comes from the cache (its list row has the password);
 * a device is read FRESH, because the device lists carry no password
 * (docs/panel-api.md §5) and a link with `password=` empty is a broken link
 * the customer cannot use. Offline, a cached device copy with its password
 * (from an earlier get or create) still serves.
 *
 * A link is never built from an empty credential: that is refused in words.
 */
import { AppError, isAppError } from '../errors'
import { customerLinks, customerOrigin } from '../../shared/links'
import { HOST_RE } from '../../shared/profile'
import type { CustomerLinks } from '../../shared/views'
import { readItem } from './item-handlers'
import type { Handlers, ReadDeps } from './read-deps'

type Credentials = { username: string; password: string }

async function credentialsOf(d: ReadDeps, profileId: string, resource: 'lines' | 'mags' | 'enigmas', id: number): Promise<Credentials> {
  const cached = d.ctx.cache.getRow(profileId, resource, id)
  if (resource === 'lines' && cached?.password) return cached
  try {
    return await readItem(d, profileId, resource, id)
  } catch (e) {
    // Offline: readItem offers the saved copy; it serves when it has the credentials.
    const copy = isAppError(e) ? (e.details?.cached as Credentials | undefined) : undefined
    if (copy?.password) return copy
    throw e
  }
}

export function linksHandler(d: ReadDeps): Handlers<'links:get'> {
  return {
    'links:get': async ({ profileId, resource, id }): Promise<CustomerLinks> => {
      const p = d.ctx.profiles.require(profileId)
      const row = await credentialsOf(d, profileId, resource, id)
      if (!row.username || !row.password) {
        throw new AppError('BAD_RESPONSE', 'The panel did not give the username and password of this item, so no working customer link can be built. Open it on the panel to see them.', {
          details: { missing: !row.username ? 'username' : 'password' },
        })
      }
      const base = { scheme: p.scheme, host: p.customerDns ?? p.host, port: p.customerPort ?? p.port }
      const via = p.customerDns ? ('customerDns' as const) : ('api' as const)
      return { ...customerLinks(base, row.username, row.password), origin: customerOrigin(base), via, resellerDns: via === 'api' ? offeredDns(d, profileId, p.host) : null }
    },
  }
}

/**
 * The account's reseller DNS (panel-api §4 `user_info`), offered when no customer DNS is set: the links a
 * reseller hands out should not carry the API address when the panel names the one customers use.
 * Only a plain host (a DNS name that is not the API host); anything else is not offered.
 */
function offeredDns(d: ReadDeps, profileId: string, apiHost: string): string | null {
  const dns = d.ctx.cache.getAccount(profileId)?.info.resellerDns?.trim() ?? ''
  const host = dns.replace(/^https?:\/\//i, '').replace(/[:/].*$/, '').toLowerCase()
  return host && HOST_RE.test(host) && host !== apiHost.toLowerCase() ? host : null
}
