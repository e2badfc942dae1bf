/** The customer book: list + search, the open customer's page, edits, links, CSV. */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { xm } from '../api/xm'
import type { Customer, CustomerDetail, CustomerInput, ImportPreview, LinkRef, OwnerHit, ItemKey } from '../../electron/shared/customers'
import { call } from '../lib/call'
import { downloadText } from '../lib/download'
import { notifySuccess } from '../lib/notify'
import { t } from '../i18n'

export const useCustomersStore = defineStore('customers', () => {
  const rows = shallowRef<Customer[]>([])
  const total = ref(0)
  const tags = ref<string[]>([])
  const search = ref('')
  const tag = ref<string | null>(null)
  const loading = ref(false)
  /** Why the book cannot be used (damaged file); null when fine. */
  const problem = ref<string | null>(null)
  const selectedId = ref<number | null>(null)
  const detail = shallowRef<CustomerDetail | null>(null)
  let seq = 0

  async function loadStatus(): Promise<void> {
    const s = await call(() => xm.customers.status(), { quiet: true })
    problem.value = s?.problem ?? null
  }

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    const r = await call(() => xm.customers.list({ ...(search.value.trim() ? { search: search.value.trim() } : {}), ...(tag.value ? { tag: tag.value } : {}), offset: 0, limit: 500 }), { quiet: problem.value !== null })
    if (mine !== seq) return
    loading.value = false
    if (r) {
      rows.value = r.rows
      total.value = r.total
      tags.value = r.tags
    } else await loadStatus()
  }

  async function open(id: number | null): Promise<void> {
    selectedId.value = id
    if (id === null) {
      detail.value = null
      return
    }
    const d = await call(() => xm.customers.get({ id }))
    if (selectedId.value === id) detail.value = d
  }

  const refreshOpen = () => open(selectedId.value)

  async function create(input: CustomerInput, attach?: LinkRef[]): Promise<Customer | null> {
    const c = await call(() => xm.customers.create({ ...input, ...(attach?.length ? { attach } : {}) }))
    if (c) {
      notifySuccess(t('customers.saved'))
      await load()
      await open(c.id)
    }
    return c
  }

  async function update(id: number, patch: Partial<CustomerInput>): Promise<Customer | null> {
    const c = await call(() => xm.customers.update({ id, patch }))
    if (c) {
      notifySuccess(t('customers.saved'))
      await Promise.all([load(), refreshOpen()])
    }
    return c
  }

  async function remove(id: number): Promise<boolean> {
    const r = await call(() => xm.customers.remove({ id }))
    if (!r) return false
    if (selectedId.value === id) await open(null)
    await load()
    return true
  }

  async function attach(customerId: number, items: LinkRef[]): Promise<boolean> {
    const r = await call(() => xm.customers.attach({ customerId, items }))
    if (!r) return false
    await Promise.all([load(), selectedId.value === customerId ? refreshOpen() : Promise.resolve()])
    return true
  }

  async function detach(linkId: number): Promise<void> {
    if (await call(() => xm.customers.detach({ linkId }))) await Promise.all([load(), refreshOpen()])
  }

  async function owners(items: ItemKey[]): Promise<OwnerHit[]> {
    if (items.length === 0) return []
    return (await call(() => xm.customers.owners({ items }), { quiet: true })) ?? []
  }

  const importPreview = (csv: string): Promise<ImportPreview | null> => call(() => xm.customers.importPreview({ csv }))

  async function importApply(csv: string) {
    const r = await call(() => xm.customers.importApply({ csv }))
    if (r) {
      notifySuccess(t('import.done', { created: r.created, joined: r.joined, linked: r.linked }))
      await load()
    }
    return r
  }

  async function exportCsv(): Promise<void> {
    const r = await call(() => xm.customers.exportCsv())
    if (r) downloadText(r.filename, r.csv)
  }

  return { rows, total, tags, search, tag, loading, problem, selectedId, detail, loadStatus, load, open, refreshOpen, create, update, remove, attach, detach, owners, importPreview, importApply, exportCsv }
})
