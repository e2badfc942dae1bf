/**
 * A subscription table's search, answered from memory: every row's folded search text,
 * status flags and sort values, and an index of its words by their first letters.
 *
 * Why: at 1M lines a common word (an owner, a note) matches 250k rows. SQLite reads every
 * one of them (~1 µs a row) to count and sort them, and a walk of the view's order cannot
 * stop early when the matches come late in it (issue #14; ARCHITECTURE §5). Here the same
 * test runs on typed arrays in tens of ns a row: the words' postings name the rows that can
 * match, and each is tested on the panel, the chips and its folded text exactly as the SQL
 * tests it (query-sql.ts), then kept if it is among the page's first rows in the view's
 * order (search-index-column.ts: SQLite's order on typed arrays). The total is exact.
 *
 * Rows are slots; a changed row takes a new slot and its old one dies (the postings are
 * append-only), and the dead are swept out once they outnumber the living. The keeper
 * (search-index-keeper.ts) fills it from the table and keeps it in step with every write.
 */
import type { StatusFilter } from '../../shared/domain'
import type { KeyValue } from './keyset'
import type { WalkOrder, WalkRow } from './query-walk'
import { chipTable, EXP_LATER, EXP_NONE, EXP_PAST, EXP_SOON, flagsOf } from './search-index-chips'
import { RidSlots } from './rid-slots'
import { NULL_KIND, NUMBER_KIND, OrderColumn, placeOf } from './search-index-column'
import { anyOf, FieldColumn, HOLDS, OWN_TEXT } from './search-index-fields'
import { grown } from './typed-arrays'

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

/** The rows that can match one word: posting lists (a row may be in several), and whether being in one proves it. */
interface Candidates {
  lists: Postings[]
  proven: boolean
  /** A one-form phrase's other words: a matching row is in one of each of these lists too. */
  also: Postings[][]
}

export class SearchIndex {
  private size = 0
  private dead = 0
  private rid = new Float64Array(1024)
  private id = new Float64Array(1024)
  private panel = new Uint16Array(1024)
  /** admin_enabled, enabled and is_trial as one number (search-index-chips.ts). */
  private flags = new Uint8Array(1024)
  private alive = new Uint8Array(1024)
  private text: (string | null)[] = []
  /** The search text's fields (split at `|`), in order: the shared values among them. */
  private readonly fields: FieldColumn[] = []
  private readonly columns: OrderColumn[]
  private readonly slotOf = new RidSlots()
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

  /** False once a value of a kind SQLite orders apart (a BLOB) or too many panels were seen: the SQL ways must answer. */
  get usable(): boolean {
    return this.panels.length <= MAX_PANELS && !this.columns.some((c) => c.exotic)
  }

  /**
   * Room for `rows` slots at once. Growing doubles every array: at 1M slots that copy held the
   * thread ~250 ms in the middle of a sync; the keeper reserves a quarter more than the table holds.
   */
  reserve(rows: number): void {
    if (rows > this.rid.length) this.growTo(rows)
  }

  /** Adds a row, or replaces the row of the same rid (`fresh`: the caller knows there is none, as a first fill does). */
  put(row: IndexedRow, fresh = false): void {
    if (!fresh) this.drop(row[0])
    if (this.size === this.rid.length) this.growTo(this.size * 2)
    const s = this.size++
    this.rid[s] = row[0]
    this.panel[s] = this.panelOf(row[1])
    this.id[s] = row[2]
    this.flags[s] = flagsOf(row[3], row[4], row[5])
    this.alive[s] = 1
    const text = row[6]
    this.text[s] = text
    const fields = text === null ? [] : text.split('|')
    while (this.fields.length < fields.length) this.fields.push(new FieldColumn(this.rid.length))
    for (let f = 0; f < this.fields.length; f++) (this.fields[f] as FieldColumn).set(s, fields[f] ?? null)
    for (let c = 0; c < this.columns.length; c++) (this.columns[c] as OrderColumn).set(s, row[ORDER_VALUES_AT + c] as KeyValue)
    this.slotOf.set(row[0], s)
    if (text !== null) this.postWords(text, s)
  }

