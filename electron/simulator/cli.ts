/**
 * `npm run simulator -- --port 8080 --lines 10000 ...` — serves a simulated panel
 * until SIGINT/SIGTERM. Prints its own base URL and key: it is a local dev tool.
 * Bad flags → message + exit 2.
 */
import { CliError, USAGE, parseCliArgs } from './cliArgs'
import { startSimulator } from './index'

async function main(): Promise<void> {
  let parsed
  try {
    parsed = parseCliArgs(process.argv.slice(2))
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`simulator: ${err.message}\n${USAGE}\n`)
      process.exit(2)
    }
    throw err
  }
  if (parsed.help) {
    process.stdout.write(USAGE + '\n')
    return
  }
  const started = Date.now()
  const sim = await startSimulator(parsed.options)
  const s = sim.state
  process.stdout.write(
    [
      `XM reseller API simulator listening (seeded in ${Date.now() - started} ms)`,
      `  base URL : ${sim.baseUrl}`,
      `  api key  : ${sim.apiKey}`,
      `  reseller : ${s.users.get(s.resellerId)?.username ?? '?'} (credits ${sim.credits()})`,
      `  data     : ${s.lines.size} line rows, ${s.mags.size} MAG, ${s.enigmas.size} Enigma2, ${s.activecodes.size} activecodes, ${s.users.size} users`,
      `  try      : curl "${sim.baseUrl}?api_key=${sim.apiKey}&action=user_info"`,
      '',
    ].join('\n'),
  )
  let closing = false
  const shutdown = (signal: string): void => {
    if (closing) return
    closing = true
    process.stdout.write(`simulator: ${signal}, closing\n`)
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

main().catch((err: unknown) => {
  process.stderr.write(`simulator: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
