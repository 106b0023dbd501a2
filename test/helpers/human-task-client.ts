import type { FastifyInstance, LightMyRequestResponse } from 'fastify'

export const HUMAN_TASK_BODY = {
  name: 'ApproveAccess',
  displayName: 'Approve access',
  namespace: 'http://example.com/approvals',
  type: 'approval',
  priority: 3,
  customProperties: { region: 'EMEA' }
}

export interface HumanTaskBody { tkiid: string, state: string, [field: string]: unknown }

export async function createHumanTaskOver (app: FastifyInstance, body: object = {}, prefix = ''): Promise<HumanTaskBody> {
  const response = await app.inject({ method: 'POST', url: `${prefix}/v1/task`, payload: { ...HUMAN_TASK_BODY, ...body } })
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`)
  return response.json()
}

export async function act (app: FastifyInstance, tkiid: string, action: string, payload?: object): Promise<LightMyRequestResponse> {
  return await app.inject({ method: 'PUT', url: `/v1/task/${tkiid}?action=${action}`, ...(payload !== undefined && { payload }) })
}

export async function bulkUpdate (app: FastifyInstance, payload: unknown, action = 'update'): Promise<LightMyRequestResponse> {
  return await app.inject({ method: 'PUT', url: `/v1/task?action=${action}`, payload: payload as object })
}
