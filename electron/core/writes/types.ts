/** The shapes shared by the write path, reconciliation and bulk runs. */
import type { ActionName } from '../api/actions'
import type { XtreamClient } from '../api/client'
import type { Journal } from '../journal/journal'
import type { CoreContext } from '../ports'
import type { InFlight } from './inflight'
import type { WriteKind } from './panel'
import type { WritableResource } from '../../shared/resources'

export interface SpendingEnv {
  ctx: CoreContext
  journal: Journal
  inflight: InFlight
  /** How long after sending an absence on the panel counts as proof that a write did not apply. */
  settleMs: number
}

/** One write, described before anything is read or sent. */
export interface WriteOp {
  profileId: string
  resource: WritableResource
  kind: WriteKind
  action: ActionName
  /** What the in-flight registry locks: `#<id>` for existing items, the natural key for creates. */
  lockKey: string
  /** Human key for the journal until prepare() knows better (username, MAC, code or #id). */
  label: string
  /** Credits this write is expected to take (negative: credits come back, as adjust_credits with a negative amount). */
  cost: number
  /** The existing item's id (not for creates). */
  id?: number
  bulkRunId?: string | null
  /**
   * Shown to the user once in the write's answer and never journaled: a sub-reseller password
   * the app generated, which the panel never returns (get_user hides it, docs/panel-api.md §4).
   */
  reveal?: Record<string, string>
  /** Fresh reads before sending. Throwing here means nothing was sent and nothing is journaled. */
  prepare(client: XtreamClient): Promise<Prepared>
}

export interface Prepared {
  /** Wire params for `client.call(op.action, params)`. */
  params: Record<string, unknown>
  /** What reconciliation needs later (pre-write expiry, flags, balances, keys). */
  context: Record<string, unknown>
  /** A better human key once the row was read (e.g. the line's username). */
  label?: string
  /** Literal customer secrets to keep out of journal text. */
  secrets?: string[]
}

/** What a reconciliation concluded. */
export interface Verdict {
  outcome: 'succeeded' | 'failed' | 'unknown'
  evidence: string
  /** The item as the panel has it now, when the check read it. */
  item?: Record<string, unknown> | null
  /** Balance read during the check, if any. */
  balanceAfter?: number | null
}
