/**
 * The customer book as one service: opens customers.db and wires its parts
 * (customers, links, radar, messages, prices, CSV) over the offline cache.
 * create-core.ts merges `handlers` into the contract.
 */
import type { CoreContext } from '../ports'
import { CustomerBook } from './book'
import { CustomerCsv } from './customer-csv'
import { customerHandlers } from './customer-handlers'
import { Customers } from './customers'
import { Links } from './links'
import { Messages } from './messages'
import { Prices } from './prices'
import { Radar } from './radar'
import { reminderHandlers } from './reminder-handlers'

export interface CustomerServices {
  book: CustomerBook
  customers: Customers
  links: Links
  radar: Radar
  messages: Messages
  prices: Prices
  csv: CustomerCsv
}

export function createCustomerServices(ctx: CoreContext, file: string): CustomerServices {
  const book = new CustomerBook(file, ctx.now)
  const customers = new Customers(book)
  const links = new Links(book, ctx.cache, (id) => ctx.profiles.get(id) !== undefined)
  const prices = new Prices(book)
  const radar = new Radar(book, ctx.cache, links, prices)
  const messages = new Messages(book, customers, links, prices, radar, ctx.profiles)
  const csv = new CustomerCsv(customers, links, ctx.cache, ctx.profiles)
  return { book, customers, links, radar, messages, prices, csv }
}

export function createCustomerBook(ctx: CoreContext, file: string) {
  const services = createCustomerServices(ctx, file)
  return {
    services,
    handlers: { ...customerHandlers(services), ...reminderHandlers(services) },
    dispose: () => services.book.close(),
  }
}
