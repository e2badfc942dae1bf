import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveUpdateFeed, setupAutoUpdate, type UpdaterLike } from '../../../electron/main/updater'

function fakeUpdater() {
  const calls: string[] = []
  const u: UpdaterLike & { calls: string[] } = {
    calls,
    autoDownload: false,
    setFeedURL: (o) => void calls.push(`feed:${o.url}`),
    checkForUpdatesAndNotify: async () => void calls.push('check'),
    on: () => u,
  }
  return u
}

describe('auto-update (off by default)', () => {
  it('does nothing at all without a feed: no updater loaded, no check', async () => {
    let loaded = false
    const r = await setupAutoUpdate({ feed: null, isPackaged: true, loadUpdater: async () => ((loaded = true), fakeUpdater()), log: () => {} })
    expect(r).toEqual({ state: 'disabled', reason: 'no update feed configured' })
    expect(loaded).toBe(false)
  })

  it('checks the configured https feed in a packaged build', async () => {
    const u = fakeUpdater()
    const r = await setupAutoUpdate({ feed: 'https://updates.example.com/xm', isPackaged: true, loadUpdater: async () => u, log: () => {} })
    expect(r.state).toBe('enabled')
    expect(u.calls).toEqual(['feed:https://updates.example.com/xm', 'check'])
  })

  it('refuses plain-http feeds and feeds with credentials, and dev builds', async () => {
    const logs: string[] = []
    for (const feed of ['http://updates.example.com/xm', 'https://user:pw@updates.example.com/', 'not a url']) {
      const r = await setupAutoUpdate({ feed, isPackaged: true, loadUpdater: async () => fakeUpdater(), log: (m) => logs.push(m) })
      expect(r.state).toBe('disabled')
    }
    expect(logs).toHaveLength(3)
    const dev = await setupAutoUpdate({ feed: 'https://updates.example.com/xm', isPackaged: false, loadUpdater: async () => fakeUpdater(), log: () => {} })
    expect(dev.state).toBe('disabled')
  })

  it('reads the feed from XM_UPDATE_FEED or update-feed.txt beside the resources', () => {
    expect(resolveUpdateFeed({ XM_UPDATE_FEED: ' https://a.example/ ' }, undefined)).toBe('https://a.example/')
    const dir = mkdtempSync(join(tmpdir(), 'xm-upd-'))
    expect(resolveUpdateFeed({}, dir)).toBeNull()
    writeFileSync(join(dir, 'update-feed.txt'), 'https://b.example/feed\n')
    expect(resolveUpdateFeed({}, dir)).toBe('https://b.example/feed')
  })
})
