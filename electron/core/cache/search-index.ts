/**
 * A subscription table's search, answered from memory: every row's folded search text,
 * status flags and sort values, and an index of its words by their first letters.
 *
 * Why: at 1M lines a common word (an owner, a note) matches 250k rows. SQLite reads every
 * one of them (~1 µs a row) to count and sort them, and a walk of the view's order cannot
 * stop early when the matches come late in it (issue #14; ARCHITECTURE §5). Here the same
 * test runs on typed arrays in a few ns a row: the words' postings name the rows that can
 * match, and each is tested on the panel, the chips and its folded text exactly as the SQL
 * tests it (query-sql.ts), then kept if it is among the page's first rows in the view's
 * order (compareValues: SQLite's order in JS). The total is exact.
 *
 * Rows are slots; a changed row takes a new slot and its old one dies (the postings are
 * append-only), and the dead are swept out once they outnumber the living. The keeper
 * (search-index-keeper.ts) fills it from the table and keeps it in step with every write.
 */
import type { StatusFilter } from '../../shared/domain'
import type { KeyValue } from './keyset'
import type { WalkOrder, WalkRow } from './query-walk'
import { OrderColumn } from './search-index-column'
import { FieldColumn } from './search-index-fields'

/**
 * A posting list's key: a word's first letters (the whole word when shorter). A search word
 * no longer than a key is found by its lists alone, without reading any row's text; longer
 * keys make more lists (about 20k at 5 letters for 1M synthetic lines).
 */
export const KEY_LENGTH = 5

/** A row as the keeper reads it: rid, panel key, id, admin_enabled, enabled, is_trial, search_text, then the order columns. */
export type IndexedRow = [number, string, number, KeyValue, KeyValue, KeyValue, string | null, ...KeyValue[]]
/** Where a row's order column values start in an IndexedRow. */
export const ORDER_VALUES_AT = 7

export interface IndexQuery {
  panelKeys: readonly string[]
  chips: readonly StatusFilter[]
  nowSec: number
  soonSec: number
  /** Per word of the search, its forms (any may match): searchNeedles (search-text.ts). */
  needles: readonly (readonly string[])[]
  order: WalkOrder
  /** Rows from the start of the answer: the page's offset + its size. */
  need: number
}

export interface IndexAnswer {
  rows: WalkRow[]
  total: number
}

/** A growable list of slots. */
class Postings {
  slots = new Int32Array(4)
  n = 0
  push(slot: number): void {
    // A row's words are added one after another: a second word with the same key adds nothing.
    if (this.n > 0 && this.slots[this.n - 1] === slot) return
    if (this.n === this.slots.length) this.slots = grown(this.slots, this.n * 2)
    this.slots[this.n++] = slot
  }
}

export function grown<T extends Int32Array | Float64Array | Int8Array | Uint8Array | Uint16Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size)
  b.set(a)
  return b
}

/** A flag column as SQL compares it: 1 and 0 are themselves, anything else (NULL) matches neither. */
const flagOf = (v: KeyValue): number => (v === 1 ? 1 : v === 0 ? 0 : -1)

/** The rows that can match one word: posting lists (a row may be in several), and whether being in one proves it. */
interface Candidates {
  lists: Postings[]
  proven: boolean
}

export class SearchIndex {
  private size = 0
  private dead = 0
  private rid = new Float64Array(1024)
  private id = new Float64Array(1024)
  private panel = new Uint16Array(1024)
  private admin = new Int8Array(1024)
  private enabled = new Int8Array(1024)
  private trial = new Int8Array(1024)
  private alive = new Uint8Array(1024)
  /** Per slot, the query that last saw it (a row under two keys of one word is tested once). */
  private seen = new Int32Array(1024)
  private queries = 0
  /** The search text's fields (split at `|`), in order. */
  private readonly fields: FieldColumn[] = []
  private readonly columns: OrderColumn[]
  private readonly slotOf = new Map<number, number>()
  private readonly postings = new Map<string, Postings>()
  /** The posting keys in code unit order, for the words shorter than a key; null after a new key. */
  private sortedKeys: string[] | null = null
  private readonly panels: string[] = []
  private readonly panelIndex = new Map<string, number>()
  private readonly columnAt: Map<string, number>

