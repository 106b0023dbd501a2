// ISO 8601 durations as the Human Task API takes them (P3D, PT4H, P1Y2M, P2W…), and
// adding one to a point in time. Calendar units (years, months, days) follow the UTC
// calendar; clock units are exact.
const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/

export function isIsoDuration (text: string): boolean {
  return DURATION.test(text)
}

function shifted (start: Date, duration: string, sign: 1 | -1): Date | undefined {
  const match = DURATION.exec(duration)
  if (match === null) return undefined
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => sign * Number(part ?? 0)) as number[]
  const end = new Date(start.getTime())
  end.setUTCFullYear(end.getUTCFullYear() + (years ?? 0), end.getUTCMonth() + (months ?? 0), end.getUTCDate() + (weeks ?? 0) * 7 + (days ?? 0))
  end.setTime(end.getTime() + (((hours ?? 0) * 60 + (minutes ?? 0)) * 60 + (seconds ?? 0)) * 1000)
  return Number.isNaN(end.getTime()) ? undefined : end
}

/** `start` plus `duration`; undefined when `duration` is not an ISO 8601 duration. */
export function addIsoDuration (start: Date, duration: string): Date | undefined {
  return shifted(start, duration, 1)
}

/** `end` minus `duration` (the calendar units counted back); undefined when `duration` is not an ISO 8601 duration. */
export function subtractIsoDuration (end: Date, duration: string): Date | undefined {
  return shifted(end, duration, -1)
}
