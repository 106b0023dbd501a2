// Who is calling. Until credentials are configured every caller is the same
// principal; the human task's originator and a claim's owner come from here.
import type { FastifyRequest } from 'fastify'

export const ANONYMOUS = 'anonymous'

export function principalOf (_request: FastifyRequest): string {
  return ANONYMOUS
}
