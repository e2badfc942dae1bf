/**
 * A row field's name as the user reads it ("Max connections", not
 * `maxConnections`): the field's own label (the long form) when it has one,
 * else the resource's column title, else the column label of the same name. Every field of
 * every resource has one (test/unit/renderer/field-labels.test.ts), so a
 * drawer never shows the domain's camelCase.
 */
import type { Resource } from '../../electron/shared/domain'
import { hasKey, t } from '../i18n'
import { RESOURCE_META } from './resources'

export function fieldLabel(resource: Resource, key: string): string {
  // A drawer has room for the long form ("Max connections"); a column title may be short ("Max conn.").
  const own = `field.${key}`
  if (hasKey(own)) return t(own)
  const def = RESOURCE_META[resource].columns.find((c) => c.key === key)
  if (def) return t(def.title)
  const col = `col.${key}`
  return hasKey(col) ? t(col) : key
}
