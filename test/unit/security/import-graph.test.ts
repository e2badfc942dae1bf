/**
 * Promise 5, the process-boundary half, over the real import graph of the
 * source (complements the no-restricted-imports rules in eslint.config.js,
 * which see one file at a time — this follows imports transitively):
 *
 * - only electron/main and electron/preload import 'electron';
 * - only electron/core/vault/keytar-store.ts imports 'keytar';
 * - nothing the page (src/**) reaches is in electron/core|main|preload|simulator|loopback,
 *   and the page imports no Node built-in;
 * - nothing electron/core or electron/shared reaches imports 'electron';
 * - the sandboxed preload reaches only 'electron' and the zod-free name list.
 */
import { existsSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importsOf, ROOT, sourceFiles, type SourceFile } from './source-files'

const files = [...sourceFiles('electron'), ...sourceFiles('src')]
const byAbs = new Map(files.map((f) => [f.abs, f]))

const isBare = (spec: string) => !spec.startsWith('.') && !spec.startsWith('/')
const bareName = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!)

/** A relative specifier → the file it names (bundler resolution: no extension, or a folder's index). */
function resolve(from: SourceFile, spec: string): string | null {
  const base = join(dirname(from.abs), spec.split('?')[0]!)
  for (const c of [base, `${base}.ts`, `${base}.vue`, `${base}.d.ts`, join(base, 'index.ts')]) {
    if (byAbs.has(c)) return c
  }
  return existsSync(base) ? base : null
}

interface Edge {
  from: string
  spec: string
  /** Repo-relative file for a relative import; null for a bare module. */
  to: string | null
}

function edgesOf(f: SourceFile, types: boolean): Edge[] {
  return importsOf(f.text, { types }).map((spec) => {
    if (isBare(spec)) return { from: f.rel, spec, to: null }
    const target = resolve(f, spec)
    return { from: f.rel, spec, to: target ? relative(ROOT, target).split('\\').join('/') : `UNRESOLVED:${spec}` }
  })
}

const edges = files.flatMap((f) => edgesOf(f, true))
/** What is really loaded at run time (type-only imports are erased). */
const runtimeEdges = files.flatMap((f) => edgesOf(f, false))

/** Every file reachable from `starts` through relative imports, and every bare module they import (with who imports it). */
function reach(starts: string[], graph: Edge[] = edges): { files: Set<string>; modules: Map<string, string> } {
  const seen = new Set<string>()
  const modules = new Map<string, string>()
  const queue = [...starts]
  while (queue.length > 0) {
    const rel = queue.pop()!
    if (seen.has(rel)) continue
    seen.add(rel)
    for (const e of graph.filter((x) => x.from === rel)) {
      if (e.to === null) modules.set(bareName(e.spec), modules.get(bareName(e.spec)) ?? e.from)
      else if (!e.to.startsWith('UNRESOLVED:')) queue.push(e.to)
    }
  }
  return { files: seen, modules }
}

const under = (prefix: string) => files.filter((f) => f.rel.startsWith(prefix)).map((f) => f.rel)

describe('import graph', () => {
  it('parsed real imports (the graph is not empty, relative imports resolve)', () => {
    expect(files.length).toBeGreaterThan(150)
    expect(edges.length).toBeGreaterThan(500)
    expect(edges.filter((e) => e.to?.startsWith('UNRESOLVED:'))).toEqual([])
    expect(edges).toContainEqual({ from: 'electron/core/vault/keytar-store.ts', spec: 'keytar', to: null })
    expect(edges.some((e) => e.from === 'electron/preload/index.ts' && e.spec === 'electron')).toBe(true)
  })

  it("only electron/main and electron/preload import 'electron'", () => {
    const importers = edges.filter((e) => e.to === null && bareName(e.spec) === 'electron').map((e) => e.from)
    expect(importers.length).toBeGreaterThan(0)
    expect(importers.filter((f) => !f.startsWith('electron/main/') && !f.startsWith('electron/preload/'))).toEqual([])
  })

  it("only electron/core/vault/keytar-store.ts imports 'keytar'", () => {
    const importers = [...new Set(edges.filter((e) => e.to === null && bareName(e.spec) === 'keytar').map((e) => e.from))]
    expect(importers).toEqual(['electron/core/vault/keytar-store.ts'])
  })

  it('the page reaches only src/ and electron/shared/, and no Node built-in', () => {
    const page = reach(under('src/'))
    const outside = [...page.files].filter((f) => !f.startsWith('src/') && !f.startsWith('electron/shared/'))
    expect(outside).toEqual([])
    expect([...page.files].some((f) => f.startsWith('electron/shared/'))).toBe(true)
    const forbidden = [...page.modules].filter(([m]) => m === 'electron' || m === 'keytar' || m === 'better-sqlite3' || m.startsWith('node:') || ['fs', 'path', 'child_process', 'crypto', 'os', 'net', 'http', 'https', 'ws'].includes(m))
    expect(forbidden).toEqual([])
  })

  it("nothing electron/core, electron/shared, electron/loopback or electron/simulator reaches imports 'electron'", () => {
    for (const dir of ['electron/core/', 'electron/shared/', 'electron/loopback/', 'electron/simulator/']) {
      const r = reach(under(dir))
      expect(r.modules.has('electron') ? `${dir}: via ${r.modules.get('electron')}` : null).toBeNull()
    }
  })

  it('electron/shared imports nothing from core, main, preload, loopback or simulator', () => {
    const r = reach(under('electron/shared/'))
    expect([...r.files].filter((f) => !f.startsWith('electron/shared/'))).toEqual([])
  })

  it("the sandboxed preload reaches only 'electron', the zod-free contract names and the resources' descriptors", () => {
    const r = reach(['electron/preload/index.ts'], runtimeEdges)
    // (with type imports it does name contract.ts, for the compile-time completeness check)
    expect(reach(['electron/preload/index.ts']).files.has('electron/shared/contract.ts')).toBe(true)
    // The write and get names come from the descriptors (shared/resources.ts), which import nothing at run time.
    expect([...r.files].sort()).toEqual(['electron/preload/index.ts', 'electron/shared/contract-names.ts', 'electron/shared/resources.ts'])
    expect([...r.modules.keys()]).toEqual(['electron'])
  })
})
