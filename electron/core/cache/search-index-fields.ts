/**
 * The search text of the in-memory index (search-index.ts), kept field by field.
 *
 * A row's search text is its fields folded and joined by `|` (search-text.ts searchTextOf),
 * and a search word never holds a `|`: the text holds the word exactly when one of its
 * fields does. Notes and owners repeat across thousands of rows, so each field value seen
 * often is kept once and tested once per search (a word such as "sub north" matched 300k
 * lines, each read and tested, ~40 ms); when no shared field of a row holds the word and one
 * is the row's own (a username), the row's whole text is tested.
 */

import { grown } from './typed-arrays'

/** Values a field keeps once before it is deemed one of a kind (a username) and kept per row. */
const SHARED_LIMIT = 1024
/** A slot's entry: ABSENT (no such field), OWN (the row's text alone holds it), or FIRST + the shared value's number. */
const ABSENT = 0
const OWN = 1
const FIRST = 2

/** What a row's field says of a search word, as bits: it holds it, or the row's own text must tell (neither: it does not). */
export const HOLDS = 2
export const OWN_TEXT = 1

export class FieldColumn {
  /** Per slot: ABSENT, OWN or FIRST + a shared value's number. */
  ids: Int32Array
  readonly values: string[] = []
  private readonly numberOf = new Map<string, number>()

  constructor(slots: number) {
    this.ids = new Int32Array(slots)
  }

  /** Room for `n` slots (the index grows its columns together). */
  reserve(n: number): void {
    if (n > this.ids.length) this.ids = grown(this.ids, n)
  }

  set(s: number, text: string | null): void {
    if (s >= this.ids.length) this.reserve(Math.max(s + 1, this.ids.length * 2))
    if (text === null) {
      this.ids[s] = ABSENT
      return
    }
    // Once full, the field is one of mostly unique values: new rows keep theirs (looking it up would only cost).
    let n = this.values.length < SHARED_LIMIT ? this.numberOf.get(text) : undefined
    if (n === undefined && this.values.length < SHARED_LIMIT) {
      n = this.values.push(text) - 1
      this.numberOf.set(text, n)
    }
    this.ids[s] = n === undefined ? OWN : FIRST + n
  }

  /**
   * What each entry says of a search word (any of its `forms`), indexed by the entry: each
   * shared value tested once (at most SHARED_LIMIT tests, ~0.15 ms), so a row costs a lookup.
   */
  answers(forms: readonly string[]): Uint8Array {
    const a = new Uint8Array(FIRST + this.values.length)
    a[OWN] = OWN_TEXT
    for (let n = 0; n < this.values.length; n++) if (anyOf(this.values[n] as string, forms)) a[FIRST + n] = HOLDS
    return a
  }

  move(from: number, to: number): void {
    this.ids[to] = this.ids[from] as number
  }
}

export function anyOf(text: string, forms: readonly string[]): boolean {
  for (const f of forms) if (text.includes(f)) return true
  return false
}
