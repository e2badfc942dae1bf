import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lookupStatic } from '../../../electron/loopback/static-files'

let base: string
let root: string
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'xm-static-'))
  root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html>')
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(join(base, 'secret.txt'), 'api_key=0123')
  writeFileSync(join(base, 'renderer-evil.txt'), 'sibling')
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'))
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

describe('static files of the built page', () => {
  it('serves the page at / and its assets with the right types', async () => {
    expect(await lookupStatic(root, '/')).toMatchObject({ kind: 'file', contentType: 'text/html; charset=utf-8' })
    expect(await lookupStatic(root, '/assets/index-abc.js')).toMatchObject({
      kind: 'file',
      contentType: 'text/javascript; charset=utf-8',
    })
    expect(await lookupStatic(root, '/assets/missing.js')).toEqual({ kind: 'missing' })
    expect(await lookupStatic(root, '/assets/')).toEqual({ kind: 'missing' })
    expect(await lookupStatic(root, '/lines')).toEqual({ kind: 'missing' })
  })

  it('refuses every way out of the folder', async () => {
    for (const path of [
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/..%2frenderer-evil.txt',
      '/assets/link.txt',
      '/index.html%00.js',
    ]) {
      expect((await lookupStatic(root, path)).kind, path).toBe('refused')
    }
    // An absolute path is read as a path inside the folder, never as itself.
    expect(await lookupStatic(root, `/${encodeURIComponent(join(base, 'secret.txt'))}`)).toEqual({ kind: 'missing' })
    expect(await lookupStatic(root, '/%E0%A4%A')).toEqual({ kind: 'bad' })
  })
})
