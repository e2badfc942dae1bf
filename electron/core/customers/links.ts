/**
 * Links between customers and panel subscriptions, and how each link is found
 * again in the offline cache.
 *
 * A link names its subscription by panel + kind + natural key (a line's
 * username, a device's MAC, a code), never by the panel's id alone: ids are
 * kept as a hint only. So a link survives a re-sync and a rebuilt cache, and:
 * - a MAG/Enigma2 device converted to a line keeps its line's username
 *   (`convert_mag` returns the same line, docs/panel-api.md §4): the link
 *   follows it to the line;
 * - a subscription deleted on the panel is not found after the next sync: the
 *   link stays and says "gone from the panel" (state 'gone').
 */
import type { CustomerLink, ItemKey, LinkRef, LinkResource, OwnerHit } from '../../shared/customers'
import type { Package } from '../../shared/domain'
import { itemStatus } from '../../shared/status'
import { AppError } from '../errors'
import type { CacheDb, CachedRow } from '../ports'
import type { CustomerBook } from './book'

interface LinkRow {
  id: number
  customer_id: number
  profile_id: string
  resource: LinkResource
  item_key: string
  item_id: number | null
  alt_key: string | null
  created_at: number
  gone_at: number | null
}

export interface Owner {
  customerId: number
  name: string
  linkId: number
}

/** The owners index's key of a subscription (its natural key compared without case). */
const ownerKey = (profileId: string, resource: string, key: string) => `${profileId}\u0000${resource}\u0000${key.toLowerCase()}`

export class Links {
  #owners: Map<string, Owner> | null = null
  #ownersVersion = ''

  constructor(
    private readonly book: CustomerBook,
    private readonly cache: CacheDb,
    private readonly hasPanel: (profileId: string) => boolean,
  ) {}

