/** Fiscal year of a plan that has not chosen one: the next calendar year. */
export function fallbackFiscalYear(now = new Date()): number {
  return now.getFullYear() + 1;
}

/** Returns the time of an edit as the history records it. */
export function editTime(): string {
  return new Date().toISOString();
}
