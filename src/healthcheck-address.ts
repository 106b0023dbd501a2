// Where a local client reaches a server bound to a host: a wildcard bind is reached
// through loopback. Kept apart from healthcheck.ts, which runs the check when loaded.

export function localAddress (host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}
