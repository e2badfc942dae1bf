/**
 * How a panel stands for the user, from its PanelStatus. `reachable` alone says
 * only that something answered; a panel that answers "Invalid API key", refuses
 * this computer's IP or has no reseller API at that address is of no use, so it
 * is never shown as reachable (no green dot, not in "All panels reachable").
 */
import type { ErrorCode } from './errors'
import type { PanelStatus } from './views'

export type PanelHealth = 'up' | 'down' | 'refused' | 'unknown'

/** The panel answered, but refuses the app as a whole (panel-api §3): every call will fail the same way. */
export const REFUSAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['AUTH_INVALID', 'IP_FORBIDDEN', 'NOT_FOUND', 'INVALID_ACTION'])

export function panelHealth(s: Pick<PanelStatus, 'reachable' | 'lastError'> | null | undefined): PanelHealth {
  if (!s || s.reachable === null) return 'unknown'
  if (s.reachable === false) return 'down'
  return s.lastError && REFUSAL_CODES.has(s.lastError.code) ? 'refused' : 'up'
}
