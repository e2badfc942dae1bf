/**
 * The "Customer" column: who owns each visible row of a subscription list
 * (lines, devices, codes), asked of the customer book for the page on screen
 * only, again whenever the page changes.
 */
import { shallowRef, watch, type Ref } from 'vue'
import type { LinkResource } from '../../electron/shared/customers'
import type { Resource } from '../../electron/shared/domain'
import { isSubscription, naturalKeyOf } from '../../electron/shared/resources'
import { useCustomersStore } from '../stores/customers'
import type { Row } from '../stores/table'


/** A subscription row's natural key (what a customer link names); '' for other rows. */
export const rowKeyOf = (resource: Resource, row: Row): string => (isSubscription(resource) ? naturalKeyOf(resource, row) : '')

export function useRowOwners(resource: Resource, rows: Ref<Row[]>) {
  const owners = shallowRef<Map<string, string>>(new Map())
  if (!isSubscription(resource)) return { owners, customerOf: undefined }
  const store = useCustomersStore()
  const id = (profileId: string, key: string) => `${profileId}\u0000${key.toLowerCase()}`
  let seq = 0
  watch(
    rows,
    async (list) => {
      const mine = ++seq
      const items = list.map((r) => ({ profileId: r.profileId, resource: resource as LinkResource, key: rowKeyOf(resource, r) })).filter((x) => x.key)
      const hits = await store.owners(items.slice(0, 1000))
      if (mine === seq) owners.value = new Map(hits.map((h) => [id(h.profileId, h.key), h.name]))
    },
    { immediate: true },
  )
  return { owners, customerOf: (row: Row) => owners.value.get(id(row.profileId, rowKeyOf(resource, row))) ?? null }
}
