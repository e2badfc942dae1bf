/**
 * A run's results as CSV: what happened to each item, and for created lines the
 * credentials and playlist link the reseller hands to customers (panel-api §11).
 */
import { customerLinks, type CustomerBase } from '../../shared/links'
import type { Profile } from '../../shared/profile'
import { csvFilename, toCsv, type CsvCell } from '../journal/csv'
import type { Run } from './runner'

/** Where customers connect: the customer DNS/port when set, else the API host/port. */
export function customerBaseOf(profile: Profile): CustomerBase {
  return { scheme: profile.scheme, host: profile.customerDns ?? profile.host, port: profile.customerPort ?? profile.port }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '')

export function exportRunCsv(run: Run, profile: Profile | undefined, nowMs: number): { filename: string; csv: string } {
  const base = profile ? customerBaseOf(profile) : null
  const header = ['item', 'state', 'reason', 'journal id', 'cost', 'id', 'username', 'password', 'code', 'mac', 'expires', 'm3u url']
  const rows: CsvCell[][] = run.items.map(({ item }) => {
    const r = item.result ?? {}
    const username = str(r.username)
    const password = str(r.password)
    const exp = typeof r.expDate === 'number' ? new Date(r.expDate * 1000).toISOString() : ''
    const isLine = username !== '' && password !== '' && r.mac === undefined && r.code === undefined
    return [
      item.label,
      item.state,
      item.reason,
      item.journalId,
      item.cost,
      typeof r.id === 'number' ? r.id : null,
      username,
      password,
      str(r.code),
      str(r.mac),
      exp,
      isLine && base ? customerLinks(base, username, password).m3u : '',
    ]
  })
  return { filename: csvFilename(`bulk-${run.runId.slice(0, 8)}`, nowMs), csv: toCsv(header, rows) }
}