  /** `orderColumns`: the order columns an IndexedRow carries, in that order (id is the row's id); exp_date among them. */
  constructor(readonly orderColumns: readonly string[]) {
    this.columns = orderColumns.map(() => new OrderColumn())
    this.columnAt = new Map(orderColumns.map((c, i) => [c, i]))
  }

  /** Rows held. */
  get rows(): number {
    return this.slotOf.size
  }

  /** Slots in use, the living and the dead not swept yet (for tests). */
  get slots(): number {
    return this.size
  }

  /** A value of a kind SQLite orders apart (a BLOB) was seen: the SQL ways must answer. */
  get usable(): boolean {
    return !this.columns.some((c) => c.exotic)
  }

  /** Adds a row, or replaces the row of the same rid. */
  put(row: IndexedRow): void {
    this.drop(row[0])
    if (this.size === this.rid.length) this.growTo(this.size * 2)
    const s = this.size++
    this.rid[s] = row[0]
    this.panel[s] = this.panelOf(row[1])
    this.id[s] = row[2]
    this.admin[s] = flagOf(row[3])
    this.enabled[s] = flagOf(row[4])
    this.trial[s] = flagOf(row[5])
    this.alive[s] = 1
    const text = row[6]
    const fields = text === null ? [] : text.split('|')
    while (this.fields.length < fields.length) this.fields.push(new FieldColumn())
    for (let f = 0; f < this.fields.length; f++) (this.fields[f] as FieldColumn).set(s, fields[f] ?? null)
    for (let c = 0; c < this.columns.length; c++) (this.columns[c] as OrderColumn).set(s, row[ORDER_VALUES_AT + c] as KeyValue)
    this.slotOf.set(row[0], s)
    if (text !== null) for (const word of text.split(' ')) if (word !== '' && word !== '|') this.postingsOf(word.slice(0, KEY_LENGTH)).push(s)
  }

  drop(rid: number): void {
    const s = this.slotOf.get(rid)
    if (s === undefined) return
    this.slotOf.delete(rid)
    this.alive[s] = 0
    for (const f of this.fields) f.set(s, null)
    this.dead++
    if (this.dead > 65_536 && this.dead > this.size - this.dead) this.sweep()
  }

  answer(q: IndexQuery): IndexAnswer {
    const wanted = new Uint8Array(this.panels.length)
    for (const key of q.panelKeys) {
      const p = this.panelIndex.get(key)
      if (p !== undefined) wanted[p] = 1
    }
    const passes = this.chipTest(q)
    const heap = new SlotHeap(this.orderOf(q.order), q.need)
    // The word with the fewest candidates names the rows to test; the others are tested on the text.
    const words = q.needles.map((forms) => this.candidates(forms))
    let best = 0
    for (let i = 1; i < words.length; i++) if (count(words[i] as Candidates) < count(words[best] as Candidates)) best = i
    const chosen = words[best] ?? { lists: [], proven: true }
    // The other words: one proven by its lists is a mark on its rows (reading lists costs less
    // than reading texts); the rest are tested on the row's fields.
    const marks: Uint8Array[] = []
    const rest: (readonly string[])[] = []
    words.forEach((w, i) => {
      if (i === best && w.proven) return
      if (w.proven && i !== best) marks.push(this.marked(w.lists))
      else rest.push(q.needles[i] as readonly string[])
    })
    const memos = rest.map(() => this.fields.map((f) => new Int8Array(f.values.length)))
    // A row sits in one list per key of its words: only a word spread over several lists can meet it twice.
    const once = chosen.lists.length === 1
    const stamp = ++this.queries
    let total = 0
    // Slots follow rids, which follow each panel's ids as a sync wrote them: going the way of the
    // order, most rows after the heap is full lose to its last one at the first comparison.
    const back = q.order.dir === 'desc'
    for (const list of back ? [...chosen.lists].reverse() : chosen.lists) {
      const slots = list.slots
      for (let i = 0; i < list.n; i++) {
        const s = slots[back ? list.n - 1 - i : i] as number
        if (this.alive[s] === 0 || wanted[this.panel[s] as number] === 0) continue
        if (!once) {
          if (this.seen[s] === stamp) continue
          this.seen[s] = stamp
        }
        if (passes !== null && !passes(s)) continue
        if (marks.length > 0 && !marks.every((m) => m[s] === 1)) continue
        if (rest.length > 0 && !this.matches(s, rest, memos)) continue
        total++
        heap.offer(s)
      }
    }
    return { total, rows: heap.sorted().map((s) => this.walkRow(s, q.order)) }
  }

