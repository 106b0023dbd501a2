// The pause a long write makes between its slices, for the event loop to serve other
// requests. A timer, not an immediate: the reads that requests ask for in a turn's I/O
// are read together in that turn's check phase (point-reads.ts), after the immediates
// queued before them, so an immediate queued at the end of a slice would run the next
// slice first and every such read would wait for it. A timer's slice runs before the
// next turn's I/O instead, and the reads that I/O asks for are answered in that turn.
import { setTimeout as pause } from 'node:timers/promises'

export async function pauseForIo (): Promise<void> {
  await pause(0)
}
