/**
 * The API actions of each resource, read from its descriptor
 * (shared/resources.ts) and typed as the action table's names: the return
 * types below only compile while every name a descriptor spells exists in
 * actions.ts.
 */
import type { Resource } from '../../shared/domain'
import { RESOURCE_INFO, type WritableResource, type WriteAction } from '../../shared/resources'
import type { ActionName } from './actions'

/** The paged list action behind each cached resource (panel-api §5). */
export const listActionOf = (resource: Resource): ActionName => RESOURCE_INFO[resource].list

/** The one-item read of a writable resource. */
export const getActionOf = (resource: WritableResource): ActionName => RESOURCE_INFO[resource].get

/** The API action a contract write sends, null where the resource has no such write. */
export function writeActionOf(resource: WritableResource, action: WriteAction): ActionName | null {
  const writes: Readonly<Partial<Record<WriteAction, ActionName>>> = RESOURCE_INFO[resource].writes
  return writes[action] ?? null
}
