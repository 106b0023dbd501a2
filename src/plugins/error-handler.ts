// One place where errors become responses. Each API family passes its body shape;
// the mapping from error to status and message, and the logging, are shared.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { toHttpProblem, type HttpProblem } from '../http/http-problem.js'

export type ErrorBodyShape = (problem: HttpProblem, trackingId: string) => unknown

/** Errors raised by the routes of `app`'s context answer in `shape`. */
export function setFamilyErrorHandler (app: FastifyInstance, shape: ErrorBodyShape): void {
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const problem = toHttpProblem(error)
    if (problem.statusCode >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.info({ statusCode: problem.statusCode, code: problem.code, reason: error.message }, 'request refused')
    return await reply.code(problem.statusCode).type('application/json; charset=utf-8').send(shape(problem, request.id))
  })
}
