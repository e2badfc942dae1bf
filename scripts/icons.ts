/**
 * Renders every icon the app ships from the SVG sources in resources/:
 *
 *   resources/icon.svg            → icon.png (1024), icons/<n>x<n>.png (Linux; electron-builder
 *                                   linux.icon), icon.ico (Windows, 16–256), icon.icns (macOS)
 *   resources/tray/tray-<s>.svg   → tray-<s>.png 16 (+@2x), tray-<s>-22/-24/-32.png (+@2x),
 *                                   tray-<s>.ico (16–48) for Linux and Windows
 *   resources/tray/tray-<s>Template.svg → tray-<s>Template.png 16 (+@2x) for the macOS menu bar
 *
 * Run: `npm run icons` (node --import tsx scripts/icons.ts). Deterministic: the
 * same sources give the same bytes (no timestamps, fixed PNG settings, fixed
 * order), so regenerated files only show in a diff when the art changed.
 * Every size is rasterised from the vector at that size (not scaled down from
 * a big bitmap), which keeps 16 px glyphs sharp.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import pngToIco from 'png-to-ico'
import sharp from 'sharp'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const RES = join(ROOT, 'resources')
const TRAY = join(RES, 'tray')

export const APP_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
/** ICNS entry types holding PNG data, and their pixel sizes (@2x types are the Retina variants). */
export const ICNS_ENTRIES: readonly (readonly [string, number])[] = [
  ['ic11', 32], // 16@2x
  ['ic12', 64], // 32@2x
  ['ic07', 128],
  ['ic13', 256], // 128@2x
  ['ic08', 256],
  ['ic14', 512], // 256@2x
  ['ic09', 512],
  ['ic10', 1024], // 512@2x
]
export const TRAY_STATES = ['ok', 'low', 'critical', 'offline'] as const
/** Linux hosts draw 16–32 px; 24 is what the app loads (tray-menu.ts), the others are for packagers/themes. */
export const TRAY_SIZES = [16, 22, 24, 32]
export const TRAY_ICO_SIZES = [16, 20, 24, 32, 40, 48]

/** Rasterise an SVG at exactly `size`×`size`. */
export async function renderSvg(svg: Buffer, size: number): Promise<Buffer> {
  const intrinsic = Number(/<svg[^>]*\swidth="(\d+(?:\.\d+)?)"/.exec(svg.toString('utf8'))?.[1] ?? 0)
  if (!(intrinsic > 0)) throw new Error('The SVG needs a numeric width attribute')
  return sharp(svg, { density: (72 * size) / intrinsic })
    .resize(size, size, { fit: 'fill' })
    .png({ compressionLevel: 9, adaptiveFiltering: false, palette: false })
    .toBuffer()
}

/** An Apple ICNS container: 'icns' + total length, then (type, length incl. 8-byte header, PNG) entries. */
export function buildIcns(entries: readonly { type: string; png: Buffer }[]): Buffer {
  const parts = entries.map(({ type, png }) => {
    if (!/^[\x20-\x7e]{4}$/.test(type)) throw new Error(`bad ICNS type ${type}`)
    const head = Buffer.alloc(8)
    head.write(type, 0, 'latin1')
    head.writeUInt32BE(8 + png.length, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'latin1')
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4)
  return Buffer.concat([head, ...parts])
}

/** Reads an ICNS back: [type, PNG width] per entry (used by the tests). */
export function readIcns(buf: Buffer): { type: string; width: number }[] {
  if (buf.toString('latin1', 0, 4) !== 'icns' || buf.readUInt32BE(4) !== buf.length) throw new Error('not an ICNS file')
  const out: { type: string; width: number }[] = []
  for (let at = 8; at < buf.length;) {
    const len = buf.readUInt32BE(at + 4)
    // PNG IHDR width sits 16 bytes into the PNG data.
    out.push({ type: buf.toString('latin1', at, at + 4), width: buf.readUInt32BE(at + 8 + 16) })
    at += len
  }
  return out
}

async function write(file: string, data: Buffer, written: string[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, data)
  written.push(file.slice(ROOT.length + 1))
}

async function appIcons(written: string[]): Promise<void> {
  const svg = await readFile(join(RES, 'icon.svg'))
  const bySize = new Map<number, Buffer>()
  for (const size of new Set([...APP_SIZES, ...ICO_SIZES, ...ICNS_ENTRIES.map(([, s]) => s)]))
    bySize.set(size, await renderSvg(svg, size))
  const at = (n: number) => bySize.get(n)!
  await write(join(RES, 'icon.png'), at(1024), written)
  for (const n of APP_SIZES) await write(join(RES, 'icons', `${n}x${n}.png`), at(n), written)
  await write(join(RES, 'icon.ico'), await pngToIco(ICO_SIZES.map(at)), written)
  await write(join(RES, 'icon.icns'), buildIcns(ICNS_ENTRIES.map(([type, n]) => ({ type, png: at(n) }))), written)
}

async function trayIcons(written: string[]): Promise<void> {
  for (const state of TRAY_STATES) {
    const colour = await readFile(join(TRAY, `tray-${state}.svg`))
    const template = await readFile(join(TRAY, `tray-${state}Template.svg`))
    await write(join(TRAY, `tray-${state}.png`), await renderSvg(colour, 16), written)
    await write(join(TRAY, `tray-${state}@2x.png`), await renderSvg(colour, 32), written)
    for (const n of TRAY_SIZES) {
      await write(join(TRAY, `tray-${state}-${n}.png`), await renderSvg(colour, n), written)
      await write(join(TRAY, `tray-${state}-${n}@2x.png`), await renderSvg(colour, n * 2), written)
    }
    const icoPngs: Buffer[] = []
    for (const n of TRAY_ICO_SIZES) icoPngs.push(await renderSvg(colour, n))
    await write(join(TRAY, `tray-${state}.ico`), await pngToIco(icoPngs), written)
    await write(join(TRAY, `tray-${state}Template.png`), await renderSvg(template, 16), written)
    await write(join(TRAY, `tray-${state}Template@2x.png`), await renderSvg(template, 32), written)
  }
}

export async function generateIcons(): Promise<string[]> {
  const written: string[] = []
  await appIcons(written)
  await trayIcons(written)
  return written
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const written = await generateIcons()
  console.log(`icons: wrote ${written.length} files under resources/`)
}
