// One place where errors become responses. Each API family passes its body shape;
// the mapping from error to status and message, and the logging, are shared.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { toHttpProblem, type HttpProblem } from '../http/http-problem.js'

/** The error body of a family; `url` is the request's, for shapes that depend on where it went. */
export type ErrorBodyShape = (problem: HttpProblem, trackingId: string, url: string) => unknown

// 503s taskd answers by design, shedding load it chose not to take: refusals, not faults.
const SHED_LOAD = new Set(['TASKD_SHUTTING_DOWN', 'TASKD_WATCH_STREAMS_EXHAUSTED'])

/** Answers `error` in `shape`, logging it as a refusal (4xx, shed load) or a failure (5xx). */
export async function sendProblem (error: FastifyError, request: FastifyRequest, reply: FastifyReply, shape: ErrorBodyShape): Promise<FastifyReply> {
  const problem = toHttpProblem(error)
  if (problem.statusCode >= 500 && !SHED_LOAD.has(error.code)) request.log.error({ err: error }, 'request failed')
  else request.log.info({ statusCode: problem.statusCode, code: problem.code, reason: error.message }, 'request refused')
  return await reply.code(problem.statusCode).type('application/json; charset=utf-8').send(shape(problem, request.id, request.url))
}

/** Errors raised by the routes of `app`'s context answer in `shape`. */
export function setFamilyErrorHandler (app: FastifyInstance, shape: ErrorBodyShape): void {
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => await sendProblem(error, request, reply, shape))
}
