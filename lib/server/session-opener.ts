import { SessionTokenError, verifySessionToken } from "../auth/session-token";
import type { FlowGraph } from "../flow/schema";
import { InvalidFlowError } from "../runtime/compile-flow";
import { flowHandler } from "../runtime/flow-handler";
import type { SessionSource } from "../runtime/session-events";
import { SessionOpenError, type OpenedSession, type SessionOpener } from "../runtime/session-runner";
import { CompiledFlowCache, type CompiledSource } from "./compiled-flow-cache";

/**
 * Where the opener finds the graph a token names; backed by the database in the app. A lookup may leave the graph out
 * when told the runtime has it compiled already (`knownRevision`, `graphKnown`), so that callers of a flow do not each
 * read and validate its graph.
 */
export interface FlowLookup {
  draft(workspaceId: string, flowId: string, knownRevision?: number): Promise<{ revision: number; graph?: FlowGraph } | null>;
  version(
    workspaceId: string,
    flowId: string,
    versionId: string,
    graphKnown?: boolean,
  ): Promise<{ id: string; version: number; graph?: FlowGraph } | null>;
  /**
   * Whether the token's user may still start calls in its workspace: a token lives up to 120 s, and a member removed
   * (or made a viewer) meanwhile must not open a call with one minted before.
   */
  mayTest(workspaceId: string, userId: string): Promise<boolean>;
}

/**
 * Checks who is asking (the signed session token) and what they may run, then compiles the flow (cached per
 * draft revision or version). An invalid flow never starts.
 */
export function createSessionOpener(options: { lookup: FlowLookup; secret: () => string; cache?: CompiledFlowCache }): SessionOpener {
  const cache = options.cache ?? new CompiledFlowCache();
  return async ({ token }): Promise<OpenedSession> => {
    let claims;
    try {
      claims = await verifySessionToken(token, options.secret());
    } catch (error) {
      if (error instanceof SessionTokenError) throw new SessionOpenError(error.code, error.message);
      throw error;
    }
    const [{ source, compiledSource, graph }, mayTest] = await Promise.all([
      findFlow(options.lookup, cache, claims.workspaceId, claims.flowId, claims.versionId),
      options.lookup.mayTest(claims.workspaceId, claims.sub),
    ]);
    if (!mayTest)
      throw new SessionOpenError(
        "access_revoked",
        "You may no longer start calls on this workspace's flows: ask one of its owners for access",
      );
    try {
      const compiled = cache.get(compiledSource, () => graph);
      return {
        sessionId: claims.sid,
        source,
        userId: claims.sub,
        workspaceId: claims.workspaceId,
        handler: flowHandler(compiled),
        listens: compiled.listens,
        voicePlan: compiled.voicePlan,
      };
    } catch (error) {
      if (error instanceof InvalidFlowError) throw new SessionOpenError("flow_invalid", error.message);
      throw error;
    }
  };
}

/**
 * The flow a token names, with its graph unless the cache holds it. Between the answer and the cache's check the
 * entry may have been evicted: then the graph is asked for again, without the hint.
 */
async function findFlow(
  lookup: FlowLookup,
  cache: CompiledFlowCache,
  workspaceId: string,
  flowId: string,
  versionId: string | undefined,
): Promise<{ source: SessionSource; compiledSource: CompiledSource; graph: FlowGraph | undefined }> {
  if (versionId !== undefined) {
    const compiledSource: CompiledSource = { kind: "version", versionId };
    let version = await lookup.version(workspaceId, flowId, versionId, cache.has(compiledSource));
    if (version && version.graph === undefined && !cache.has(compiledSource))
      version = await lookup.version(workspaceId, flowId, versionId);
    if (!version)
      throw new SessionOpenError("flow_not_found", "That flow version does not exist (or is not in the workspace the token names)");
    return { source: { kind: "version", flowId, versionId: version.id, version: version.version }, compiledSource, graph: version.graph };
  }
  let draft = await lookup.draft(workspaceId, flowId, cache.draftRevision(flowId));
  if (draft && draft.graph === undefined && !cache.has({ kind: "draft", flowId, revision: draft.revision }))
    draft = await lookup.draft(workspaceId, flowId);
  if (!draft) throw new SessionOpenError("flow_not_found", "That flow does not exist (or is not in the workspace the token names)");
  return {
    source: { kind: "draft", flowId, revision: draft.revision },
    compiledSource: { kind: "draft", flowId, revision: draft.revision },
    graph: draft.graph,
  };
}
