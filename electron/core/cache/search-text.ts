/**
 * Turns whatever the user typed into a safe full-text query.
 *
 * FTS5 has its own syntax (quotes, `*`, `-`, `^`, `:`, AND/OR/NOT/NEAR, column
 * filters); handing it raw text throws on half of what people type. Every word
 * is therefore quoted as an FTS5 string (an inner `"` doubled) and marked as a
 * prefix, and the words are ANDed: `john 00:1A` → `"john"* AND "00:1A"*`.
 * Inside quotes the tokenizer splits `john.sm` into the phrase `john sm`, so
 * punctuation in names and e-mails still matches in order; a MAC-looking word
 * also tries its bare hex form, so `00:1a:79:ab` finds `001a.79ab.0001`.
 *
 * Text too short for a useful prefix (one character) or with no letter or
 * digit at all (`@`, `--`) is matched with LIKE instead, escaped.
 */

export type SearchPlan =
  | { kind: 'none' }
  | { kind: 'fts'; match: string }
  | { kind: 'like'; pattern: string }

/** What unicode61 indexes by default: letters, numbers, private use (categories L*, N*, Co). */
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u
const TOKEN_CHARS = /[\p{L}\p{N}\p{Co}]/gu
// Control characters (NUL included) have no business in a search and some C code stops at NUL.
const CONTROL = /\p{Cc}/gu
const MAX_WORDS = 16

export const LIKE_ESCAPE = '\\'

export function planSearch(text: string | undefined): SearchPlan {
  const clean = (text ?? '').replace(CONTROL, ' ').trim()
  if (clean === '') return { kind: 'none' }
  const tokenChars = clean.match(TOKEN_CHARS)?.length ?? 0
  if (tokenChars < 2) return { kind: 'like', pattern: likeContains(clean) }

  const words = clean
    .split(/\s+/u)
    .filter((w) => TOKEN_CHAR.test(w))
    .slice(0, MAX_WORDS)
  return { kind: 'fts', match: words.map(wordQuery).join(' AND ') }
}

/** A MAC-looking word in any notation (00:1a:79, 001a.79ab, 00-1A-…). */
const MAC_LIKE = /^[0-9a-f]{2,4}([:.-][0-9a-f]{1,4})+[:.-]?$/i

function wordQuery(word: string): string {
  const phrase = `"${word.replace(/"/g, '""')}"*`
  // MACs are also indexed as bare hex (mac_norm), so any notation finds any other.
  return MAC_LIKE.test(word) ? `(${phrase} OR "${word.replace(/[^0-9a-f]/gi, '')}"*)` : phrase
}

/** `50%_off` → `%50\%\_off%` (with ESCAPE '\'). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => LIKE_ESCAPE + c)}%`
}
