/**
 * Serves the built renderer (out/renderer) and nothing outside it: the path is
 * decoded, resolved and checked to stay inside the folder, and symlinks are
 * followed before the check (`..%2f`, `%2e%2e`, absolute paths, NUL bytes and
 * links out of the folder are all refused).
 */
import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, resolve, sep } from 'node:path'

/** By file extension; the app:// protocol (main/app-protocol.ts) serves the same types. */
export const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
}

export type StaticLookup =
  | { kind: 'file'; file: string; size: number; contentType: string }
  | { kind: 'refused' } // outside the folder: 403
  | { kind: 'missing' } // 404
  | { kind: 'bad' } // undecodable: 400

function inside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep)
}

/** The two file-system calls a lookup makes (app:// passes the callback forms, which ASAR patches). */
export interface LookupFs {
  realpath(path: string): Promise<string>
  stat(path: string): Promise<{ isFile(): boolean; size: number }>
}

/** Maps a URL pathname (still percent-encoded) to a file under `root`; the loopback host and app:// both serve through it. */
export async function lookupStatic(root: string, pathname: string, fs: LookupFs = { realpath, stat }): Promise<StaticLookup> {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return { kind: 'bad' }
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'refused' }
  // The page is a single document at '/': the UI routes with the hash (as it must under file://).
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '')
  const rootReal = await fs.realpath(root).catch(() => resolve(root))
  const candidate = resolve(rootReal, relative)
  if (!inside(rootReal, candidate)) return { kind: 'refused' }
  let real: string
  try {
    real = await fs.realpath(candidate)
  } catch {
    return { kind: 'missing' }
  }
  // A symlink inside the folder that points out of it.
  if (!inside(rootReal, real)) return { kind: 'refused' }
  const info = await fs.stat(real).catch(() => null)
  if (!info?.isFile()) return { kind: 'missing' }
  return {
    kind: 'file',
    file: real,
    size: info.size,
    contentType: MIME[extname(real).toLowerCase()] ?? 'application/octet-stream',
  }
}

export function sendFile(res: ServerResponse, found: Extract<StaticLookup, { kind: 'file' }>, headOnly: boolean): void {
  res.statusCode = 200
  res.setHeader('Content-Type', found.contentType)
  res.setHeader('Content-Length', String(found.size))
  // Vite's hashed assets never change; the page itself must always be fresh (it names the current assets).
  res.setHeader('Cache-Control', found.file.endsWith('.html') ? 'no-store' : 'private, max-age=31536000, immutable')
  if (headOnly) {
    res.end()
    return
  }
  const stream = createReadStream(found.file)
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}
