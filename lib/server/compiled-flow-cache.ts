import { compileFlow, type CompiledFlow } from "../runtime/compile-flow";

/** What a compiled flow was compiled from: a draft at one revision, or a published version (immutable). */
export type CompiledSource = { kind: "draft"; flowId: string; revision: number } | { kind: "version"; versionId: string };

const keyOf = (source: CompiledSource) =>
  source.kind === "draft" ? `draft:${source.flowId}:${source.revision}` : `version:${source.versionId}`;

/**
 * Compiled flows keyed by what makes them immutable (a draft revision, a version id), so a thousand callers
 * of one flow share one compilation. Least recently used entries go first. It also says which draft revision of a
 * flow it holds, so the lookup can leave out a graph the runtime has compiled already.
 */
export class CompiledFlowCache {
  private readonly entries = new Map<string, { source: CompiledSource; compiled: CompiledFlow }>();
  /** The newest draft revision held per flow. */
  private readonly draftRevisions = new Map<string, number>();

  constructor(private readonly capacity = 200) {}

  has(source: CompiledSource): boolean {
    return this.entries.has(keyOf(source));
  }

  /** The newest revision of a draft held here, if any. */
  draftRevision(flowId: string): number | undefined {
    return this.draftRevisions.get(flowId);
  }

  /** The compiled flow of `source`, compiling `graph()` when it is not held (which throws InvalidFlowError). */
  get(source: CompiledSource, graph: () => unknown): CompiledFlow {
    const key = keyOf(source);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.compiled;
    }
    const compiled = compileFlow(graph());
    this.entries.set(key, { source, compiled });
    if (source.kind === "draft" && source.revision > (this.draftRevisions.get(source.flowId) ?? 0))
      this.draftRevisions.set(source.flowId, source.revision);
    if (this.entries.size > this.capacity) this.evictOldest();
    return compiled;
  }

  private evictOldest(): void {
    const oldest = this.entries.entries().next().value;
    if (!oldest) return;
    const [key, { source }] = oldest;
    this.entries.delete(key);
    if (source.kind === "draft" && this.draftRevisions.get(source.flowId) === source.revision) this.draftRevisions.delete(source.flowId);
  }
}
