/**
 * How fresh a panel's cached copy of one resource is. Pure: the clock and the
 * facts are passed in, so the rules are tested without waiting.
 *
 * - never:   nothing was ever synced and no attempt failed;
 * - offline: the last attempt could not reach the panel (OFFLINE / TIMEOUT), or
 *            the panel was found unreachable after the last successful sync;
 * - error:   the last attempt failed another way (bad key, panel error…);
 * - fresh:   synced within the panel's poll interval;
 * - stale:   synced longer ago.
 *
 * Sync meta keeps the failure as "CODE: sentence" (one text column), so the
 * code survives a restart; metaError()/parseMetaError() are the two ends.
 */
import type { ErrorCode } from '../../shared/errors'
import { ErrorCode as ErrorCodeSchema } from '../../shared/errors'
import type { Freshness } from '../../shared/views'

const OFFLINE_CODES: ReadonlySet<string> = new Set(['OFFLINE', 'TIMEOUT'])
const MINUTE_MS = 60_000

export interface FreshnessInput {
  syncedAt: number | null
  /** Sync meta error text ("CODE: sentence"), null when the last attempt succeeded. */
  error: string | null
  pollMinutes: number
  now: number
  /** The panel's last known reachability from any call (sync, test, a fresh read). */
  lastCheck?: { reachable: boolean; at: number } | null
}

export function freshnessOf(i: FreshnessInput): Freshness {
  if (i.error !== null) return OFFLINE_CODES.has(parseMetaError(i.error).code) ? 'offline' : 'error'
  if (i.lastCheck && !i.lastCheck.reachable && i.lastCheck.at >= (i.syncedAt ?? 0)) return 'offline'
  if (i.syncedAt === null) return 'never'
  return i.now - i.syncedAt <= i.pollMinutes * MINUTE_MS ? 'fresh' : 'stale'
}

export const isOfflineCode = (code: string): boolean => OFFLINE_CODES.has(code)

/** The text stored in sync meta for a failed attempt. */
export function metaError(code: ErrorCode, message: string): string {
  return `${code}: ${message}`
}

/** Back from sync meta; text written by something else counts as INTERNAL with the whole text as message. */
export function parseMetaError(text: string): { code: ErrorCode; message: string } {
  const m = /^([A-Z_]+): ([\s\S]*)$/.exec(text)
  const code = m ? ErrorCodeSchema.safeParse(m[1]) : null
  if (m && code?.success) return { code: code.data, message: m[2] ?? '' }
  return { code: 'INTERNAL', message: text }
}