  /** The slots in any of `lists`, as a mark per slot. */
  private marked(lists: Postings[]): Uint8Array {
    const mark = new Uint8Array(this.size)
    for (const p of lists) for (let k = 0; k < p.n; k++) mark[p.slots[k] as number] = 1
    return mark
  }

  /** Every word found in one of the row's fields: its shared fields asked first, then its own text. */
  private matches(s: number, words: IndexQuery['needles'], memos: Int8Array[][]): boolean {
    const fields = this.fields
    for (let w = 0; w < words.length; w++) {
      const forms = words[w] as readonly string[]
      const memo = memos[w] as Int8Array[]
      let found = false
      for (let f = 0; f < fields.length && !found; f++) found = (fields[f] as FieldColumn).holds(s, forms, memo[f] as Int8Array, false)
      for (let f = 0; f < fields.length && !found; f++) found = (fields[f] as FieldColumn).holds(s, forms, memo[f] as Int8Array, true)
      if (!found) return false
    }
    return true
  }

  /**
   * The lists holding every row a word (in any of its forms) can match. A form's words but the
   * last are whole words of the text, its last one a word's start: any one of them names the
   * candidates, the one with the fewest does. A form of one word no longer than a key is proven
   * by its lists.
   */
  private candidates(forms: readonly string[]): Candidates {
    const lists = new Set<Postings>()
    let proven = true
    for (const form of forms) {
      const words = form.slice(1).split(' ')
      let bestLists: Postings[] | null = null
      words.forEach((word, i) => {
        const found = this.listsOf(word, i === words.length - 1)
        if (bestLists === null || sum(found) < sum(bestLists)) bestLists = found
      })
      for (const p of bestLists ?? []) lists.add(p)
      proven &&= words.length === 1 && (words[0] as string).length <= KEY_LENGTH
    }
    return { lists: [...lists], proven }
  }

  /** The lists of the text's words equal to `word`, or (`start`) beginning with it. */
  private listsOf(word: string, start: boolean): Postings[] {
    if (word.length >= KEY_LENGTH || !start) {
      const p = this.postings.get(word.slice(0, KEY_LENGTH))
      return p ? [p] : []
    }
    const keys = this.keysInOrder()
    const lists: Postings[] = []
    for (let i = lowerBound(keys, word); i < keys.length && (keys[i] as string).startsWith(word); i++) lists.push(this.postings.get(keys[i] as string) as Postings)
    return lists
  }

  /** The status chips (ORed) as query-sql.ts SUBSCRIPTION_CHIPS reads them; null when none apply. */
  private chipTest(q: IndexQuery): ((s: number) => boolean) | null {
    if (q.chips.length === 0) return null
    const exp = this.columns[this.columnAt.get('exp_date') as number] as OrderColumn
    const { nowSec: now, soonSec: soon } = q
    const { admin, enabled, trial } = this
    const chips = new Set(q.chips)
    const active = chips.has('active')
    const disabled = chips.has('disabled')
    const banned = chips.has('banned')
    const expired = chips.has('expired')
    const isTrial = chips.has('trial')
    const expiring = chips.has('expiring')
    return (s) => {
      const live = admin[s] === 1 && enabled[s] === 1
      return (
        (active && live && (exp.isNull(s) || exp.greater(s, now))) ||
        (disabled && enabled[s] === 0) ||
        (banned && admin[s] === 0) ||
        (expired && !exp.isNull(s) && !exp.greater(s, now)) ||
        (isTrial && trial[s] === 1) ||
        (expiring && live && exp.greater(s, now) && !exp.greater(s, soon))
      )
    }
  }

  /** Slot comparison in the view's order, as compareKeys orders walked rows. */
  private orderOf(order: WalkOrder): (a: number, b: number) => number {
    const sign = order.dir === 'desc' ? -1 : 1
    const { id, panel, panels } = this
    const tie = (a: number, b: number) => (id[a] as number) - (id[b] as number) || binary(panels[panel[a] as number] as string, panels[panel[b] as number] as string)
    if (order.column === 'id') return (a, b) => sign * tie(a, b)
    const column = this.columns[this.columnAt.get(order.column) as number] as OrderColumn
    const forever = order.forever
    return (a, b) => sign * (column.compare(a, b, forever) || tie(a, b))
  }

