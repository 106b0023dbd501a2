// What the SQL the adapters share needs to know of a database: how parameters are
// written, and the one comparison whose spelling differs.

export interface SqlDialect {
  /** The placeholder for the next parameter, given the parameters so far. */
  placeholder: (params: unknown[]) => string
  /** A case-sensitive prefix test of `column` against `prefix` (added to params). */
  startsWith: (column: string, params: unknown[], prefix: string) => string
}

/** Adds `value` to `params` and returns its placeholder. */
export function bind (dialect: SqlDialect, params: unknown[], value: unknown): string {
  const placeholder = dialect.placeholder(params)
  params.push(value)
  return placeholder
}
