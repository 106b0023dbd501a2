// @ts-check
// A V8 CPU profile (.cpuprofile, as BENCH_PROFILE writes to bench/profiles/) summed up in
// the terminal: the functions with the most self time, and the time by package (the
// node_modules package, taskd's own src, Node's internals), each as a share of the
// samples that were not idle.
//   node bench/profile-summary.mjs bench/profiles/<file>.cpuprofile [top=30]
//   PROFILE_HOLDS=<n> also prints the n longest runs of samples with no idle one between
//   them (event-loop holds) and the functions each spent its time in.
//   PROFILE_INCLUSIVE=<substring> also prints the inclusive time of the functions whose
//   name or url contains it (a plugin's hook, say), callees included.
import { readFileSync } from 'node:fs'

/**
 * @typedef {object} ProfileNode
 * @property {number} id
 * @property {{ functionName: string, url: string, lineNumber: number }} callFrame
 * @property {number[]} [children]
 */

const [file, topArg] = process.argv.slice(2)
if (file === undefined) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [top]')
  process.exit(2)
}
const top = Number(topArg ?? 30)
const profile = /** @type {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[] }} */ (JSON.parse(readFileSync(file, 'utf8')))
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
/** @type {Map<number, number>} */
const parent = new Map()
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)

/** @type {Map<number, number>} */
const selfUs = new Map()
profile.samples.forEach((id, index) => { selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)) })

/** @param {ProfileNode} node */
const isIdle = (node) => node.callFrame.functionName === '(idle)'
/** @param {ProfileNode} node */
function packageOf (node) {
  const url = node.callFrame.url
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (modules !== null) return modules[1] ?? url
  if (url.includes('/dist/') || url.includes('/src/')) return 'taskd'
  if (url.startsWith('node:')) return 'node'
  if (url === '') return node.callFrame.functionName.startsWith('(') ? node.callFrame.functionName : 'native'
  return url.replace(/^.*\//, '')
}
/** @param {ProfileNode} node */
const label = (node) => `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist|src)\//, '$1/')}:${node.callFrame.lineNumber + 1}`

let total = 0
let idle = 0
for (const [id, us] of selfUs) {
  total += us
  if (isIdle(/** @type {ProfileNode} */ (byId.get(id)))) idle += us
}
const busy = total - idle
const share = (/** @type {number} */ us) => `${(100 * us / busy).toFixed(1)}%`.padStart(6)
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(100 * idle / total).toFixed(0)}% idle; shares below are of the ${(busy / 1e6).toFixed(1)} s not idle`)

/** @type {Map<string, number>} */
const byFunction = new Map()
/** @type {Map<string, number>} */
const byPackage = new Map()
for (const [id, us] of selfUs) {
  const node = /** @type {ProfileNode} */ (byId.get(id))
  if (isIdle(node)) continue
  byFunction.set(label(node), (byFunction.get(label(node)) ?? 0) + us)
  byPackage.set(packageOf(node), (byPackage.get(packageOf(node)) ?? 0) + us)
}
console.log('\nself time by package')
for (const [name, us] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${share(us)}  ${name}`)
console.log(`\nself time by function (top ${top})`)
for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${share(us)}  ${name}`)

const inclusive = process.env.PROFILE_INCLUSIVE
if (inclusive !== undefined) {
  // A sample counts once for each matching function on its stack, however deep the recursion.
  /** @type {Map<string, number>} */
  const byMatch = new Map()
  for (const [id, us] of selfUs) {
    const seen = new Set()
    for (let at = /** @type {number | undefined} */ (id); at !== undefined; at = parent.get(at)) {
      const node = /** @type {ProfileNode} */ (byId.get(at))
      const name = label(node)
      if (!name.includes(inclusive) || seen.has(name)) continue
      seen.add(name)
      byMatch.set(name, (byMatch.get(name) ?? 0) + us)
    }
  }
  console.log(`\ninclusive time of functions matching '${inclusive}'`)
  for (const [name, us] of [...byMatch].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${share(us)}  ${name}`)
}

if (process.env.PROFILE_HOLDS !== undefined) {
  // A hold of the event loop: samples in a row none of which is idle. Under load two
  // tasks can follow each other without an idle sample between them, so a stretch is an
  // upper bound on one task's hold; its functions say whose it was.
  /** @type {Array<{ us: number, samples: Array<[number, number]> }>} */
  const stretches = []
  /** @type {{ us: number, samples: Array<[number, number]> }} */
  let current = { us: 0, samples: [] }
  profile.samples.forEach((id, index) => {
    const us = profile.timeDeltas[index + 1] ?? 0
    if (isIdle(/** @type {ProfileNode} */ (byId.get(id)))) {
      if (current.us > 0) stretches.push(current)
      current = { us: 0, samples: [] }
      return
    }
    current.us += us
    current.samples.push([id, us])
  })
  if (current.us > 0) stretches.push(current)
  const longest = stretches.sort((a, b) => b.us - a.us).slice(0, Number(process.env.PROFILE_HOLDS) || 3)
  for (const stretch of longest) {
    console.log(`\nhold of ${(stretch.us / 1000).toFixed(1)} ms: its functions by self time`)
    /** @type {Map<string, number>} */
    const inStretch = new Map()
    for (const [id, us] of stretch.samples) {
      const name = label(/** @type {ProfileNode} */ (byId.get(id)))
      inStretch.set(name, (inStretch.get(name) ?? 0) + us)
    }
    for (const [name, us] of [...inStretch].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${(us / 1000).toFixed(1).padStart(7)} ms  ${name}`)
  }
}
