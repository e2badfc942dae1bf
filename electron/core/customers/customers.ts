/**
 * Customers: create, edit, remove, list and search. Search matches a name by
 * its words (any order, prefix) and a phone by its digits, so "+49 170",
 * "0049170" and "170 12" all find +491701234…
 */
import type { Customer, CustomerInput, CustomerList, CustomerListQuery, LinkResource } from '../../shared/customers'
import { CustomerListQuery as ListQuerySchema } from '../../shared/customers'
import { AppError } from '../errors'
import type { OwnedKey } from '../ports'
import type { CustomerBook } from './book'

interface CustomerRow {
  id: number
  name: string
  phone: string | null
  email: string | null
  telegram: string | null
  channel: string | null
  language: string
  tags: string
  notes: string
  created_at: number
  updated_at: number
  link_count: number
}

const SELECT = `SELECT c.*, (SELECT count(*) FROM links l WHERE l.customer_id = c.id) AS link_count FROM customers c`

export class Customers {
  constructor(private readonly book: CustomerBook) {}

  create(input: CustomerInput): Customer {
    const at = this.book.now()
    const id = this.book.write(() => {
      const r = this.book
        .stmt(
          `INSERT INTO customers (name, phone, email, telegram, channel, language, tags, notes, created_at, updated_at)
           VALUES (@name, @phone, @email, @telegram, @channel, @language, @tags, @notes, @at, @at)`,
        )
        .run({ ...columns(input), at })
      return Number(r.lastInsertRowid)
    })
    return this.require(id)
  }

  update(id: number, patch: Partial<CustomerInput>): Customer {
    const current = this.require(id)
    const next = { ...current, ...patch }
    this.book.write(() =>
      this.book
        .stmt(
          `UPDATE customers SET name = @name, phone = @phone, email = @email, telegram = @telegram, channel = @channel,
           language = @language, tags = @tags, notes = @notes, updated_at = @at WHERE id = @id`,
        )
        .run({ ...columns(next), at: this.book.now(), id }),
    )
    return this.require(id)
  }

  /** Removes the customer and their links and send log; their payments stay (revenue) without a name. */
  remove(id: number): void {
    this.require(id)
    this.book.write(() => this.book.stmt(`DELETE FROM customers WHERE id = ?`).run(id))
  }

  get(id: number): Customer | null {
    const r = this.book.stmt(`${SELECT} WHERE c.id = ?`).get(id) as CustomerRow | undefined
    return r ? toCustomer(r) : null
  }

  require(id: number): Customer {
    const c = this.get(id)
    if (!c) throw new AppError('NOT_FOUND_LOCAL', `There is no customer #${id} in the book (it may have been removed).`)
    return c
  }

  list(raw: CustomerListQuery): CustomerList {
    const q = ListQuerySchema.parse(raw)
    const { where, params } = searchWhere(q.search, q.tag)
    const rows = this.book
      .stmt(`${SELECT} ${where} ORDER BY c.name COLLATE NOCASE, c.id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: q.limit, offset: q.offset }) as CustomerRow[]
    const total = (this.book.stmt(`SELECT count(*) AS n FROM customers c ${where}`).get(params) as { n: number }).n
    return { rows: rows.map(toCustomer), total, tags: this.tags() }
  }

  /** Every tag in use, for the filter. */
  tags(): string[] {
    const rows = this.book.stmt(`SELECT DISTINCT j.value AS tag FROM customers c, json_each(c.tags) j ORDER BY 1 COLLATE NOCASE`).all() as { tag: string }[]
    return rows.map((r) => r.tag)
  }

  /** A customer with exactly this name and phone (CSV import joins rows to them). */
  findExact(name: string, phone: string | null): Customer | null {
    const r = this.book
      .stmt(`${SELECT} WHERE c.name = @name COLLATE NOCASE AND (c.phone IS @phone) ORDER BY c.id LIMIT 1`)
      .get({ name: name.trim(), phone }) as CustomerRow | undefined
    return r ? toCustomer(r) : null
  }

  all(): Customer[] {
    return (this.book.stmt(`${SELECT} ORDER BY c.id`).all() as CustomerRow[]).map(toCustomer)
  }

  /**
   * The subscriptions of one kind owned by customers the text finds (name words, phone digits,
   * e-mail): a list's search finds a line by its customer too. Two characters at least (one
   * letter would match half the book), at most OWNED_LIMIT subscriptions.
   */
  ownedBy(search: string, resource: LinkResource): OwnedKey[] {
    if (search.trim().length < 2) return []
    const { where, params } = searchWhere(search)
    if (!where) return []
    return this.book
      .stmt(`SELECT l.profile_id AS profileId, l.item_key AS key FROM links l JOIN customers c ON c.id = l.customer_id ${where} AND l.resource = @resource ORDER BY l.id LIMIT ${OWNED_LIMIT}`)
      .all({ ...params, resource }) as OwnedKey[]
  }
}

/** How many subscriptions a list's search adds for matching customers (a page shows far fewer). */
export const OWNED_LIMIT = 500

function columns(c: CustomerInput) {
  return {
    name: c.name.trim(),
    phone: c.phone,
    email: c.email,
    telegram: c.telegram ? c.telegram.replace(/^@/, '') : null,
    channel: c.channel,
    language: c.language,
    tags: JSON.stringify([...new Set(c.tags.map((t) => t.trim()).filter(Boolean))]),
    notes: c.notes,
  }
}

function toCustomer(r: CustomerRow): Customer {
  return {
    id: r.id,
    name: r.name,
    phone: r.phone,
    email: r.email,
    telegram: r.telegram,
    channel: (r.channel as Customer['channel']) ?? null,
    language: r.language,
    tags: parseTags(r.tags),
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    linkCount: r.link_count,
  }
}

function parseTags(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json)
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : []
  } catch {
    return []
  }
}

/** Words of a name (prefix, any order) or the digits of a phone; the tag filter exact. */
export function searchWhere(search: string | undefined, tag?: string): { where: string; params: Record<string, string> } {
  const parts: string[] = []
  const params: Record<string, string> = {}
  const words = (search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 6)
  const digits = (search ?? '').replace(/\D/g, '').replace(/^00/, '')
  if (words.length > 0) {
    const nameParts = words.map((w, i) => {
      params[`w${i}`] = `%${escapeLike(w)}%`
      return `(c.name LIKE @w${i} ESCAPE '\\' OR c.email LIKE @w${i} ESCAPE '\\' OR c.telegram LIKE @w${i} ESCAPE '\\')`
    })
    const or = [`(${nameParts.join(' AND ')})`]
    if (digits.length >= 3) {
      // A national number typed with its trunk 0 ("0170…") still finds "+49170…".
      params.digits = `%${digits.replace(/^0/, '')}%`
      or.push(`c.phone LIKE @digits`)
    }
    parts.push(`(${or.join(' OR ')})`)
  }
  if (tag) {
    params.tag = tag
    parts.push(`EXISTS (SELECT 1 FROM json_each(c.tags) j WHERE j.value = @tag)`)
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c)
