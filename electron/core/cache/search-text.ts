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

/**
 * `folded`: the index searched holds folded text (a subscription table, fts.ts): the words are
 * folded as that text was (searchTextOf), so every row the text matches is found.
 */
export function planSearch(text: string | undefined, folded = false): SearchPlan {
  const clean = cleanOf(text)
  if (clean === '') return { kind: 'none' }
  if (!isWordSearch(clean)) return { kind: 'like', pattern: likeContains(clean) }
  return { kind: 'fts', match: wordsOf(clean).map((w) => wordQuery(w, folded)).join(' AND ') }
}

/** The words a word search looks for (planSearch's 'fts' kind), or null. */
function searchWords(text: string | undefined): string[] | null {
  const clean = cleanOf(text)
  return isWordSearch(clean) ? wordsOf(clean) : null
}

const cleanOf = (text: string | undefined): string => (text ?? '').replace(CONTROL, ' ').trim()
/** Two letters or digits at least: fewer make no useful prefix (then LIKE, or nothing). */
const isWordSearch = (clean: string): boolean => (clean.match(TOKEN_CHARS)?.length ?? 0) >= 2

const wordsOf = (clean: string): string[] =>
  clean
    .split(/\s+/u)
    .filter((w) => TOKEN_CHAR.test(w))
    .slice(0, MAX_WORDS)

/** A MAC-looking word in any notation (00:1a:79, 001a.79ab, 00-1A-…). */
const MAC_LIKE = /^[0-9a-f]{2,4}([:.-][0-9a-f]{1,4})+[:.-]?$/i

function wordQuery(word: string, folded: boolean): string {
  const phrase = `"${(folded ? foldText(word) : word).replace(/"/g, '""')}"*`
  // MACs are also indexed as bare hex (mac_norm), so any notation finds any other.
  return MAC_LIKE.test(word) ? `(${phrase} OR "${word.replace(/[^0-9a-f]/gi, '')}"*)` : phrase
}

/** `50%_off` → `%50\%\_off%` (with ESCAPE '\'). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => LIKE_ESCAPE + c)}%`
}

/**
 * The search text a row of a subscription table carries (`search_text`, migration v9): its
 * searchable fields folded as the full-text tokenizer folds them (lower case, Latin diacritics
 * off, every run of non-token characters one space), each between spaces, fields apart by
 * ` | `. A typed word is found where ` word` occurs: at the start of a token, inside one field
 * (searchNeedles). Why the copy: a table view walks its order index and must test each row it
 * passes without the full-text index (ARCHITECTURE §5, query-walk.ts).
 *
 * The full-text index of these tables is built from this text and the query is folded the same
 * way (fts.ts, planSearch `folded`), so the index finds every row the text matches and can narrow
 * a sparse search (query-sql.ts). Folding alone could not promise that: unicode61 drops marks of
 * decomposed letters in any script and folds ς to σ, which this does not.
 */
export function searchTextOf(fields: readonly (string | null | undefined)[]): string {
  let text = ' '
  for (let i = 0; i < fields.length; i++) text += (i > 0 ? ' | ' : '') + foldText(fields[i] ?? '')
  return `${text} `
}

// Stryker disable all: the ASCII way is a shortcut; the Unicode way folds ASCII the same (search.test.ts checks both kinds of text).
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false
  return true
}
// Stryker restore all
const ASCII_NON_TOKEN_RUN = /[^a-z0-9]+/g
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu
const NON_TOKEN_RUN = /[^\p{L}\p{N}\p{Co}]+/gu

export function foldText(text: string): string {
  // ASCII (most usernames, notes, MACs) needs none of the Unicode work.
  // Stryker disable next-line ConditionalExpression: the shortcut; see isAscii.
  if (isAscii(text)) return text.toLowerCase().replace(ASCII_NON_TOKEN_RUN, ' ').trim()
  const plain = text.toLowerCase().normalize('NFD').replace(LATIN_MARKS, '$1').normalize('NFC')
  return plain.replace(NON_TOKEN_RUN, ' ').trim()
}

/**
 * What `instr(search_text, …)` looks for, per word of the search (all must match), each word's
 * forms (any may): ` word` folded; a MAC-looking word also as bare hex. Null when the text is
 * not a word search (none, or LIKE: planSearch).
 */
export function searchNeedles(text: string | undefined): string[][] | null {
  const words = searchWords(text)
  if (words === null) return null
  return words.map((w) => {
    const forms = [` ${foldText(w)}`]
    if (MAC_LIKE.test(w)) forms.push(` ${w.replace(/[^0-9a-f]/gi, '').toLowerCase()}`)
    return forms
  })
}
