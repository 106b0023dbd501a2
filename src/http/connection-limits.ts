// How many connections the server keeps open: in all (Node's maxConnections), and from
// one client address, so that one host opening connections and holding them cannot use
// up the file descriptors every other client needs. Past either, a new connection is
// closed as soon as it is accepted.
import type { Server } from 'node:http'

export interface ConnectionLimits {
  maxConnections: number
  /** 0: no limit per address (behind a proxy, every connection comes from the proxy). */
  maxConnectionsPerAddress: number
}

export function limitConnections (server: Server, { maxConnections, maxConnectionsPerAddress }: ConnectionLimits): void {
  server.maxConnections = maxConnections
  if (maxConnectionsPerAddress === 0) return
  // One entry per address with a connection open: bounded by maxConnections.
  const open = new Map<string, number>()
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? ''
    const count = (open.get(address) ?? 0) + 1
    if (count > maxConnectionsPerAddress) {
      socket.destroy()
      return
    }
    open.set(address, count)
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1
      if (left === 0) open.delete(address)
      else open.set(address, left)
    })
  })
}
