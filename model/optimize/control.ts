import type { BalancePhase } from "./types.ts";

/**
 * Progress and cancellation of one optimizer run. Progress never goes
 * backwards, and once `shouldCancel` returns true the run stays cancelled.
 */
export class RunControl {
  private reported = 0;
  private stopped = false;
  private phase: BalancePhase = { step: "growing", attempt: 1, attempts: 1 };

  constructor(
    private readonly onProgress?: (
      fraction: number,
      phase: BalancePhase,
    ) => void,
    private readonly shouldCancel?: () => boolean,
  ) {}

  /** Sets the step that the next progress reports belong to; it reports nothing by itself. */
  enter(phase: BalancePhase): void {
    this.phase = phase;
  }

  /** Reports a fraction from 0 to 1; values below the last report are ignored. */
  progress(fraction: number): void {
    const clamped = Math.min(1, Math.max(0, fraction));
    if (clamped <= this.reported) return;
    this.reported = clamped;
    this.onProgress?.(clamped, this.phase);
  }

  /** Polls the caller's cancel check and remembers a cancel. */
  cancelled(): boolean {
    if (!this.stopped && this.shouldCancel?.()) this.stopped = true;
    return this.stopped;
  }
}
