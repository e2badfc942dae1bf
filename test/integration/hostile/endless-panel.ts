/**
 * A raw node:http "panel" that never stops answering: a JSON success envelope whose
 * row array goes on for ever (or until `budgetBytes`, so a broken client cannot eat
 * the test machine). It honours back-pressure, so it streams as fast as the client reads.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface EndlessPanel {
  port: number
  /** Bytes written to clients so far. */
  sent(): number
  close(): Promise<void>
}

const ROW = Buffer.from(`{"id":1,"username":"u","password":"p","notes":"${'x'.repeat(4000)}"},`)

export async function startEndlessPanel(budgetBytes = 300 * 1024 * 1024): Promise<EndlessPanel> {
  let sent = 0
  const chunk = Buffer.concat(Array.from({ length: 16 }, () => ROW))
  const server: Server = createServer((req, res) => {
    req.resume()
    res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' })
    res.write('{"status":"STATUS_SUCCESS","recordsTotal":1,"data":[')
    let own = 0
    const pump = () => {
      while (!res.destroyed && own < budgetBytes) {
        own += chunk.length
        sent += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      if (!res.destroyed) res.end('{"id":2}]}')
    }
    pump()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    sent: () => sent,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
