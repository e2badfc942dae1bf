/**
 * `npm run bench`: runs every benchmark in its own Node process (so one bench's
 * heap or open sockets cannot skew the next) and passes their output through.
 * Each bench prints one JSON line per figure: {"name","value","unit","target"?}.
 * At the end, a table of every figure against its target.
 *
 *   npm run bench                 # all
 *   npm run bench -- api sync     # only benches whose file name contains a word
 */
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

interface Figure {
  name: string
  value: number
  unit: string
  target?: number
}

const here = dirname(fileURLToPath(import.meta.url))
const filters = process.argv.slice(2)
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort()

function runOne(file: string): Promise<Figure[]> {
  return new Promise((resolve) => {
    const figures: Figure[] = []
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, file)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, XM_BENCH_MAIN: '1' },
    })
    let buf = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8')
      let nl: number
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl)
        buf = buf.slice(nl + 1)
        process.stdout.write(line + '\n')
        try {
          const f = JSON.parse(line) as Figure
          if (typeof f.name === 'string' && typeof f.value === 'number') figures.push(f)
        } catch {
          /* a progress line, not a figure */
        }
      }
    })
    child.on('close', (code) => {
      if (code !== 0) console.error(`bench ${file} exited with ${code}`)
      resolve(figures)
    })
  })
}

const all: Figure[] = []
for (const file of benches) {
  console.error(`\n== ${file}`)
  all.push(...(await runOne(file)))
}

console.error('\nfigure'.padEnd(46) + 'value'.padStart(14) + '  unit'.padEnd(10) + 'target')
for (const f of all) {
  const verdict =
    f.target === undefined ? '' : (f.unit.includes('/s') ? f.value >= f.target : f.value <= f.target) ? 'met' : 'MISSED'
  console.error(
    f.name.padEnd(45) + String(Math.round(f.value * 100) / 100).padStart(14) + '  ' + f.unit.padEnd(8) +
      (f.target === undefined ? '' : `${f.target} ${verdict}`),
  )
}
