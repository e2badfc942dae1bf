/** Payments the reseller took from customers: recorded when renewing or creating, or later from the customer page. */
import type { Payment, PaymentInput } from '../../shared/business'
import { AppError } from '../errors'
import { csvFilename, toCsv } from '../journal/csv'
import type { CustomerBook } from './book'
import type { Prices } from './prices'

interface PaymentRow {
  id: number
  customer_id: number | null
  customer_name: string | null
  profile_id: string | null
  resource: string | null
  item_key: string | null
  package_id: number | null
  amount: number
  currency: string
  method: string
  note: string
  journal_id: number | null
  at: number
}

const SELECT = `SELECT p.*, c.name AS customer_name FROM payments p LEFT JOIN customers c ON c.id = p.customer_id`

export class Payments {
  constructor(
    private readonly book: CustomerBook,
    private readonly prices: Prices,
  ) {}

  record(input: PaymentInput): Payment {
    if (input.customerId !== null && !this.book.stmt(`SELECT 1 FROM customers WHERE id = ?`).get(input.customerId)) {
      throw new AppError('NOT_FOUND_LOCAL', `There is no customer #${input.customerId} in the book.`)
    }
    const id = this.book.write(() =>
      Number(
        this.book
          .stmt(
            `INSERT INTO payments (customer_id, profile_id, resource, item_key, package_id, amount, currency, method, note, journal_id, at)
             VALUES (@customerId, @profileId, @resource, @key, @packageId, @amount, @currency, @method, @note, @journalId, @at)`,
          )
          .run({
            customerId: input.customerId,
            profileId: input.item?.profileId ?? null,
            resource: input.item?.resource ?? null,
            key: input.item?.key ?? null,
            packageId: input.packageId,
            amount: input.amount,
            currency: this.prices.currency(),
            method: input.method,
            note: input.note,
            journalId: input.journalId,
            at: input.at ?? this.book.now(),
          }).lastInsertRowid,
      ),
    )
    return this.get(id)!
  }

  remove(id: number): void {
    if (!this.get(id)) throw new AppError('NOT_FOUND_LOCAL', `That payment (#${id}) is no longer in the book.`)
    this.book.write(() => this.book.stmt(`DELETE FROM payments WHERE id = ?`).run(id))
  }

  get(id: number): Payment | null {
    const r = this.book.stmt(`${SELECT} WHERE p.id = ?`).get(id) as PaymentRow | undefined
    return r ? toPayment(r) : null
  }

  list(q: { customerId?: number; from?: number; to?: number; limit?: number }): Payment[] {
    const rows = this.book
      .stmt(
        `${SELECT} WHERE (@customerId IS NULL OR p.customer_id = @customerId) AND p.at >= @from AND p.at < @to ORDER BY p.at DESC, p.id DESC LIMIT @limit`,
      )
      .all({ customerId: q.customerId ?? null, from: q.from ?? 0, to: q.to ?? Number.MAX_SAFE_INTEGER, limit: q.limit ?? 100_000 }) as PaymentRow[]
    return rows.map(toPayment)
  }

  exportCsv(): { filename: string; csv: string } {
    const rows = this.list({}).map((p) => [
      new Date(p.at).toISOString(),
      p.customerName,
      p.amount,
      p.currency,
      p.method,
      p.item?.key ?? null,
      p.note,
    ])
    return { filename: csvFilename('payments', this.book.now()), csv: toCsv(['date', 'customer', 'amount', 'currency', 'method', 'subscription', 'note'], rows) }
  }
}

function toPayment(r: PaymentRow): Payment {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    item: r.profile_id && r.resource && r.item_key ? { profileId: r.profile_id, resource: r.resource as never, key: r.item_key } : null,
    packageId: r.package_id,
    amount: r.amount,
    currency: r.currency,
    method: r.method as Payment['method'],
    note: r.note,
    journalId: r.journal_id,
    at: r.at,
  }
}