  private walkRow(s: number, order: WalkOrder): WalkRow {
    const kid = this.id[s] as number
    const kv = order.column === 'id' ? kid : (this.columns[this.columnAt.get(order.column) as number] as OrderColumn).value(s)
    return { rid: this.rid[s] as number, kv, kid, kpk: this.panels[this.panel[s] as number] as string }
  }

  private postingsOf(key: string): Postings {
    let p = this.postings.get(key)
    if (!p) {
      this.postings.set(key, (p = new Postings()))
      this.sortedKeys = null
    }
    return p
  }

  private keysInOrder(): string[] {
    return (this.sortedKeys ??= [...this.postings.keys()].sort(binary))
  }

  private panelOf(key: string): number {
    let p = this.panelIndex.get(key)
    if (p === undefined) {
      p = this.panels.push(key) - 1
      this.panelIndex.set(key, p)
    }
    return p
  }

  private growTo(n: number): void {
    this.rid = grown(this.rid, n)
    this.id = grown(this.id, n)
    this.panel = grown(this.panel, n)
    this.admin = grown(this.admin, n)
    this.enabled = grown(this.enabled, n)
    this.trial = grown(this.trial, n)
    this.alive = grown(this.alive, n)
    this.seen = grown(this.seen, n)
  }

  /** Moves the living rows down over the dead ones; the postings follow without reading the text again. */
  private sweep(): void {
    const moved = new Int32Array(this.size).fill(-1)
    let n = 0
    for (let s = 0; s < this.size; s++) {
      if (this.alive[s] === 0) continue
      moved[s] = n
      this.rid[n] = this.rid[s] as number
      this.id[n] = this.id[s] as number
      this.panel[n] = this.panel[s] as number
      this.admin[n] = this.admin[s] as number
      this.enabled[n] = this.enabled[s] as number
      this.trial[n] = this.trial[s] as number
      this.alive[n] = 1
      for (const f of this.fields) f.move(s, n)
      for (const c of this.columns) c.move(s, n)
      this.slotOf.set(this.rid[n] as number, n)
      n++
    }
    this.alive.fill(0, n)
    this.seen.fill(0)
    for (const f of this.fields) f.truncate(n)
    for (const c of this.columns) c.truncate(n)
    for (const [key, p] of this.postings) {
      let m = 0
      for (let k = 0; k < p.n; k++) {
        const to = moved[p.slots[k] as number] as number
        if (to >= 0) p.slots[m++] = to
      }
      p.n = m
      if (m === 0) {
        this.postings.delete(key)
        this.sortedKeys = null
      }
    }
    this.size = n
    this.dead = 0
  }
}

const sum = (lists: Postings[]): number => lists.reduce((n, p) => n + p.n, 0)
const count = (c: Candidates): number => sum(c.lists)

const binary = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The first index whose key is not below `key` (keys in code unit order). */
function lowerBound(keys: string[], key: string): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((keys[mid] as string) < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The `need` first slots in an order: a max-heap of them, the last of them at the top. */
class SlotHeap {
  private readonly h: number[] = []
  constructor(
    private readonly cmp: (a: number, b: number) => number,
    private readonly need: number,
  ) {}

  offer(s: number): void {
    const h = this.h
    if (h.length < this.need) {
      h.push(s)
      this.up(h.length - 1)
    } else if (this.need > 0 && this.cmp(s, h[0] as number) < 0) {
      h[0] = s
      this.down(0)
    }
  }

  sorted(): number[] {
    return [...this.h].sort(this.cmp)
  }

  private up(i: number): void {
    const h = this.h
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.cmp(h[i] as number, h[parent] as number) <= 0) return
      ;[h[i], h[parent]] = [h[parent] as number, h[i] as number]
      i = parent
    }
  }

  private down(i: number): void {
    const h = this.h
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let top = i
      if (l < h.length && this.cmp(h[l] as number, h[top] as number) > 0) top = l
      if (r < h.length && this.cmp(h[r] as number, h[top] as number) > 0) top = r
      if (top === i) return
      ;[h[i], h[top]] = [h[top] as number, h[i] as number]
      i = top
    }
  }
}
