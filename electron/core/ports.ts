/**
 * The seams between core services. Each service is a plain class with its
 * world passed in; these interfaces are what they may expect of each other.
 * Implementations: api/ (XtreamClient), cache/ (CacheDb), profiles/, vault/,
 * sync/, monitor/, journal/, writes/, bulk/; composition in app/create-core.ts.
 */
import type { EventName, EventPayload } from '../shared/contract'
import type { AccountInfo, Package, Resource, ResourceRow } from '../shared/domain'
import type { SubscriptionResource } from '../shared/resources'
import type { Profile, ProfileInput } from '../shared/profile'
import type { CacheQuery, SearchHit } from '../shared/views'
import type { XtreamClient } from './api/client'

export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void
export type Clock = () => number // ms since epoch

/** OS keychain (keytar) or memory. Only vault/keytar-store.ts imports keytar. */
export interface SecretStore {
  readonly kind: 'keychain' | 'memory'
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<boolean>
}

export interface ProfileStore {
  list(): Profile[] // ordered
  get(id: string): Profile | undefined // throws nothing
  require(id: string): Profile // throws AppError NOT_FOUND_LOCAL
  create(input: ProfileInput): Promise<Profile>
  update(id: string, patch: Partial<ProfileInput>): Promise<Profile>
  remove(id: string): Promise<void>
  reorder(ids: string[]): Promise<Profile[]>
  /** Key presence is kept beside the profile (never the key itself). */
  setKeyHint(id: string, hint: string | null): Promise<Profile>
  exportJson(): string
  importJson(json: string): Promise<{ added: number; skipped: number }>
}

/** Rows as the cache returns them: domain fields plus their panel. */
export type CachedRow<R extends Resource = Resource> = ResourceRow[R] & { profileId: string }

export interface CacheDb {
  readonly file: string
  /** True when open() found the file corrupt, moved it aside and started fresh. */
  readonly recovered: boolean
  /** Replace a panel's whole set for a resource in ONE transaction (rows not given are removed). */
  replaceAll<R extends Resource>(profileId: string, resource: R, rows: ResourceRow[R][], raw: unknown[] | null, syncedAt: number): void
  /** The same replace built page by page as a sync receives it; nothing is visible before commit(). */
  beginReplace<R extends Resource>(profileId: string, resource: R): StagedReplace<R>
  upsert<R extends Resource>(profileId: string, resource: R, row: ResourceRow[R], raw?: unknown): void
  remove(profileId: string, resource: Resource, id: number): void
  getRow<R extends Resource>(profileId: string, resource: R, id: number): CachedRow<R> | null
  /** Find by natural key: username (lines, subResellers), MAC (mags, enigmas), code (activecodes). */
  findByKey<R extends Resource>(profileId: string, resource: R, key: string): CachedRow<R> | null
  count(profileId: string, resource: Resource): number
  /** The panel's own row behind a cached one (as last synced, or as a write gave it), or null. */
  getRaw(profileId: string, resource: Resource, id: number): unknown
  /** `owned`: rows a search also matches by their customer (named by panel + natural key; the customer book finds them). */
  query(q: CacheQuery, nowSec: number, owned?: OwnedKey[]): QueryAnswer
  /**
   * The exact number of rows `q` matches, counted a slice at a time (other work runs between
   * slices); null when a newer count of the same list started meanwhile, or the cache closed.
   */
  countQuery(q: CacheQuery, nowSec: number, owned?: OwnedKey[]): Promise<number | null>
  /** When a list was last read (performance.now() ms; -Infinity before any): a first sync shows its rows gently while lists are read (sync/pass-writer.ts). */
  lastReadAt?(): number
  search(text: string, limit: number): SearchHit[]
  /**
   * Subscriptions of every panel whose expiry falls in [fromSec, toSec], oldest first, with
   * narrow columns only: the renewal radar reads thousands, and decoding full rows costs ~0.1 ms each.
   */
  expiringBetween(resource: SubscriptionResource, fromSec: number, toSec: number): ExpiringRow[]
  setPackages(profileId: string, pkgs: Package[], at: number): void
  getPackages(profileId: string): Package[]
  setAccount(profileId: string, info: AccountInfo, at: number): void
  getAccount(profileId: string): { info: AccountInfo; at: number } | null
  /** Sync bookkeeping per panel and resource. */
  getSyncMeta(profileId: string, resource: Resource | 'packages' | 'account'): { syncedAt: number | null; error: string | null } 
  setSyncMeta(profileId: string, resource: Resource | 'packages' | 'account', meta: { syncedAt?: number | null; error?: string | null }): void
  /** Credit snapshots for the monitor (history, burn rate). */
  addCreditSnapshot(profileId: string, at: number, credits: number): void
  creditSnapshots(profileId: string, sinceMs: number): { t: number; credits: number }[]
  deleteProfile(profileId: string): void
  close(): void
}

