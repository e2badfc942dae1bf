/**
 * The status chips of the in-memory index (search-index.ts), read as query-sql.ts
 * SUBSCRIPTION_CHIPS reads them, as one table lookup a row.
 *
 * A row's flags (admin_enabled, enabled, is_trial: each 1, 0 or anything else, which SQL's
 * `= 1` and `= 0` both reject) are one number of 27, and its expiry one of four places
 * against the search's moment: none (NULL), up to now, up to the end of "expiring soon",
 * later (a text counts as later: SQLite ranks text above every number). A search's chips
 * (ORed) are worked out once for each of the 108 combinations.
 */
import type { StatusFilter } from '../../shared/domain'
import type { KeyValue } from './keyset'

const OTHER = 2
const third = (v: KeyValue): number => (v === 1 ? 1 : v === 0 ? 0 : OTHER)

/** A row's flags as one number (0–26). */
export const flagsOf = (admin: KeyValue, enabled: KeyValue, trial: KeyValue): number => third(admin) * 9 + third(enabled) * 3 + third(trial)

export const EXP_NONE = 0
export const EXP_PAST = 1
export const EXP_SOON = 2
export const EXP_LATER = 3

/** Pass or not, by `flags * 4 + expiry place`; null when no chip applies (every row passes). */
export function chipTable(chips: readonly StatusFilter[]): Uint8Array | null {
  if (chips.length === 0) return null
  const on = new Set(chips)
  const table = new Uint8Array(27 * 4)
  for (let flags = 0; flags < 27; flags++) {
    const admin = Math.floor(flags / 9)
    const enabled = Math.floor(flags / 3) % 3
    const trial = flags % 3
    const live = admin === 1 && enabled === 1
    for (let exp = 0; exp < 4; exp++) {
      const pass =
        (on.has('active') && live && exp !== EXP_PAST) ||
        (on.has('disabled') && enabled === 0) ||
        (on.has('banned') && admin === 0) ||
        (on.has('expired') && exp === EXP_PAST) ||
        (on.has('trial') && trial === 1) ||
        (on.has('expiring') && live && exp === EXP_SOON)
      table[flags * 4 + exp] = pass ? 1 : 0
    }
  }
  return table
}
