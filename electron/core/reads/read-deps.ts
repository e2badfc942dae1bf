/** What the read handlers are given: the core context, the sync engine and the panels' live status. */
import type { ContractHandlers, MethodName } from '../../shared/contract'
import type { CoreContext } from '../ports'
import type { PanelStatusBoard } from '../sync/panel-status'
import type { SyncEngine } from '../sync/sync-engine'

export interface ReadDeps {
  ctx: CoreContext
  sync: SyncEngine
  board: PanelStatusBoard
}

export type Handlers<K extends MethodName> = Pick<ContractHandlers, K>
