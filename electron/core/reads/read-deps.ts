/** What the read handlers are given: the core context, the sync engine and the panels' live status. */
import type { ContractHandlers, MethodName } from '../../shared/contract'
import type { Resource } from '../../shared/domain'
import type { CoreContext, OwnedKey } from '../ports'
import type { PanelStatusBoard } from '../sync/panel-status'
import type { SyncEngine } from '../sync/sync-engine'

export interface ReadDeps {
  ctx: CoreContext
  sync: SyncEngine
  board: PanelStatusBoard
  /** Subscriptions owned by the customers a list's search names (customers/customers.ts ownedBy); [] without a book. */
  ownedBy?: (search: string, resource: Resource) => OwnedKey[]
}

export type Handlers<K extends MethodName> = Pick<ContractHandlers, K>
