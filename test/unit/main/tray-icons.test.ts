/**
 * The generated icons (scripts/icons.ts → resources/): every file the tray and
 * the packager ask for exists, has the right size, and is what the sources
 * render to today (a stale or hand-edited icon fails here).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { trayIconPath } from '../../../electron/main/tray-menu'
import {
  APP_SIZES,
  buildIcns,
  ICNS_ENTRIES,
  readIcns,
  renderSvg,
  TRAY_SIZES,
  TRAY_STATES,
} from '../../../scripts/icons'

const RES = new URL('../../../resources/', import.meta.url).pathname
const TRAY = join(RES, 'tray')

function pngSize(file: string): [number, number] {
  const b = readFileSync(file)
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG')
  return [b.readUInt32BE(16), b.readUInt32BE(20)]
}

describe('tray icons', () => {
  it.each(['darwin', 'win32', 'linux'])('every state has its %s icon', (platform) => {
    for (const state of TRAY_STATES)
      expect(existsSync(trayIconPath(state, platform, TRAY)), `${state} on ${platform}`).toBe(true)
  })

  it('PNG sizes: 16 and @2x 32 base, 22/24/32 (+@2x) for Linux, 16/@2x templates for macOS', () => {
    for (const s of TRAY_STATES) {
      expect(pngSize(join(TRAY, `tray-${s}.png`))).toEqual([16, 16])
      expect(pngSize(join(TRAY, `tray-${s}@2x.png`))).toEqual([32, 32])
      expect(pngSize(join(TRAY, `tray-${s}Template.png`))).toEqual([16, 16])
      expect(pngSize(join(TRAY, `tray-${s}Template@2x.png`))).toEqual([32, 32])
      for (const n of TRAY_SIZES) {
        expect(pngSize(join(TRAY, `tray-${s}-${n}.png`))).toEqual([n, n])
        expect(pngSize(join(TRAY, `tray-${s}-${n}@2x.png`))).toEqual([2 * n, 2 * n])
      }
    }
  })

  it('the .ico files hold 6 sizes', () => {
    for (const s of TRAY_STATES) {
      const ico = readFileSync(join(TRAY, `tray-${s}.ico`))
      expect(ico.readUInt16LE(2)).toBe(1) // icon
      expect(ico.readUInt16LE(4)).toBe(6)
    }
  })

  it('macOS templates are black on transparent (the menu bar tints them)', async () => {
    const { default: sharp } = await import('sharp')
    for (const s of TRAY_STATES) {
      const { data, info } = await sharp(join(TRAY, `tray-${s}Template@2x.png`))
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true })
      let opaque = 0
      for (let i = 0; i < data.length; i += info.channels) {
        if (data[i + 3]! > 0) {
          opaque++
          expect(Math.max(data[i]!, data[i + 1]!, data[i + 2]!), `${s} has a non-black pixel`).toBe(0)
        }
      }
      expect(opaque).toBeGreaterThan(100)
    }
  })

  it('the committed PNGs are what the SVG sources render to now', async () => {
    for (const s of TRAY_STATES) {
      const svg = readFileSync(join(TRAY, `tray-${s}.svg`))
      expect(
        (await renderSvg(svg, 24)).equals(readFileSync(join(TRAY, `tray-${s}-24.png`))),
        `tray-${s}-24.png is stale: npm run icons`,
      ).toBe(true)
    }
    const app = readFileSync(join(RES, 'icon.svg'))
    expect((await renderSvg(app, 64)).equals(readFileSync(join(RES, 'icons', '64x64.png')))).toBe(true)
  })
})

describe('app icons', () => {
  it('icon.png is 1024 and icons/<n>x<n>.png exist for electron-builder (Linux)', () => {
    expect(pngSize(join(RES, 'icon.png'))).toEqual([1024, 1024])
    for (const n of APP_SIZES) expect(pngSize(join(RES, 'icons', `${n}x${n}.png`))).toEqual([n, n])
  })

  it('icon.ico holds 16–256', () => {
    const ico = readFileSync(join(RES, 'icon.ico'))
    const count = ico.readUInt16LE(4)
    const widths = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256)
    expect(widths).toEqual([16, 24, 32, 48, 64, 128, 256])
  })

  it('icon.icns is a well-formed container with the Retina and standard entries', () => {
    const entries = readIcns(readFileSync(join(RES, 'icon.icns')))
    expect(entries).toEqual(ICNS_ENTRIES.map(([type, width]) => ({ type, width })))
  })

  it('buildIcns writes lengths that include the headers', () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 16, 0, 0, 0, 16,
    ])
    const icns = buildIcns([{ type: 'ic11', png }])
    expect(icns.toString('latin1', 0, 4)).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(8 + 8 + png.length)
    expect(icns.readUInt32BE(12)).toBe(8 + png.length)
    expect(readIcns(icns)).toEqual([{ type: 'ic11', width: 16 }])
    expect(() => buildIcns([{ type: 'toolong', png }])).toThrow()
  })
})
