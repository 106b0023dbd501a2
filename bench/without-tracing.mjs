// @ts-check
// `node --import ./bench/without-tracing.mjs dist/server.js`: taskd with its tracing code
// not loaded at all, the baseline of the tracing case (bench/tracing-cost.mjs). The hooks
// (bench/without-tracing-hooks.mjs) run in Node's loader thread, so they are registered
// from here and live in a file of their own.
import { register } from 'node:module'

register('./without-tracing-hooks.mjs', import.meta.url)
