/**
 * Which columns a table shows: the user's choice per resource, kept in
 * localStorage so every tab of that resource opens with it; the resource's
 * defaults when nothing (readable) was saved.
 */
import { ref } from 'vue'
import type { Resource } from '../../electron/shared/domain'
import { defaultColumns } from '../lib/resources'

const columnsKey = (resource: Resource) => `xm.columns.${resource}`

function readColumns(resource: Resource): string[] {
  try {
    const raw = localStorage.getItem(columnsKey(resource))
    const list: unknown = raw ? JSON.parse(raw) : null
    if (Array.isArray(list) && list.every((x) => typeof x === 'string')) return list
  } catch {
    /* unreadable preference: fall back to the defaults */
  }
  return defaultColumns(resource)
}

function saveColumns(resource: Resource, keys: string[]): void {
  try {
    localStorage.setItem(columnsKey(resource), JSON.stringify(keys))
  } catch {
    /* a preference only */
  }
}

export function tableColumns(resource: Resource) {
  const visibleColumns = ref<string[]>(readColumns(resource))
  function setColumns(keys: string[]) {
    visibleColumns.value = keys
    saveColumns(resource, keys)
  }
  return { visibleColumns, setColumns }
}