/** A subscription's expiry and identity, read without its full row (CacheDb.expiringBetween). */
/** A subscription named by panel and natural key (username, MAC, code). */
/** A page of a cached list and its total. */
export interface QueryAnswer {
  rows: CachedRow[]
  total: number
  /**
   * `total` is only a lower bound: a search with many matches was answered without counting
   * them all (cache/query-walk.ts); countQuery() gives the number.
   */
  totalIsLowerBound?: true
}

export interface OwnedKey {
  profileId: string
  key: string
}

export interface ExpiringRow {
  profileId: string
  id: number
  /** Natural key: username (lines), MAC (mags, enigmas), code (activecodes). */
  key: string
  expDate: number
  packageId: number | null
  enabled: boolean
  adminEnabled: boolean
}

/** A panel's new set of one resource, staged out of readers' sight (cache/staging.ts). */
export interface StagedReplace<R extends Resource = Resource> {
  /** Distinct rows staged so far. */
  readonly size: number
  /**
   * Stage one page; a row listed again replaces its earlier copy. `raw`: the panel's own
   * rows, one per row, or the page's whole answer (the cache finds each row in it).
   * `part`: only rows [from, to) of the page are staged (the whole page is checked: a row with
   * no usable id refuses it before any part is staged; its answer is stored once).
   */
  add(rows: ResourceRow[R][], raw?: unknown[] | PanelAnswer | null, part?: { from: number; to: number }): void
  /**
   * A first sync only (the panel has no rows yet): make the rows staged so far readable now,
   * or only the `most` oldest of those not shown yet; returns how many staged rows are still not shown.
   * The pass still ends with commit() (or discard(), which leaves published rows in place).
   */
  publish(most?: number): number
  /** Resolves when the work add() left running (compressing raw answers) is done; await before commit. */
  settled(): Promise<void>
  /** Switch the staged set in, in ONE transaction: the panel's rows not staged are removed. */
  commit(syncedAt: number): void
  /** Drop the staged rows; the cached set stays as it was. Harmless after commit or twice. */
  discard(): void
}

/** A list page's answer, as the panel sent it: the raw copy of every row on it. */
export interface PanelAnswer {
  answer: Uint8Array
  /** Row i's place in the answer's rows array; absent when row i is the answer's row i. */
  rawAt?: readonly number[]
}

/** Gives a ready client for a panel (key read from the keychain at call time). */
export interface ClientProvider {
  /** Throws AppError NOT_FOUND_LOCAL (no such panel) or NO_KEY. */
  forProfile(profileId: string): XtreamClient
}

/** What every core service may be handed. */
export interface CoreContext {
  now: Clock
  emit: Emit
  profiles: ProfileStore
  secrets: SecretStore
  cache: CacheDb
  clients: ClientProvider
  /** Called after any successful or unknown spending write: refresh credits soon. */
  onSpend(profileId: string): void
}
