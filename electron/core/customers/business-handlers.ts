/** `prices:*` and `payments:*`: the reseller's own prices, payments taken, and the profit report. */
import type { ContractHandlers } from '../../shared/contract'
import type { CustomerServices } from './index'

type BusinessMethods = 'prices:get' | 'prices:set' | 'payments:record' | 'payments:list' | 'payments:remove' | 'payments:profit' | 'payments:exportCsv'

export function businessHandlers(s: CustomerServices): Pick<ContractHandlers, BusinessMethods> {
  return {
    'prices:get': async () => s.prices.get(),
    'prices:set': async (patch) => s.prices.set(patch),
    'payments:record': async (input) => s.payments.record(input),
    'payments:list': async (q) => s.payments.list(q),
    'payments:remove': async ({ id }) => {
      s.payments.remove(id)
      return { done: true as const }
    },
    'payments:profit': (q) => s.profit.report(q),
    'payments:exportCsv': async () => s.payments.exportCsv(),
  }
}
