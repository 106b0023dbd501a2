// The media type of a Content-Type header, without its parameters, in lower case
// (RFC 9110 §8.3.1: type and subtype are case-insensitive).
export function mediaTypeOf (header: string | undefined): string | undefined {
  return header?.split(';', 1)[0]?.trim().toLowerCase()
}
