/**
 * `links:get`: what to send a customer for a line, a MAG or an Enigma2 device.
 * Devices use their line's credentials (a MAG/E2 line has generated 32-character
 * ones, NOTES §11). The row comes from the cache; a row not cached yet is read
 * from the panel.
 */
import { customerLinks } from '../../shared/links'
import type { CustomerLinks } from '../../shared/views'
import { readItem } from './item-handlers'
import type { Handlers, ReadDeps } from './read-deps'

export function linksHandler(d: ReadDeps): Handlers<'links:get'> {
  return {
    'links:get': async ({ profileId, resource, id }): Promise<CustomerLinks> => {
      const p = d.ctx.profiles.require(profileId)
      const row = d.ctx.cache.getRow(profileId, resource, id) ?? (await readItem(d, profileId, resource, id))
      const base = { scheme: p.scheme, host: p.customerDns ?? p.host, port: p.customerPort ?? p.port }
      return customerLinks(base, row.username, row.password)
    },
  }
}
