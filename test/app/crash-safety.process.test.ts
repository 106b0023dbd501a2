// A server killed with SIGKILL in the middle of a write stream, then started again on
// the same store: every write acknowledged before the kill is there, nothing that was
// never sent is, and the store opens cleanly. Three kills per store.
import { mkdirSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { postgresUrl } from '../helpers/postgres.js'
import { processStores } from '../helpers/process-stores.js'
import { exited, startServer } from '../helpers/server-process.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'

const KILLS = 3
const WRITERS = 16
const storeFor = processStores()
afterAll(async () => { await storeFor.remove() })

interface WriteRecord { created: Set<string>, appended: Map<string, Set<string>>, sent: Set<string> }

// Writes until the server stops answering: creates, and appends to the documents it
// created, each recorded as acknowledged only once its 2xx has arrived.
async function writeUntilKilled (url: string, writer: number, record: WriteRecord): Promise<void> {
  let own: string | undefined
  for (let sequence = 0; ; sequence++) {
    try {
      if (own === undefined || sequence % 5 === 0) {
        const response = await fetch(`${url}/task-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...CREATE_BODY, uniqueName: `w${writer}-${sequence}` }) })
        if (response.status !== 201) throw new Error(`create answered ${response.status}`)
        own = (await response.json() as { id: string }).id
        record.created.add(own)
      } else {
        const tag = `w${writer}-${sequence}`
        record.sent.add(tag)
        const response = await fetch(`${url}/task-status/${own}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json-patch+json' },
          body: JSON.stringify([{ op: 'add', path: '/messages/-', value: { key: 'crash', type: 'INFO', parameters: [], localizedText: { locale: 'en-US', message: tag } } }])
        })
        if (response.status !== 200) throw new Error(`append answered ${response.status}`)
        let tags = record.appended.get(own)
        if (tags === undefined) record.appended.set(own, tags = new Set())
        tags.add(tag)
      }
    } catch (error) {
      // The kill: a refused or reset connection ends this writer; anything else is a failure.
      if (error instanceof TypeError) return
      throw error
    }
  }
}

const stores = [
  ['a SQLite file', storeFor.sqlite, false],
  ['PostgreSQL', storeFor.postgres, postgresUrl === null]
] as const

describe.each(stores)('a server killed with SIGKILL over %s', (name, storeEnv, skip) => {
  it.skipIf(skip)('keeps every write acknowledged before each kill, and restarts cleanly', async () => {
    const store = await storeEnv()
    const env = { ...store, RATE_LIMIT_MAX: '1000000000', LOG_LEVEL: 'warn' }
    const record: WriteRecord = { created: new Set(), appended: new Map(), sent: new Set() }
    for (let kill = 0; kill < KILLS; kill++) {
      const server = await startServer(env)
      const writers = Array.from({ length: WRITERS }, async (_, writer) => { await writeUntilKilled(server.url, kill * WRITERS + writer, record) })
      // Kill once writes are flowing, at a moment the writers do not choose.
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(Math.random() * 400)))
      const exit = exited(server.child)
      server.child.kill('SIGKILL')
      expect((await exit).signal).toBe('SIGKILL')
      await Promise.all(writers)
    }

    const server = await startServer(env)
    try {
      expect((await fetch(`${server.url}/ready`)).status).toBe(200)
      for (const id of record.created) {
        const response = await fetch(`${server.url}/task-status/${id}`)
        expect(response.status, `acknowledged create ${id}`).toBe(200)
        const { messages } = await response.json() as { messages: Array<{ localizedText: { message: string } }> }
        const stored = messages.map((message) => message.localizedText.message)
        for (const tag of record.appended.get(id) ?? []) expect(stored, `acknowledged append ${tag}`).toContain(tag)
        for (const tag of stored) expect(record.sent.has(tag), `stored append ${tag} was sent`).toBe(true)
      }
      const acknowledged = record.created.size + [...record.appended.values()].reduce((sum, tags) => sum + tags.size, 0)
      expect(acknowledged).toBeGreaterThan(KILLS * WRITERS)
      mkdirSync('test-results', { recursive: true })
      writeFileSync(`test-results/crash-safety-${name === 'PostgreSQL' ? 'postgres' : 'sqlite'}.json`, `${JSON.stringify({ kills: KILLS, writers: WRITERS, acknowledgedWrites: acknowledged, sentAppends: record.sent.size }, null, 2)}\n`)
    } finally {
      expect((await server.stop()).code).toBe(0)
    }
    if (name === 'a SQLite file') {
      const db = new Database(String(store.STORE_URL).slice('sqlite:'.length), { readonly: true })
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      } finally {
        db.close()
      }
    }
  }, 60_000)
})
