/**
 * One order column of the in-memory search index (search-index.ts), kept as SQLite orders it.
 *
 * Why typed arrays: a search for a common word offers ~200k rows to the page, and comparing
 * JS values scattered over the heap cost more than the search itself. Each value is its
 * kind (NULL, number, text, as SQLite ranks them) and a number: the value itself, or for
 * text a key made of its first three letters as NOCASE compares them. Two texts with the
 * same key are compared in full (compareNocase); any other comparison reads two arrays.
 */
import type { KeyValue } from './keyset'
import { codePointRank, compareNocase } from './query-walk'

const NULL = 0
const NUMBER = 1
const TEXT = 2
/** A BLOB (or a value JS cannot tell apart) has no place in this order: the index refuses the table. */
const OTHER = 3
/** Texts a column keeps once; a column of mostly unique texts (usernames) stops sharing there. */
const SHARED_TEXTS = 4096

/**
 * A kind's place in the order: NULL first, or last when it means "never" (`forever`); numbers
 * before text. Two values of different places are ordered by it alone; of the same place
 * (but NULL), first by `num`.
 */
export const placeOf = (forever: boolean): Int8Array => Int8Array.of(forever ? 3 : 0, 1, 2, 4)
export const NULL_KIND = NULL
export const NUMBER_KIND = NUMBER

export class OrderColumn {
  /** Per slot, the value's kind and its number (read directly by a search's first comparison: search-index.ts). */
  kind = new Int8Array(1024)
  num = new Float64Array(1024)
  /** The texts themselves, by slot; only once the column has held one. */
  private text: (string | null)[] | null = null
  /** A value of no kind the index can order was seen. */
  exotic = false
  /** Texts seen, each kept once while they are few (owners, packages): equal ones then compare at once. */
  private readonly shared = new Map<string, string>()

  set(s: number, v: KeyValue): void {
    if (s >= this.kind.length) this.grow(Math.max(s + 1, this.kind.length * 2))
    if (v === null) this.kind[s] = NULL
    else if (typeof v === 'number') {
      this.kind[s] = NUMBER
      this.num[s] = v
    } else if (typeof v === 'string') {
      this.kind[s] = TEXT
      this.num[s] = textKey(v)
      this.texts(s)[s] = this.share(v)
    } else {
      this.kind[s] = OTHER
      this.exotic = true
    }
    if (this.text !== null && typeof v !== 'string') this.texts(s)[s] = null
  }

  value(s: number): KeyValue {
    const k = this.kind[s]
    return k === NUMBER ? (this.num[s] as number) : k === TEXT ? ((this.text as string[])[s] as string) : null
  }

  /** compareValues (query-walk.ts) on two slots. */
  compare(a: number, b: number, forever: boolean): number {
    const ka = this.kind[a] as number
    const kb = this.kind[b] as number
    if (ka !== kb) {
      if (ka === NULL || kb === NULL) return (ka === NULL ? -1 : 1) * (forever ? -1 : 1)
      return ka - kb
    }
    if (ka === NULL) return 0
    const d = (this.num[a] as number) - (this.num[b] as number)
    if (d !== 0 || ka !== TEXT) return d
    const ta = (this.text as string[])[a] as string
    const tb = (this.text as string[])[b] as string
    return ta === tb ? 0 : compareNocase(ta, tb)
  }

  /** Slot `from`'s value into slot `to` (to ≤ from: the index closing its gaps). */
  move(from: number, to: number): void {
    this.kind[to] = this.kind[from] as number
    this.num[to] = this.num[from] as number
    if (this.text !== null) this.texts(to)[to] = this.text[from] ?? null
  }

  /** Slots from `n` on hold nothing any more. */
  truncate(n: number): void {
    if (this.text !== null) this.text.length = Math.min(this.text.length, n)
  }

  private share(v: string): string {
    const known = this.shared.get(v)
    if (known !== undefined) return known
    if (this.shared.size < SHARED_TEXTS) this.shared.set(v, v)
    return v
  }

  private texts(s: number): (string | null)[] {
    if (this.text === null) this.text = []
    // Dense, so the array stays a plain list of slots.
    while (this.text.length < s) this.text.push(null)
    return this.text
  }

  private grow(n: number): void {
    const kind = new Int8Array(n)
    kind.set(this.kind)
    const num = new Float64Array(n)
    num.set(this.num)
    this.kind = kind
    this.num = num
  }
}

/**
 * The first three UTF-16 units of `v` as NOCASE ranks them (ASCII case folded, code point
 * order), one more than the rank each, 0 past the end: 17 bits a unit, exact in a double.
 * A shorter text's key is lower, as its order is.
 */
export function textKey(v: string): number {
  let key = 0
  for (let i = 0; i < 3; i++) key = key * 131_072 + (i < v.length ? unitRank(v.charCodeAt(i)) + 1 : 0)
  return key
}

/** NOCASE's rank of a UTF-16 unit: ASCII upper case as lower, then code point order. */
const unitRank = (u: number): number => codePointRank(u >= 65 && u <= 90 ? u + 32 : u)
