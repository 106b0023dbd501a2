import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { CREATE_BODY } from './task-status-fixtures.js'

export async function createTaskStatusOver (app: FastifyInstance, body: object = {}): Promise<{ id: string, [field: string]: unknown }> {
  const response = await app.inject({ method: 'POST', url: '/task-status', payload: { ...CREATE_BODY, ...body } })
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`)
  return response.json()
}

export async function patchTaskStatus (app: FastifyInstance, id: string, patch: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return await app.inject({
    method: 'PATCH',
    url: `/task-status/${id}`,
    headers: { 'content-type': 'application/json-patch+json', ...headers },
    payload: JSON.stringify(patch)
  })
}

export async function mergePatchTaskStatus (app: FastifyInstance, id: string, patch: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return await app.inject({
    method: 'PATCH',
    url: `/task-status/${id}`,
    headers: { 'content-type': 'application/merge-patch+json', ...headers },
    payload: JSON.stringify(patch)
  })
}
