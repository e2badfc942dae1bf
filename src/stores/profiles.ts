/** Panels (server profiles): the list, its order, keys (write-only) and connection tests. */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { xm } from '../api/xm'
import type { Profile, ProfileInput } from '../../electron/shared/profile'
import { call, settle } from '../lib/call'
import { downloadText } from '../lib/download'

export const useProfilesStore = defineStore('profiles', () => {
  const profiles = ref<Profile[]>([])
  const loaded = ref(false)
  const byId = computed(() => new Map(profiles.value.map((p) => [p.id, p])))

  async function load(): Promise<Profile[] | null> {
    const list = await call(() => xm.profiles.list())
    if (list) profiles.value = list
    loaded.value = true
    return list
  }

  function replace(p: Profile) {
    const i = profiles.value.findIndex((x) => x.id === p.id)
    if (i >= 0) profiles.value.splice(i, 1, p)
    else profiles.value.push(p)
  }

  /** Creates the panel, then stores its key (the key goes straight to the keychain via main). */
  async function create(input: ProfileInput, apiKey?: string): Promise<Profile | null> {
    const created = await call(() => xm.profiles.create(input))
    if (!created) return null
    replace(created)
    if (apiKey) await setKey(created.id, apiKey)
    return byId.value.get(created.id) ?? created
  }

  async function update(profileId: string, patch: Partial<ProfileInput>): Promise<Profile | null> {
    const p = await call(() => xm.profiles.update({ profileId, patch }))
    if (p) replace(p)
    return p
  }

  async function remove(profileId: string): Promise<boolean> {
    const r = await call(() => xm.profiles.remove({ profileId }))
    if (r) profiles.value = profiles.value.filter((p) => p.id !== profileId)
    return !!r
  }

  async function reorder(profileIds: string[]): Promise<void> {
    const list = await call(() => xm.profiles.reorder({ profileIds }))
    if (list) profiles.value = list
  }

  async function move(profileId: string, delta: -1 | 1): Promise<void> {
    const ids = profiles.value.map((p) => p.id)
    const i = ids.indexOf(profileId)
    const j = i + delta
    if (i < 0 || j < 0 || j >= ids.length) return
    ;[ids[i], ids[j]] = [ids[j]!, ids[i]!]
    await reorder(ids)
  }

  /** Drag and drop: the panel takes the place of the one it was dropped on; the others shift. */
  async function place(profileId: string, targetId: string): Promise<void> {
    const ids = profiles.value.map((p) => p.id)
    const from = ids.indexOf(profileId)
    const to = ids.indexOf(targetId)
    if (from < 0 || to < 0 || from === to) return
    ids.splice(from, 1)
    ids.splice(to, 0, profileId)
    await reorder(ids)
  }

  async function setKey(profileId: string, apiKey: string): Promise<boolean> {
    const r = await call(() => xm.keys.set({ profileId, apiKey }))
    if (!r) return false
    const p = byId.value.get(profileId)
    if (p) replace({ ...p, hasKey: r.hasKey, keyHint: r.keyHint })
    return true
  }

  async function clearKey(profileId: string): Promise<void> {
    const r = await call(() => xm.keys.clear({ profileId }))
    const p = byId.value.get(profileId)
    if (r && p) replace({ ...p, hasKey: false, keyHint: null })
  }

  /** The test's outcome is shown inline (reseller name and credits, or the exact reason): not a toast. */
  function test(profileId: string) {
    return settle(() => xm.profiles.test({ profileId }))
  }

  /** What is in the panel form, saved or not; the typed key is sent for this call only. */
  function testDraft(args: Parameters<typeof xm.profiles.testDraft>[0]) {
    return settle(() => xm.profiles.testDraft(args))
  }

  async function exportAll(): Promise<void> {
    const r = await call(() => xm.profiles.export())
    if (r) downloadText(r.filename, r.csv, 'application/json')
  }

  async function importJson(json: string) {
    const r = await call(() => xm.profiles.import({ json }))
    if (r) await load()
    return r
  }

  async function startDemo(): Promise<Profile | null> {
    const p = await call(() => xm.demo.start())
    if (p) replace(p)
    return p
  }

  return { profiles, loaded, byId, load, create, update, remove, reorder, move, place, setKey, clearKey, test, testDraft, exportAll, importJson, startDemo }
})