  /** Each word of `text` (runs between spaces, but the field marks) into its key's list. */
  private postWords(text: string, s: number): void {
    let at = 0
    while (at < text.length) {
      let end = text.indexOf(' ', at)
      if (end < 0) end = text.length
      if (end > at && !(end === at + 1 && text.charCodeAt(at) === BAR)) this.postingsOf(text.slice(at, Math.min(end, at + KEY_LENGTH))).push(s)
      at = end + 1
    }
  }

  drop(rid: number): void {
    const s = this.slotOf.get(rid)
    if (s === undefined) return
    this.slotOf.delete(rid)
    this.alive[s] = 0
    this.text[s] = null
    this.dead++
    if (this.dead > 65_536 && this.dead > this.size - this.dead) this.sweep()
  }

  answer(q: IndexQuery): IndexAnswer {
    const wanted = new Uint8Array(this.panels.length)
    for (const key of q.panelKeys) {
      const p = this.panelIndex.get(key)
      if (p !== undefined) wanted[p] = 1
    }
    const chips = chipTable(q.chips)
    const expiry = this.columnOf('exp_date')
    const heap = new SlotHeap(this.orderOf(q.order), q.need)
    // The word with the fewest candidates names the rows to test; the others are checked below.
    const words = q.needles.map((forms) => this.candidates(forms))
    let best = 0
    for (let i = 1; i < words.length; i++) if (count(words[i] as Candidates) < count(words[best] as Candidates)) best = i
    const chosen = words[best] ?? { lists: [], proven: true, also: [] }
    // The other words: one proven by its lists is a mark on its rows (reading lists costs less
    // than reading texts); the rest are tested on the row's fields.
    const marks: Uint8Array[] = []
    const rest: (readonly string[])[] = []
    const few = count(chosen)
    words.forEach((w, i) => {
      // A phrase's other words are marked when their lists are not much longer than the rows to test
      // (marking costs a write per list entry; a text test, ~150 ns).
      for (const group of w.also) if (sum(group) <= 2 * few) marks.push(this.marked(group))
      if (i === best && w.proven) return
      if (w.proven && i !== best) marks.push(this.marked(w.lists))
      else rest.push(q.needles[i] as readonly string[])
    })
    const memos = rest.map((forms) => this.fields.map((f) => f.answers(forms)))
    const { slots, n } = this.merged(chosen.lists)
    let total = 0
    // Slots follow rids, which follow each panel's ids as a sync wrote them: going the way of the
    // order, most rows after the heap is full lose to its last one at the first comparison.
    const back = q.order.dir === 'desc'
    const first = this.firstKey(q.order)
    // The page's last row so far, by its first key: a row that loses to it there is not offered.
    let lastPlace = 0
    let lastNum = 0
    let lastNum2 = 0
    let lastText: string | null = null
    let lastId = 0
    let full = false
    const { alive, panel, flags, id } = this
    const { kind: expKind, num: expNum } = expiry
    const { nowSec: now, soonSec: soon } = q
    for (let i = 0; i < n; i++) {
      const s = slots[back ? n - 1 - i : i] as number
      if (alive[s] === 0 || wanted[panel[s] as number] === 0) continue
      if (chips !== null) {
        const k = expKind[s]
        const e = expNum[s] as number
        const place = k === NULL_KIND ? EXP_NONE : k !== NUMBER_KIND ? EXP_LATER : e <= now ? EXP_PAST : e <= soon ? EXP_SOON : EXP_LATER
        if (chips[(flags[s] as number) * 4 + place] === 0) continue
      }
      if (marks.length > 0 && !marks.every((m) => m[s] === 1)) continue
      if (rest.length > 0 && !this.matches(s, rest, memos)) continue
      total++
      if (full) {
        const place = placeAt(first, s)
        let d = place - lastPlace || (place === first.nullPlace ? 0 : (first.nums[s] as number) - lastNum || (first.nums2 === null ? 0 : (first.nums2[s] as number) - lastNum2))
        // The same value as the page's last row (a search for an owner, sorted by owner): the id
        // decides, as the order's tie does; only rows whose ids tie too are offered.
        if (d === 0 && (first.texts === null || first.texts[s] === lastText)) d = (id[s] as number) - lastId
        if (first.sign * d > 0) continue
      }
      if (heap.offer(s) && (full = heap.full)) {
        const top = heap.top()
        lastPlace = placeAt(first, top)
        lastNum = first.nums[top] as number
        lastNum2 = first.nums2 === null ? 0 : (first.nums2[top] as number)
        lastText = first.texts === null ? null : (first.texts[top] ?? null)
        lastId = id[top] as number
      }
    }
    return { total, rows: heap.sorted().map((s) => this.walkRow(s, q.order)) }
  }

