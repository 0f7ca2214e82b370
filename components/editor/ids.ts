/** A short random id for new nodes and edges (not crypto.randomUUID: that needs a secure context). */
export function newId(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The first `c<n>` not yet used, for a new branch condition. */
export function nextConditionId(taken: readonly string[]): string {
  let index = taken.length + 1;
  while (taken.includes(`c${index}`)) index += 1;
  return `c${index}`;
}
