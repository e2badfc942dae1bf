/**
 * A real customer book for tests: customers.db and cache.db in a temp folder
 * (real SQLite files), a real profile store with two panels, and a clock the
 * test moves. Cache rows are put in the way a sync does (replaceAll).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openCache } from '../../../electron/core/cache'
import { createCustomerServices, type CustomerServices } from '../../../electron/core/customers'
import type { CacheDb, CoreContext } from '../../../electron/core/ports'
import { JsonProfileStore } from '../../../electron/core/profiles/profile-store'
import type { Resource, ResourceRow } from '../../../electron/shared/domain'
import { PROFILE_DEFAULTS, type Profile } from '../../../electron/shared/profile'
import { NOW } from '../../helpers/rows'

export interface BookFixture extends CustomerServices {
  dir: string
  cache: CacheDb
  profiles: JsonProfileStore
  north: Profile
  south: Profile
  clock: { ms: number }
  /** Replace a panel's rows of a resource, as a finished sync does. */
  sync<R extends Resource>(profile: Profile, resource: R, rows: ResourceRow[R][]): void
  /** Reopen the book from its file (a restart). */
  reopen(): CustomerServices
  close(): void
}

export async function bookFixture(dir = mkdtempSync(join(tmpdir(), 'xm-book-'))): Promise<BookFixture> {
  const clock = { ms: NOW * 1000 }
  const now = () => clock.ms
  const cache = openCache(join(dir, 'cache.db'), { now })
  const profiles = await JsonProfileStore.open(join(dir, 'profiles.json'), { now })
  const mk = (name: string) => profiles.create({ ...PROFILE_DEFAULTS, name, host: `${name.toLowerCase()}.example.com`, accessCode: 'abc' })
  const north = await mk('North')
  const south = await mk('South')
  const ctx = { now, cache, profiles } as unknown as CoreContext
  let services = createCustomerServices(ctx, join(dir, 'customers.db'))
  const f: BookFixture = {
    ...services,
    dir,
    cache,
    profiles,
    north,
    south,
    clock,
    sync: (p, resource, rows) => cache.replaceAll(p.id, resource, rows, null, clock.ms),
    reopen: () => {
      services.book.close()
      services = createCustomerServices(ctx, join(dir, 'customers.db'))
      Object.assign(f, services)
      return services
    },
    close: () => {
      services.book.close()
      cache.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return f
}

export const anna = {
  name: 'Anna Kowalski',
  phone: '+491701234567',
  email: 'anna@example.com',
  telegram: null,
  channel: 'whatsapp' as const,
  language: 'en',
  tags: ['vip'],
  notes: '',
}
