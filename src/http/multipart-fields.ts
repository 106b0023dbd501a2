// The fields of a multipart form become the body, as @fastify/multipart's 'keyValues'
// would make them (a repeated field, a list), except that a form busboy cannot read (no
// boundary, cut short) is the client's fault, a 400, where the plugin would let it be a 500.
import type { FastifyRequest } from 'fastify'
import { MalformedFormError } from '../errors.js'

export async function readMultipartFields (request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return
  const body: Record<string, string | string[]> = {}
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        await part.toBuffer()
        continue
      }
      const value = String(part.value)
      const earlier = body[part.fieldname]
      body[part.fieldname] = earlier === undefined ? value : [earlier, value].flat()
    }
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== undefined) throw error
    throw new MalformedFormError((error as Error).message)
  }
  request.body = body
}
