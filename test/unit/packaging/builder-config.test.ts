/**
 * Validates the electron-builder configuration without network: CI cannot
 * download Electron, so packaging itself never runs there. What can be checked
 * is that the config asks for the right things and that every file it names
 * exists with the sizes the platforms need.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)

const root = join(__dirname, '../../..')
const config = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8'))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

function pngSize(buf: Buffer): { w: number; h: number } {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  return { w: buf.readUInt32BE(16), h: buf.readUInt32BE(20) }
}

/** ICO directory: 6-byte header, then 16-byte entries; width 0 means 256. */
function icoSizes(buf: Buffer): number[] {
  expect(buf.readUInt16LE(0)).toBe(0)
  expect(buf.readUInt16LE(2)).toBe(1)
  const n = buf.readUInt16LE(4)
  return Array.from({ length: n }, (_, i) => buf[6 + i * 16] || 256)
}

/** ICNS: 'icns' + total length, then (type, length) chunks. */
function icnsTypes(buf: Buffer): string[] {
  expect(buf.subarray(0, 4).toString('latin1')).toBe('icns')
  expect(buf.readUInt32BE(4)).toBe(buf.length)
  const types: string[] = []
  for (let off = 8; off < buf.length; ) {
    const len = buf.readUInt32BE(off + 4)
    expect(len).toBeGreaterThan(8)
    types.push(buf.subarray(off, off + 4).toString('latin1'))
    off += len
  }
  return types
}

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation (offline)", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config')
    const { DebugLogger } = require('builder-util')
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined()
    // and the validator does reject a wrong option, so the check above means something
    await expect(validateConfiguration({ ...structuredClone(config), nsis: { perMachin: false } }, new DebugLogger(false))).rejects.toThrow(/configuration.nsis/)
  })

  it('names the app and matches package.json', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9]+)+$/)
    expect(config.productName).toBe(pkg.productName)
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(pkg.main).toBe('out/main/index.js')
    expect(config.files).toContain('out/**/*')
    expect(config.fileAssociations).toEqual([])
  })

  it('keeps native modules outside the asar and rebuilds them for Electron when packaging', () => {
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toContain('**/*.node')
    expect(config.npmRebuild).toBe(true)
    expect(pkg.dependencies).toHaveProperty('keytar')
    expect(pkg.dependencies).toHaveProperty('better-sqlite3')
    // Never rebuilt in CI or on install: only by `dist` (electron-builder) and `predev`.
    expect(pkg.scripts.postinstall).toBeUndefined()
    expect(pkg.scripts.predev).toMatch(/rebuild/)
    expect(pkg.scripts.dist).toMatch(/electron-vite build && electron-builder/)
  })

  it('sets the production fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
  })

  it('builds AppImage and a .deb that declares libsecret on Linux', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']))
    expect(config.linux.category).toBeTruthy()
    expect(config.deb.depends).toContain('libsecret-1-0')
  })

  it('builds a per-user NSIS installer on Windows', () => {
    expect(config.win.target.map((t: { target: string }) => t.target)).toContain('nsis')
    expect(config.nsis.perMachine).toBe(false)
    expect(config.nsis.oneClick).toBe(false)
  })

  it('builds a dmg with hardened runtime and entitlements ready for signing on macOS', () => {
    expect(config.mac.target.map((t: { target: string }) => t.target)).toContain('dmg')
    expect(config.mac.hardenedRuntime).toBe(true)
    const ent = readFileSync(join(root, config.mac.entitlements), 'utf8')
    expect(ent).toContain('<plist version="1.0">')
    expect(ent).toContain('com.apple.security.cs.allow-jit')
    // No blanket relaxations.
    expect(ent).not.toContain('disable-library-validation')
    expect(ent).not.toContain('allow-dyld-environment-variables')
  })

  it('has no update feed baked in (auto-update is off by default)', () => {
    expect(config.publish).toBeNull()
  })

  it('has the app icon at every size the platforms use', () => {
    expect(pngSize(readFileSync(join(root, 'resources/icon.png')))).toEqual({ w: 1024, h: 1024 })
    for (const s of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      const file = join(root, config.linux.icon, `${s}x${s}.png`)
      expect(existsSync(file), file).toBe(true)
      expect(pngSize(readFileSync(file))).toEqual({ w: s, h: s })
    }
    expect(icoSizes(readFileSync(join(root, config.win.icon)))).toEqual(expect.arrayContaining([16, 32, 48, 256]))
    expect(icnsTypes(readFileSync(join(root, config.mac.icon)))).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']))
  })

  it('has a tray icon per state, with macOS template variants', () => {
    for (const state of ['ok', 'low', 'critical', 'offline']) {
      expect(existsSync(join(root, `resources/tray/tray-${state}.png`)), state).toBe(true)
      expect(existsSync(join(root, `resources/tray/tray-${state}Template.png`)), state).toBe(true)
      expect(existsSync(join(root, `resources/tray/tray-${state}Template@2x.png`)), state).toBe(true)
    }
    expect(config.extraResources).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'resources/tray', to: 'tray' })]))
  })
})
