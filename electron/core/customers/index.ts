/**
 * The customer book as one service: opens customers.db and wires its parts
 * (customers, links, radar, messages, prices, CSV) over the offline cache.
 * create-core.ts merges `handlers` into the contract.
 */
import type { LinkResource } from '../../shared/customers'
import type { Resource } from '../../shared/domain'
import type { JournalEntry } from '../../shared/views'
import type { CoreContext, OwnedKey } from '../ports'
import { backupHandlers } from './backup-handlers'
import { Backups, type SettingsPort } from './backups'
import { BookSchedule } from './book-schedule'
import { businessHandlers } from './business-handlers'
import { CustomerBook } from './book'
import { CustomerCsv } from './customer-csv'
import { customerHandlers } from './customer-handlers'
import { Customers } from './customers'
import { Links } from './links'
import { Messages } from './messages'
import { Payments } from './payments'
import { Prices } from './prices'
import { Profit, type JournalReader } from './profit'
import { Radar } from './radar'
import { reminderHandlers } from './reminder-handlers'

export interface CustomerServices {
  book: CustomerBook
  customers: Customers
  links: Links
  radar: Radar
  messages: Messages
  prices: Prices
  payments: Payments
  profit: Profit
  csv: CustomerCsv
}

/** `journal`: succeeded and other entries started in [from, to) (the profit report's credits). */
export function createCustomerServices(ctx: CoreContext, file: string, journal: JournalReader = async () => []): CustomerServices {
  const book = new CustomerBook(file, ctx.now)
  const customers = new Customers(book)
  const links = new Links(book, ctx.cache, (id) => ctx.profiles.get(id) !== undefined)
  const prices = new Prices(book)
  const radar = new Radar(book, ctx.cache, links, prices)
  const messages = new Messages(book, customers, links, prices, radar, ctx.profiles)
  const csv = new CustomerCsv(customers, links, ctx.cache, ctx.profiles)
  const payments = new Payments(book, prices)
  const profit = new Profit(book, ctx.cache, links, prices, payments, journal, () => ctx.profiles.list().map((p) => p.id))
  return { book, customers, links, radar, messages, prices, payments, profit, csv }
}

export interface BookOptions {
  journal?: JournalReader
  /** The app's settings (backed up and restored with the book). */
  settings?: SettingsPort
  /** Where automatic backups go (<data folder>/backups). */
  backupDir: string
  appVersion: string
  notify?: (n: { title: string; body: string; command?: 'open-radar' }) => void
  log?: (msg: string) => void
}

export function createCustomerBook(ctx: CoreContext, file: string, opts: BookOptions) {
  const journal = opts.journal ?? (async () => [])
  const services = createCustomerServices(ctx, file, journal)
  const backups = new Backups({ book: services.book, profiles: ctx.profiles, settings: opts.settings ?? null, journal, dir: opts.backupDir, appVersion: opts.appVersion })
  const schedule = new BookSchedule({ book: services.book, radar: services.radar, backups, notify: opts.notify, log: opts.log })
  return {
    services,
    backups,
    schedule,
    handlers: { ...customerHandlers(services), ...reminderHandlers(services), ...businessHandlers(services), ...backupHandlers(backups, opts.backupDir) },
    ownedBy: (search: string, resource: Resource) => ownedBy(services, search, resource),
    start: () => schedule.start(),
    dispose: () => {
      schedule.stop()
      services.book.close()
    },
  }
}

const LINKABLE: ReadonlySet<string> = new Set<LinkResource>(['lines', 'mags', 'enigmas', 'activecodes'])

/** The subscriptions a list's search also finds by their customer; a damaged book adds nothing and fails no list. */
function ownedBy(s: CustomerServices, search: string, resource: Resource): OwnedKey[] {
  if (!LINKABLE.has(resource)) return []
  try {
    return s.customers.ownedBy(search, resource as LinkResource)
  } catch {
    return []
  }
}

type JournalQuery = (f: { from: number; to: number; offset: number; limit: number }) => Promise<{ rows: JournalEntry[]; total: number }>

/** The profit report's view of the journal, read through its own query 1000 entries at a time. */
export function journalReader(query: JournalQuery): JournalReader {
  return async (from, to) => {
    const out: JournalEntry[] = []
    for (let offset = 0; ; offset += 1000) {
      const page = await query({ from, to, offset, limit: 1000 })
      out.push(...page.rows)
      if (page.rows.length < 1000 || out.length >= page.total) return out
    }
  }
}