  /**
   * The slots of a word's lists as one list in slot order, each once (a row is in one list per
   * key of its words): read in order, the arrays are read in order too. Each list is in slot
   * order already, so a few lists are merged pairwise; many long ones are marked and the marks
   * read in order (a pass over every slot: at 1M lines ~3–8 ms where two lists of 290k slots
   * merge in ~1 ms).
   */
  private merged(lists: Postings[]): { slots: Int32Array; n: number } {
    if (lists.length === 1) return lists[0] as Postings
    const total = sum(lists)
    const rounds = Math.ceil(Math.log2(Math.max(1, lists.length)))
    if ((rounds - 1) * total < this.size / 2) {
      let runs: Int32Array[] = lists.map((p) => p.slots.subarray(0, p.n))
      while (runs.length > 1) {
        const next: Int32Array[] = []
        for (let i = 0; i < runs.length; i += 2) next.push(i + 1 < runs.length ? union(runs[i] as Int32Array, runs[i + 1] as Int32Array) : (runs[i] as Int32Array))
        runs = next
      }
      const only = runs[0] ?? new Int32Array(0)
      return { slots: only, n: only.length }
    }
    const out = new Int32Array(total)
    let n = 0
    const mark = this.marked(lists)
    for (let s = 0; s < this.size; s++) if (mark[s] === 1) out[n++] = s
    return { slots: out, n }
  }

  /** The slots in any of `lists`, as a mark per slot. */
  private marked(lists: Postings[]): Uint8Array {
    const mark = new Uint8Array(this.size)
    for (const p of lists) for (let k = 0; k < p.n; k++) mark[p.slots[k] as number] = 1
    return mark
  }

