/** `customers:*`: the book, its links and CSV import/export. */
import type { ContractHandlers } from '../../shared/contract'
import type { CustomerServices } from './index'

type CustomerMethods =
  | 'customers:status'
  | 'customers:list'
  | 'customers:get'
  | 'customers:create'
  | 'customers:update'
  | 'customers:remove'
  | 'customers:attach'
  | 'customers:detach'
  | 'customers:owners'
  | 'customers:importPreview'
  | 'customers:importApply'
  | 'customers:exportCsv'

export function customerHandlers(s: CustomerServices): Pick<ContractHandlers, CustomerMethods> {
  return {
    'customers:status': async () => ({ problem: s.book.problem, file: s.book.file }),
    'customers:list': async (q) => s.customers.list(q),
    'customers:get': async ({ id }) => ({ customer: s.customers.require(id), links: s.links.ofCustomer(id), sends: s.messages.sends(id) }),
    'customers:create': async (input) => {
      const { attach, ...fields } = input
      const c = s.customers.create(fields)
      if (attach && attach.length > 0) s.links.attach(c.id, attach)
      return s.customers.require(c.id)
    },
    'customers:update': async ({ id, patch }) => s.customers.update(id, patch),
    'customers:remove': async ({ id }) => {
      s.customers.remove(id)
      return { done: true as const }
    },
    'customers:attach': async ({ customerId, items }) => {
      s.customers.require(customerId)
      return s.links.attach(customerId, items)
    },
    'customers:detach': async ({ linkId }) => {
      s.links.detach(linkId)
      return { done: true as const }
    },
    'customers:owners': async ({ items }) => s.links.owners(items),
    'customers:importPreview': async ({ csv }) => s.csv.preview(csv),
    'customers:importApply': async ({ csv }) => s.csv.apply(csv),
    'customers:exportCsv': async () => s.csv.exportCsv(),
  }
}
