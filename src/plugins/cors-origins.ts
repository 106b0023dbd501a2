// CORS for the origins CORS_ORIGINS lists ('*' for any), with the headers a browser
// client must be able to read.
import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

async function corsOrigins (app: FastifyInstance, { origins }: { origins: readonly string[] }): Promise<void> {
  await app.register(cors, {
    origin: origins.includes('*') ? true : [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposedHeaders: ['Location', 'ETag', 'X-Total-Count', 'X-Request-Id', 'Retry-After', 'Accept-Patch', 'WWW-Authenticate', 'X-Change-Sequence']
  })
}

export default fp(corsOrigins, { name: 'taskd-cors-origins', fastify: '5.x' })
