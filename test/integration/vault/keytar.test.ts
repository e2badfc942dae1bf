/**
 * keytar against a REAL Secret Service (gnome-keyring). Runs when
 * XM_KEYRING=1, i.e. inside (with XDG_DATA_HOME set to a temp dir):
 *   dbus-run-session -- sh -c 'echo -n pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null; XM_KEYRING=1 npx vitest run test/integration/vault'
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCache } from '../../../electron/core/cache'
import { JsonProfileStore } from '../../../electron/core/profiles/profile-store'
import type { SecretStore } from '../../../electron/core/ports'
import { chooseSecretStore } from '../../../electron/core/vault/choose-store'
import { KeyService } from '../../../electron/core/vault/key-service'
import { KEYCHAIN_SERVICE, loadKeytarStore } from '../../../electron/core/vault/keytar-store'

const enabled = process.env.XM_KEYRING === '1'
const KEY_A = 'aaaa1111bbbb2222cccc3333dddd4444'
const KEY_B = 'ffff9999eeee8888dddd7777cccc6666'

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })
}

describe.runIf(enabled)('keytar with a real Secret Service', () => {
  let dataDir: string
  let store: SecretStore
  const ids: string[] = []

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'xm-keyring-data-'))
    const chosen = await chooseSecretStore({ preferKeychain: true })
    expect(chosen.problem).toBeNull()
    store = chosen.store
  })

  afterAll(async () => {
    for (const id of ids) await store?.delete(id).catch(() => false)
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('the probe finds the keychain and files keys under the app service', async () => {
    expect(store.kind).toBe('keychain')
    const loaded = await loadKeytarStore()
    expect(loaded.ok).toBe(true)
    if (loaded.ok) expect(loaded.store.service).toBe(KEYCHAIN_SERVICE)
  })

  it('set / get / delete through KeyService, two panels isolated, nothing in the data dir', async () => {
    const profiles = await JsonProfileStore.open(join(dataDir, 'profiles.json'), { now: () => 1_700_000_000_000 })
    const cache = openCache(join(dataDir, 'cache.db'), { now: () => 1_700_000_000_000 })
    const base = { color: '#2080f0', scheme: 'http' as const, port: 80, customerDns: null, customerPort: null, thresholds: { warning: 50, critical: 10 }, pollMinutes: 5, enabled: true }
    const a = await profiles.create({ ...base, name: 'A', host: 'a.example', accessCode: 'one' })
    const b = await profiles.create({ ...base, name: 'B', host: 'b.example', accessCode: 'two' })
    ids.push(a.id, b.id)

    const keys = new KeyService(store)
    const setA = await keys.set(a.id, KEY_A)
    const setB = await keys.set(b.id, KEY_B)
    await profiles.setKeyHint(a.id, setA.keyHint)
    await profiles.setKeyHint(b.id, setB.keyHint)
    cache.setSyncMeta(a.id, 'lines', { syncedAt: 1, error: null })

    expect(await keys.get(a.id)).toBe(KEY_A)
    expect(await keys.get(b.id)).toBe(KEY_B)
    // A second, independent connection to the keychain sees the same entries.
    const again = await loadKeytarStore()
    if (!again.ok) throw new Error(again.error)
    expect(await again.store.get(a.id)).toBe(KEY_A)

    expect(await keys.clear(a.id)).toBe(true)
    expect(await keys.has(a.id)).toBe(false)
    expect(await keys.get(b.id)).toBe(KEY_B)
    await expect(keys.get(a.id)).rejects.toMatchObject({ code: 'NO_KEY' })

    cache.close()
    const files = filesUnder(dataDir)
    expect(files.some((f) => f.endsWith('profiles.json'))).toBe(true)
    for (const f of files) {
      const bytes = readFileSync(f).toString('latin1')
      expect(bytes.includes(KEY_A), f).toBe(false)
      expect(bytes.includes(KEY_B), f).toBe(false)
    }
    expect(profiles.get(b.id)).toMatchObject({ hasKey: true, keyHint: '6666' })
  })
})

describe.skipIf(enabled)('keytar with a real Secret Service', () => {
  it.skip('needs XM_KEYRING=1 inside dbus-run-session with an unlocked gnome-keyring (see the file header)', () => undefined)
})
