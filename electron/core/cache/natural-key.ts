/**
 * Looking a row up by its natural key (a line's username, a device's MAC, an
 * activation code) without an index on it: the key's words are looked up in
 * the resource's full-text index (one column of it, as a phrase), and the
 * column itself then decides. The full-text twin is written in the same
 * transaction as the row (staging.ts, row-writes.ts), so it never lags.
 *
 * A key with no letter or digit has no words to look up; the panel's rows are
 * then scanned (rare, and still right).
 */
import { AppError } from '../errors'
import { hasSearchText } from './fts'
import { normaliseMacKey, type ResourceSpec } from './resources'
import { foldText } from './search-text'

export interface NaturalKeyLookup {
  /** Narrow-table column compared with `value` (NOCASE for text keys). */
  column: string
  value: string
  /** FTS5 query over the key's full-text column, or null to scan the panel's rows. */
  match: string | null
}

const HAS_WORD = /[\p{L}\p{N}\p{Co}]/u

/** How to find `key`; null when the key cannot name any row (empty, or a MAC without hex digits). */
export function naturalKeyLookup(spec: ResourceSpec, key: string): NaturalKeyLookup | null {
  // A subscription table's index holds its rows' folded search text in one column (fts.ts):
  // the key is folded the same way, so its words are found as that text has them.
  const folded = hasSearchText(spec.table)
  const words = (ftsColumn: string, text: string) => (folded ? phrase('text', foldText(text)) : phrase(ftsColumn, text))
  const value = key.trim()
  switch (spec.naturalKey) {
    case 'username':
      return lookup('username', value, words('username', value))
    case 'code':
      return lookup('code', value, words('code', value))
    case 'mac': {
      // Indexed as written and as bare hex (fts.ts): the bare form is one word.
      const mac = normaliseMacKey(key)
      return mac === '' ? null : { column: 'mac_norm', value: mac, match: words('mac', mac) }
    }
    case null:
      throw new AppError('VALIDATION', `${spec.label} rows have no name to look them up by.`, { details: { resource: spec.resource } })
  }
}

function lookup(column: string, value: string, match: string): NaturalKeyLookup | null {
  if (value === '') return null
  return { column, value, match: HAS_WORD.test(value) ? match : null }
}

/** `username : "john.smith"`: the tokenizer splits the quoted text into the phrase `john smith`. */
function phrase(ftsColumn: string, text: string): string {
  return `${ftsColumn} : "${text.replace(/"/g, '""')}"`
}
