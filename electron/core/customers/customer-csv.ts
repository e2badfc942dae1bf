/**
 * Customers in and out as CSV.
 *
 * Import reads `name, phone, username/MAC/code` (a header row names the
 * columns; `,`, `;` and tab are all accepted, as spreadsheets export them),
 * matches each key against every panel's cached lines, devices and codes,
 * and first shows the result (preview); applying it creates the customers
 * (or joins rows to an existing customer of the same name and phone) and
 * attaches what matched. A cell our own export protected with a leading `'`
 * (formula neutralisation, journal/csv.ts) is read without it.
 */
import type { ImportPreview, LinkRef, LinkResource } from '../../shared/customers'
import { isE164 } from '../../shared/message-links'
import { AppError } from '../errors'
import { csvFilename, toCsv } from '../journal/csv'
import type { CacheDb, ProfileStore } from '../ports'
import type { Customers } from './customers'
import type { Links } from './links'

const MAX_ROWS = 20_000
const KEY_HEADERS = /^(username|user|line|mac|code|key|login|account)$/i
const MAC = /^([0-9A-F]{2}[:-]){5}[0-9A-F]{2}$/i

export class CustomerCsv {
  constructor(
    private readonly customers: Customers,
    private readonly links: Links,
    private readonly cache: CacheDb,
    private readonly profiles: ProfileStore,
  ) {}

  preview(csv: string): ImportPreview {
    const table = parseCsv(csv)
    if (table.length === 0) throw new AppError('VALIDATION', 'The file is empty.')
    const header = table[0]!.map((h) => h.trim().toLowerCase())
    const hasHeader = header.includes('name')
    const col = {
      name: hasHeader ? header.indexOf('name') : 0,
      phone: hasHeader ? header.findIndex((h) => /^(phone|mobile|tel|telephone|whatsapp)$/.test(h)) : 1,
      key: hasHeader ? header.findIndex((h) => KEY_HEADERS.test(h)) : 2,
    }
    if (col.key < 0) throw new AppError('VALIDATION', 'The file has no username / MAC column (expected a header such as: name, phone, username).')
    const body = table.slice(hasHeader ? 1 : 0).filter((r) => r.some((c) => c.trim() !== ''))
    if (body.length > MAX_ROWS) throw new AppError('VALIDATION', `The file has ${body.length} rows; import at most ${MAX_ROWS} at a time.`)
    const rows = body.map((r, i) => {
      const name = cell(r[col.name])
      const rawPhone = col.phone >= 0 ? cell(r[col.phone]) : ''
      const key = cell(r[col.key])
      const phone = rawPhone ? toE164(rawPhone) : null
      const problem = !name
        ? 'No name.'
        : rawPhone && !phone
          ? `The phone "${rawPhone}" is not in international form (+country…); it was left out.`
          : null
      const matches = key ? this.match(key) : []
      const existing = name ? this.customers.findExact(name, phone) : null
      return { line: i + (hasHeader ? 2 : 1), name, phone, key, matches, existingCustomerId: existing?.id ?? null, problem }
    })
    return {
      rows,
      matched: rows.filter((r) => r.name && r.matches.length > 0).length,
      missed: rows.filter((r) => r.name && r.key && r.matches.length === 0).length,
      invalid: rows.filter((r) => !r.name).length,
    }
  }

  /** Applies a preview of the same text: customers made or joined, matches attached. */
  apply(csv: string): { created: number; joined: number; linked: number; skipped: string[] } {
    const preview = this.preview(csv)
    let created = 0
    let joined = 0
    let linked = 0
    const skipped: string[] = []
    const made = new Map<string, number>()
    for (const r of preview.rows) {
      if (!r.name) continue
      const who = `${r.name.toLowerCase()}\u0000${r.phone ?? ''}`
      let id = made.get(who) ?? r.existingCustomerId
      if (id === null || id === undefined) {
        id = this.customers.create({ name: r.name, phone: r.phone, email: null, telegram: null, channel: r.phone ? 'whatsapp' : null, language: 'en', tags: [], notes: '' }).id
        created++
      } else if (!made.has(who)) joined++
      made.set(who, id)
      for (const m of r.matches) {
        try {
          this.links.attach(id, [m])
          linked++
        } catch (e) {
          skipped.push(`Line ${r.line}: ${e instanceof Error ? e.message : String(e)}`)
        }
      }
    }
    return { created, joined, linked, skipped }
  }

  exportCsv(): { filename: string; csv: string } {
    const rows: (string | number | null)[][] = []
    const panelName = (id: string) => this.profiles.get(id)?.name ?? id
    for (const c of this.customers.all()) {
      const links = this.links.ofCustomer(c.id)
      const base = [c.name, c.phone, c.email, c.telegram, c.language, c.tags.join(' '), c.notes]
      if (links.length === 0) rows.push([...base, null, null, null, null, null])
      for (const l of links) {
        rows.push([...base, panelName(l.profileId), l.resource, l.key, l.expDate === null ? null : new Date(l.expDate * 1000).toISOString().slice(0, 10), l.state])
      }
    }
    return {
      filename: csvFilename('customers', Date.now()),
      csv: toCsv(['name', 'phone', 'email', 'telegram', 'language', 'tags', 'notes', 'panel', 'kind', 'username', 'expiry', 'state'], rows),
    }
  }

  /** Where a username / MAC / code is on the panels: every cached subscription with that key. */
  private match(key: string): LinkRef[] {
    const kinds: LinkResource[] = MAC.test(key) ? ['mags', 'enigmas'] : ['lines', 'activecodes']
    const out: LinkRef[] = []
    for (const p of this.profiles.list()) {
      for (const resource of kinds) {
        const row = this.cache.findByKey(p.id, resource, key)
        if (row) out.push({ profileId: p.id, resource, key: resource === 'lines' ? String((row as { username: string }).username) : key, id: row.id })
      }
    }
    return out
  }
}

const cell = (s: string | undefined) => (s ?? '').trim().replace(/^'(?=[=+\-@])/, '')

/** "+49 170 123-45", "0049170…" → "+49170…"; anything else null (a national number has no country). */
export function toE164(raw: string): string | null {
  const s = raw.trim().replace(/^'/, '')
  const intl = s.startsWith('+') ? s.slice(1) : s.startsWith('00') ? s.slice(2) : null
  if (intl === null) return null
  const digits = intl.replace(/[\s\-().]/g, '')
  if (!/^\d+$/.test(digits)) return null
  const e164 = `+${digits}`
  return isE164(e164) ? e164 : null
}

/** RFC 4180 with the separator guessed from the first line (`,`, `;` or tab). */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '')
  const first = src.split(/\r?\n/, 1)[0] ?? ''
  const sep = [',', ';', '\t'].map((s) => [s, first.split(s).length] as const).sort((a, b) => b[1] - a[1])[0]![0]
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === sep) {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
