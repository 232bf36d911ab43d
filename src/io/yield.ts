// Long loops over entries give the event loop a turn now and then: a signal (Ctrl-C, a cancelled
// CI job) is only handled between turns, so a loop that runs for seconds would delay the clean-up
// by as long. A turn costs about a microsecond; every few thousand entries it is lost in the noise.

/** How many loop iterations may pass between two turns of the event loop. */
export const ENTRIES_PER_TURN = 4096;

/** Resolves on the event loop's next check phase (after pending I/O and signal callbacks). */
export function eventLoopTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
