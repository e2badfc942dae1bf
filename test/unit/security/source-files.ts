/** The project's own source files, read once, for the static security checks. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url))

export interface SourceFile {
  /** Repo-relative, forward slashes: `electron/core/errors.ts`. */
  rel: string
  abs: string
  text: string
}

const SKIP = new Set(['node_modules', 'out', 'dist', 'release'])

export function sourceFiles(dir: string, exts = ['.ts', '.vue', '.js', '.mjs', '.cjs']): SourceFile[] {
  const base = join(ROOT, dir)
  if (!existsSync(base)) return []
  const out: SourceFile[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (SKIP.has(name)) continue
      const abs = join(d, name)
      if (statSync(abs).isDirectory()) walk(abs)
      else if (exts.some((e) => name.endsWith(e))) out.push({ abs, rel: relative(ROOT, abs).split('\\').join('/'), text: readFileSync(abs, 'utf8') })
    }
  }
  walk(base)
  return out
}

/** Comments removed (line and block), so a comment that NAMES a setting is not mistaken for using it. */
export function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
}

/**
 * Every module specifier a file imports: static `import … from`, side-effect
 * `import '…'`, `export … from`, dynamic `import('…')`, `require('…')` — type-only
 * imports included (they still tie a file to a module in a reader's mind and in ESLint).
 */
export function importsOf(code: string, opts: { types?: boolean } = {}): string[] {
  let src = withoutComments(code)
  // `import type …` / `export type … from` are erased at build time: not a run-time edge.
  if (opts.types === false) src = src.replace(/^[ \t]*(?:import|export)\s+type\s+[^'"`;]*?\bfrom\s*['"][^'"]+['"]/gm, ' ')
  const out: string[] = []
  // Static forms only at the start of a statement (a string like 'profiles:import' is not an import).
  const patterns = [
    /^[ \t]*import\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^[ \t]*import\s*['"]([^'"]+)['"]/gm,
    /^[ \t]*export\s+(?:type\s+)?(?:\*|\{[^}]*\})\s*(?:as\s+\w+\s*)?from\s*['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ]
  for (const re of patterns) for (const m of src.matchAll(re)) out.push(m[1]!)
  return out
}
