/**
 * One order column of the in-memory search index (search-index.ts), kept as SQLite orders it.
 *
 * Why typed arrays: a search for a common word offers ~200k rows to the page, and comparing
 * JS values scattered over the heap cost more than the search itself. Each value is its
 * kind (NULL, number, text, as SQLite ranks them) and a number: the value itself, or for
 * text a key made of its first letters as NOCASE compares them (and a second key of the
 * letters after). Two texts with the same keys are compared in full (compareNocase); any
 * other comparison reads arrays only. Usernames share long starts ("ahmed_k…"): with keys of
 * three letters, sorting 100k of them by username took ~14 ms more than by id.
 */
import type { KeyValue } from './keyset'
import { codePointRank, compareNocase } from './query-walk'
import { grown } from './typed-arrays'

const NULL = 0
const NUMBER = 1
const TEXT = 2
/** A BLOB (or a value JS cannot tell apart) has no place in this order: the index refuses the table. */
const OTHER = 3
/** Texts a column keeps once; a column of mostly unique texts (usernames) stops sharing there. */
const SHARED_TEXTS = 1024

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
  /** A text's second key (textKeys); only once the column has held a text. */
  num2: Float64Array | null = null
  /** The texts themselves, by slot; only once the column has held one. */
  private text: (string | null)[] | null = null
  /** A value of no kind the index can order was seen. */
  exotic = false
  /** Texts seen, each kept once while they are few (owners, packages): equal ones then compare at once. */
  private readonly shared = new Map<string, string>()

  /** Room for `n` slots (the index grows its columns together). */
  reserve(n: number): void {
    if (n > this.kind.length) this.grow(n)
  }

  set(s: number, v: KeyValue): void {
    if (s >= this.kind.length) this.grow(Math.max(s + 1, this.kind.length * 2))
    if (v === null) this.kind[s] = NULL
    else if (typeof v === 'number') {
      this.kind[s] = NUMBER
      this.num[s] = v
    } else if (typeof v === 'string') {
      this.kind[s] = TEXT
      const [first, second] = textKeys(v)
      this.num[s] = first
      ;(this.num2 ??= new Float64Array(this.kind.length))[s] = second
      this.texts(s)[s] = this.share(v)
    } else {
      this.kind[s] = OTHER
      this.exotic = true
    }
    if (typeof v !== 'string') {
      // A number's second key is 0, so a first comparison of two equal numbers ties (search-index.ts).
      if (this.num2 !== null) this.num2[s] = 0
      if (this.text !== null) this.texts(s)[s] = null
    }
  }

  /** Each slot's text (null for other kinds), or null while no text was seen: equal texts tie at once. */
  get textsBySlot(): readonly (string | null)[] | null {
    return this.text
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
    const num2 = this.num2 as Float64Array
    const d2 = (num2[a] as number) - (num2[b] as number)
    if (d2 !== 0) return d2
    const ta = (this.text as string[])[a] as string
    const tb = (this.text as string[])[b] as string
    return ta === tb ? 0 : compareNocase(ta, tb)
  }

  /** Slot `from`'s value into slot `to` (to ≤ from: the index closing its gaps). */
  move(from: number, to: number): void {
    this.kind[to] = this.kind[from] as number
    this.num[to] = this.num[from] as number
    if (this.num2 !== null) this.num2[to] = this.num2[from] as number
    if (this.text !== null) this.texts(to)[to] = this.text[from] ?? null
  }

  /** Slots from `n` on hold nothing any more. */
  truncate(n: number): void {
    if (this.text !== null) this.text.length = Math.min(this.text.length, n)
  }

  private share(v: string): string {
    // Once full, the column is one of mostly unique texts: looking each one up would only cost.
    if (this.shared.size >= SHARED_TEXTS) return v
    const known = this.shared.get(v)
    if (known !== undefined) return known
    this.shared.set(v, v)
    return v
  }

  private texts(s: number): (string | null)[] {
    if (this.text === null) this.text = []
    // Dense, so the array stays a plain list of slots.
    while (this.text.length < s) this.text.push(null)
    return this.text
  }

  private grow(n: number): void {
    this.kind = grown(this.kind, n)
    this.num = grown(this.num, n)
    if (this.num2 !== null) this.num2 = grown(this.num2, n)
  }
}

/** Bytes a key holds: 6 (48 bits, exact in a double). */
const KEY_BYTES = 6

/**
 * Two numbers that order texts as NOCASE does, as far as they reach: each UTF-16 unit's rank
 * (ASCII case folded, then code point order) written as 1–3 bytes that keep that order (a rank
 * below 0x7f as one byte, one more than itself; higher ranks as a lead byte above any single
 * byte, then the rest), 0 past the end, so a shorter text comes first; the first six bytes
 * make the first key, the next six the second. Texts whose keys differ are ordered by them.
 */
export function textKeys(v: string): [number, number] {
  // The bytes are gathered as one 12-byte number in two halves: `hi` the first six, `lo` the rest.
  let hi = 0
  let lo = 0
  let n = 0
  for (let i = 0; i < v.length && n < 2 * KEY_BYTES; i++) {
    const r = unitRank(v.charCodeAt(i))
    const code = r < 0x7f ? r + 1 : r - 0x7f < 0x7f00 ? (0x80 + ((r - 0x7f) >> 8)) * 256 + ((r - 0x7f) & 0xff) : 0xff * 65_536 + (r - 0x7f7f)
    const width = r < 0x7f ? 1 : r - 0x7f < 0x7f00 ? 2 : 3
    for (let b = width - 1; b >= 0; b--, n++) {
      const byte = Math.floor(code / 256 ** b) % 256
      if (n < KEY_BYTES) hi = hi * 256 + byte
      else if (n < 2 * KEY_BYTES) lo = lo * 256 + byte
    }
  }
  // Past the end: zeros, so each key holds exactly six bytes.
  for (; n < 2 * KEY_BYTES; n++) {
    if (n < KEY_BYTES) hi *= 256
    else lo *= 256
  }
  return [hi, lo]
}

/** NOCASE's rank of a UTF-16 unit: ASCII upper case as lower, then code point order. */
const unitRank = (u: number): number => codePointRank(u >= 65 && u <= 90 ? u + 32 : u)
