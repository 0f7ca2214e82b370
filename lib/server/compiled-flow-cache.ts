import { compileFlow, type CompiledFlow } from "../runtime/compile-flow";

/**
 * Compiled flows keyed by what makes them immutable (a draft revision, a version id), so a thousand callers
 * of one flow share one compilation. Least recently used entries go first.
 */
export class CompiledFlowCache {
  private readonly entries = new Map<string, CompiledFlow>();

  constructor(private readonly capacity = 200) {}

  get(key: string, graph: () => unknown): CompiledFlow {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const compiled = compileFlow(graph());
    this.entries.set(key, compiled);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return compiled;
  }
}
