/**
 * Milliseconds on a clock that every process of the machine shares, so one
 * process can time what another sent. Node's `process.hrtime` reads
 * CLOCK_MONOTONIC through libuv on Linux, which is system-wide. A process's
 * `performance.now()` starts at its own launch, so its values do not compare
 * across processes.
 */
export function clockMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
