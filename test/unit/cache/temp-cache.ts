/** A real cache file in a fresh temp dir, removed after the test. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { openCache } from '../../../electron/core/cache'
import type { SqliteCache } from '../../../electron/core/cache/sqlite-cache'
import { NOW } from '../../helpers/rows'

const open: { cache: SqliteCache; dir: string }[] = []

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xm-cache-'))
  open.push({ cache: null as unknown as SqliteCache, dir })
  return dir
}

export function tempCache(dir = tempDir()): SqliteCache {
  const cache = openCache(join(dir, 'cache.db'), { now: () => NOW * 1000 })
  open.push({ cache, dir })
  return cache
}

afterEach(() => {
  for (const { cache, dir } of open.splice(0)) {
    cache?.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