  /** Every word found in one of the row's fields: its shared fields asked first, then (if one is its own) its whole text. */
  private matches(s: number, words: IndexQuery['needles'], answers: Uint8Array[][]): boolean {
    const fields = this.fields
    for (let w = 0; w < words.length; w++) {
      const byField = answers[w] as Uint8Array[]
      let bits = 0
      for (let f = 0; f < fields.length; f++) bits |= (byField[f] as Uint8Array)[(fields[f] as FieldColumn).ids[s] as number] as number
      if ((bits & HOLDS) === 0 && !((bits & OWN_TEXT) !== 0 && anyOf(this.text[s] as string, words[w] as readonly string[]))) return false
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
    let also: Postings[][] = []
    for (const form of forms) {
      const words = form.slice(1).split(' ')
      const found = words.map((word, i) => this.listsOf(word, i === words.length - 1))
      const best = found.reduce((b, f) => (sum(f) < sum(b) ? f : b))
      for (const p of best) lists.add(p)
      proven &&= words.length === 1 && (words[0] as string).length <= KEY_LENGTH
      // A phrase's other words must be there too (a test of its lists, before the dearer one of the text).
      also = forms.length === 1 ? found.filter((f) => f !== best) : []
    }
    return { lists: [...lists], proven, also }
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

  /** Slot comparison in the view's order, as compareKeys orders walked rows. */
  private orderOf(order: WalkOrder): (a: number, b: number) => number {
    const sign = order.dir === 'desc' ? -1 : 1
    const { id, panel, panels } = this
    const tie = (a: number, b: number) => (id[a] as number) - (id[b] as number) || binary(panels[panel[a] as number] as string, panels[panel[b] as number] as string)
    if (order.column === 'id') return (a, b) => sign * tie(a, b)
    const column = this.columnOf(order.column)
    const forever = order.forever
    return (a, b) => sign * (column.compare(a, b, forever) || tie(a, b))
  }

  /** The order's first key as arrays (the id, or the column's kind and number: search-index-column.ts). */
  private firstKey(order: WalkOrder): FirstKey {
    const sign = order.dir === 'desc' ? -1 : 1
    const places = placeOf(order.forever)
    if (order.column === 'id') return { kinds: null, nums: this.id, nums2: null, texts: null, places, nullPlace: -1, sign }
    const column = this.columnOf(order.column)
    return { kinds: column.kind, nums: column.num, nums2: column.num2, texts: column.textsBySlot, places, nullPlace: places[NULL_KIND] as number, sign }
  }

  private columnOf(name: string): OrderColumn {
    return this.columns[this.columnAt.get(name) as number] as OrderColumn
  }

  private walkRow(s: number, order: WalkOrder): WalkRow {
    const kid = this.id[s] as number
    const kv = order.column === 'id' ? kid : this.columnOf(order.column).value(s)
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
    // Past MAX_PANELS the number wraps; the index is then not usable (usable), so it is never read.
    return p & 0xffff
  }

  private growTo(n: number): void {
    for (const c of this.columns) c.reserve(n)
    for (const f of this.fields) f.reserve(n)
    this.rid = grown(this.rid, n)
    this.id = grown(this.id, n)
    this.panel = grown(this.panel, n)
    this.flags = grown(this.flags, n)
    this.alive = grown(this.alive, n)
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
      this.flags[n] = this.flags[s] as number
      this.alive[n] = 1
      this.text[n] = this.text[s] as string | null
      for (const f of this.fields) f.move(s, n)
      for (const c of this.columns) c.move(s, n)
      this.slotOf.set(this.rid[n] as number, n)
      n++
    }
    this.alive.fill(0, n)
    this.text.length = n
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

/** An order's first key as arrays: each slot's kind's place (null: every slot a number), its number, a text's second number. */
interface FirstKey {
  kinds: Int8Array | null
  nums: Float64Array
  nums2: Float64Array | null
  /** The column's texts: two rows whose first keys tie have the same value when these are equal too (or it has none). */
  texts: readonly (string | null)[] | null
  places: Int8Array
  nullPlace: number
  sign: number
}

const BAR = '|'.charCodeAt(0)
/** Panels a slot's 16-bit panel number can tell apart; more leave the table's searches to SQL. */
const MAX_PANELS = 0x10000

/** An id is a number: one place for all (firstKey). */
const ID_PLACE = 1
/** Slot `s`'s value's place in the order by its kind (placeOf). */
const placeAt = (first: FirstKey, s: number): number => (first.kinds === null ? ID_PLACE : (first.places[first.kinds[s] as number] as number))

const sum = (lists: Postings[]): number => lists.reduce((n, p) => n + p.n, 0)
const count = (c: Candidates): number => sum(c.lists)

const binary = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Two lists of slots in ascending order as one, each slot once. */
function union(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length)
  let i = 0
  let j = 0
  let n = 0
  while (i < a.length && j < b.length) {
    const x = a[i] as number
    const y = b[j] as number
    if (x <= y) i++
    if (y <= x) j++
    out[n++] = x <= y ? x : y
  }
  while (i < a.length) out[n++] = a[i++] as number
  while (j < b.length) out[n++] = b[j++] as number
  return n === out.length ? out : out.subarray(0, n)
}

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

  /** Takes `s` if it is among the first `need`; true when it was taken. */
  offer(s: number): boolean {
    const h = this.h
    if (h.length < this.need) {
      h.push(s)
      this.up(h.length - 1)
      return true
    }
    if (this.need > 0 && this.cmp(s, h[0] as number) < 0) {
      h[0] = s
      this.down(0)
      return true
    }
    return false
  }

  get full(): boolean {
    return this.h.length >= this.need
  }

  /** The last of the first rows so far. */
  top(): number {
    return this.h[0] as number
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