  /** Attaches subscriptions to a customer. One owner per subscription: another customer's is refused by name. */
  attach(customerId: number, refs: LinkRef[]): CustomerLink[] {
    const at = this.book.now()
    const ids = this.book.write(() =>
      refs.map((ref) => {
        const existing = this.findRow(ref)
        if (existing && existing.customer_id !== customerId) {
          const other = this.book.stmt(`SELECT name FROM customers WHERE id = ?`).get(existing.customer_id) as { name: string } | undefined
          throw new AppError('VALIDATION', `${ref.key} already belongs to ${other?.name ?? 'another customer'}; detach it there first.`)
        }
        if (existing) return existing.id
        const cached = this.cache.findByKey(ref.profileId, ref.resource, ref.key) as CachedRow | null
        const alt = cached && (ref.resource === 'mags' || ref.resource === 'enigmas') ? String((cached as { username?: unknown }).username ?? '') || null : null
        const r = this.book
          .stmt(`INSERT INTO links (customer_id, profile_id, resource, item_key, item_id, alt_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
          .run(customerId, ref.profileId, ref.resource, ref.key.trim(), cached?.id ?? ref.id, alt, at)
        return Number(r.lastInsertRowid)
      }),
    )
    return ids.map((id) => this.resolve(this.requireRow(id)))
  }

  detach(linkId: number): void {
    this.requireRow(linkId)
    this.book.write(() => this.book.stmt(`DELETE FROM links WHERE id = ?`).run(linkId))
  }

  /** A customer's links, each looked up in the cache now. */
  ofCustomer(customerId: number): CustomerLink[] {
    const rows = this.book.stmt(`SELECT * FROM links WHERE customer_id = ? ORDER BY id`).all(customerId) as LinkRow[]
    return rows.map((r) => this.resolve(r))
  }

  get(linkId: number): CustomerLink {
    return this.resolve(this.requireRow(linkId))
  }

  /** Who owns each of these subscriptions (list pages ask for their visible rows). */
  owners(items: ItemKey[]): OwnerHit[] {
    const ownerOf = this.ownerLookup()
    const out: OwnerHit[] = []
    for (const it of items) {
      const o = ownerOf(it.profileId, it.resource, it.key)
      if (o) out.push({ ...it, customerId: o.customerId, name: o.name })
    }
    return out
  }

  /** The owner of one subscription. A loop over many rows takes ownerLookup() once instead. */
  ownerOf(profileId: string, resource: string, key: string): Owner | null {
    return this.ownerLookup()(profileId, resource, key)
  }

  /**
   * The owner of any subscription, from the in-memory index as it is now. Taking it asks the book
   * whether the index is current (a query), so a loop takes it once, not once per row (radar.ts,
   * profit.ts: per row that query was a quarter of the radar's time, test/bench/radar.ts).
   */
  ownerLookup(): (profileId: string, resource: string, key: string) => Owner | null {
    const map = this.ownerMap()
    return (profileId, resource, key) => map.get(ownerKey(profileId, resource, key)) ?? null
  }

  ownerMap(): Map<string, Owner> {
    // Rebuilt only when links or names changed: the radar reloads after every snooze and send.
    const version = this.book.ownersVersion()
    if (this.#owners && this.#ownersVersion === version) return this.#owners
    // As arrays: 30k links' row objects were ~a fifth of a rebuild (test/bench/radar.ts).
    const rows = this.book
      .stmt(`SELECT l.id, l.profile_id, l.resource, l.item_key, l.alt_key, c.id, c.name FROM links l JOIN customers c ON c.id = l.customer_id`)
      .raw(true)
      .all() as [linkId: number, profileId: string, resource: string, itemKey: string, altKey: string | null, customerId: number, name: string][]
    const map = new Map<string, Owner>()
    for (const [linkId, profileId, resource, itemKey, altKey, customerId, name] of rows) {
      const owner = { customerId, name, linkId }
      map.set(ownerKey(profileId, resource, itemKey), owner)
      // A converted device shows up as its line before the link itself is next resolved.
      if (altKey) {
        const k = ownerKey(profileId, 'lines', altKey)
        if (!map.has(k)) map.set(k, owner)
      }
    }
    this.#owners = map
    this.#ownersVersion = version
    return map
  }

  private findRow(ref: ItemKey): LinkRow | null {
    return (this.book.stmt(`SELECT * FROM links WHERE profile_id = ? AND resource = ? AND item_key = ?`).get(ref.profileId, ref.resource, ref.key.trim()) as LinkRow | undefined) ?? null
  }

  private requireRow(linkId: number): LinkRow {
    const r = this.book.stmt(`SELECT * FROM links WHERE id = ?`).get(linkId) as LinkRow | undefined
    if (!r) throw new AppError('NOT_FOUND_LOCAL', `That link (#${linkId}) is no longer in the customer book.`)
    return r
  }

  /** Finds the link's subscription in the cache; records id changes, conversions and disappearance. */
  private resolve(link: LinkRow): CustomerLink {
    let row = this.cache.findByKey(link.profile_id, link.resource, link.item_key) as CachedRow | null
    let current = link
    if (!row && link.alt_key && (link.resource === 'mags' || link.resource === 'enigmas')) {
      const line = this.cache.findByKey(link.profile_id, 'lines', link.alt_key) as CachedRow | null
      if (line) current = this.moveToLine(link, line.id) ?? link
      if (current !== link) row = line
    }
    if (row) {
      if (current.item_id !== row.id || current.gone_at !== null) {
        this.book.write(() => this.book.stmt(`UPDATE links SET item_id = ?, gone_at = NULL WHERE id = ?`).run(row.id, current.id))
        current = { ...current, item_id: row.id, gone_at: null }
      }
      return this.toLink(current, 'present', row)
    }
    const synced = this.hasPanel(link.profile_id) ? this.cache.getSyncMeta(link.profile_id, link.resource).syncedAt : this.book.now()
    if (synced === null) return this.toLink(current, 'unknown', null)
    if (current.gone_at === null) {
      const at = this.book.now()
      this.book.write(() => this.book.stmt(`UPDATE links SET gone_at = ? WHERE id = ?`).run(at, current.id))
      current = { ...current, gone_at: at }
    }
    return this.toLink(current, 'gone', null)
  }

  /** convert_mag / convert_enigma happened: the link now names the line. Null when that line already has its own link. */
  private moveToLine(link: LinkRow, lineId: number): LinkRow | null {
    const taken = this.findRow({ profileId: link.profile_id, resource: 'lines', key: link.alt_key! })
    if (taken) return null
    this.book.write(() =>
      this.book.stmt(`UPDATE links SET resource = 'lines', item_key = ?, item_id = ?, alt_key = NULL, gone_at = NULL WHERE id = ?`).run(link.alt_key, lineId, link.id),
    )
    return this.requireRow(link.id)
  }

  private toLink(l: LinkRow, state: CustomerLink['state'], row: CachedRow | null): CustomerLink {
    const sub = row as (CachedRow & { packageId?: number | null; expDate?: number | null; enabled?: boolean; adminEnabled?: boolean }) | null
    const packageId = sub?.packageId ?? null
    return {
      linkId: l.id,
      customerId: l.customer_id,
      profileId: l.profile_id,
      resource: l.resource,
      key: l.item_key,
      id: l.item_id,
      state,
      expDate: sub?.expDate ?? null,
      packageId,
      packageName: packageId === null ? null : packageName(this.cache.getPackages(l.profile_id), packageId),
      status: sub && typeof sub.enabled === 'boolean' ? itemStatus(sub as never, Math.floor(this.book.now() / 1000)) : null,
      createdAt: l.created_at,
      row: (row as unknown as Record<string, unknown>) ?? null,
    }
  }
}

export const packageName = (pkgs: Package[], id: number): string | null => pkgs.find((p) => p.id === id)?.name ?? null
