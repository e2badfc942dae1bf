/**
 * Is a finished list pass fit to replace the cached copy? (issue #11 §7)
 *
 * A pass that read all of the panel's rows but a few replaces the cached set;
 * the few are reported. Anything worse keeps the cached set as it was, because
 * losing a reseller's offline copy to one bad answer costs more than showing a
 * copy that may be out of date (docs/panel-api.md §5):
 * - more than a few rows could not be read (a damaged table, a panel bug) while
 *   rows are cached (with none cached, the readable ones go in and the rest is reported);
 * - the readable rows fall well short of the panel's own count;
 * - no readable row at all while rows are cached, unless the panel counted
 *   zero (then the list really is empty): no count and nothing, or nothing
 *   but unreadable rows.
 */
import { AppError } from '../errors'

/** Unreadable rows a pass may skip and still be applied (with a warning). */
export const FEW_SKIPPED = 3

/**
 * Rows the count may promise that never came: rows created while the pass ran shift
 * offset paging (one can be seen twice, another never), one per ~1000 listed.
 */
const driftAllowance = (total: number): number => Math.ceil(total / 1000)

export interface PassFigures {
  /** Distinct readable rows received. */
  unique: number
  /** Rows received that could not be read. */
  skipped: number
  /** The panel's latest count, or null when it sends none. */
  total: number | null
}

/** Null when the pass may be applied; else the error to report (the cached set stays). */
export function refusePass(pass: PassFigures, cachedCount: number, label: string, resource: string): AppError | null {
  const { unique, skipped, total } = pass
  const details = { resource, cached: cachedCount, readable: unique, unreadable: skipped, total }
  const kept = cachedCount > 0 ? `the ${cachedCount} cached ${label} were kept` : 'nothing cached was replaced'
  // With nothing cached there is nothing to protect: the readable rows go in, the rest is reported.
  if (cachedCount > 0 && (skipped > FEW_SKIPPED || (skipped > 0 && unique === 0))) {
    const of = total !== null ? `${skipped} of the ${total} ${label}` : `${skipped} of the ${label}`
    return new AppError(
      'BAD_RESPONSE',
      `${of} the panel sent could not be read, so the list was not updated and ${kept}. Try again later; if it persists, the panel's data may be damaged.`,
      { details },
    )
  }
  // Rows the count promised that are not here; with nothing cached, unreadable ones were reported above.
  const missing = total === null ? 0 : total - unique - (cachedCount > 0 ? 0 : skipped)
  if (total !== null && missing > FEW_SKIPPED + driftAllowance(total)) {
    return new AppError(
      'BAD_RESPONSE',
      `The panel counts ${total} ${label} but only ${unique} could be read (${missing} missing), so the list was not updated and ${kept}. Try again later.`,
      { details },
    )
  }
  if (unique === 0 && total === null && skipped === 0 && cachedCount > 0) {
    // Without recordsTotal an empty list cannot be told from a panel that answered nothing useful.
    return new AppError(
      'BAD_RESPONSE',
      `The panel answered with no ${label} at all and no count, while ${cachedCount} are cached. That looks like a panel fault, so the cached ${label} were kept.`,
      { details },
    )
  }
  return null
}
