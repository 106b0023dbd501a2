import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url)
const dockerfileOptions = /^\s*NODE_OPTIONS=(\S+)/m.exec(readFileSync(new URL('Dockerfile', root), 'utf8'))?.[1]
const startScript = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> }).scripts.start

describe('the heap budget', () => {
  it('is set by the container image as a V8 old-space limit', () => {
    expect(dockerfileOptions).toMatch(/^--max-old-space-size=\d+$/)
  })

  it('is the same for npm start as for the container image', () => {
    expect(startScript).toBe(`node ${dockerfileOptions ?? ''} dist/server.js`)
  })
})
