// A document's field as the text column beside it holds it, the same in both stores:
// what SQLite's json_extract and PostgreSQL's `->>` read from the document's text.

/** A string as it is, null when absent or null, any other value as its JSON text. */
export function textField (value: unknown): string | null {
  if (value === undefined || value === null) return null
  return typeof value === 'string' ? value : JSON.stringify(value)
}
