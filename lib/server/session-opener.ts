import { SessionTokenError, verifySessionToken } from "../auth/session-token";
import type { FlowGraph } from "../flow/schema";
import { InvalidFlowError } from "../runtime/compile-flow";
import { flowHandler } from "../runtime/flow-handler";
import type { SessionSource } from "../runtime/session-events";
import { SessionOpenError, type OpenedSession, type SessionOpener } from "../runtime/session-runner";
import { CompiledFlowCache } from "./compiled-flow-cache";

/** Where the opener finds the graph a token names; backed by the database in the app. */
export interface FlowLookup {
  draft(ownerId: string, flowId: string): Promise<{ revision: number; graph: FlowGraph } | null>;
  version(ownerId: string, flowId: string, versionId: string): Promise<{ id: string; version: number; graph: FlowGraph } | null>;
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
      claims = verifySessionToken(token, options.secret());
    } catch (error) {
      if (error instanceof SessionTokenError) throw new SessionOpenError(error.code, error.message);
      throw error;
    }
    let source: SessionSource;
    let key: string;
    let graph: FlowGraph;
    if (claims.versionId !== undefined) {
      const version = await options.lookup.version(claims.sub, claims.flowId, claims.versionId);
      if (!version) throw new SessionOpenError("flow_not_found", "That flow version does not exist (or is not yours)");
      source = { kind: "version", flowId: claims.flowId, versionId: version.id, version: version.version };
      key = `version:${version.id}`;
      graph = version.graph;
    } else {
      const draft = await options.lookup.draft(claims.sub, claims.flowId);
      if (!draft) throw new SessionOpenError("flow_not_found", "That flow does not exist (or is not yours)");
      source = { kind: "draft", flowId: claims.flowId, revision: draft.revision };
      key = `draft:${claims.flowId}:${draft.revision}`;
      graph = draft.graph;
    }
    try {
      const compiled = cache.get(key, () => graph);
      return {
        sessionId: claims.sid,
        source,
        userId: claims.sub,
        handler: flowHandler(compiled),
      };
    } catch (error) {
      if (error instanceof InvalidFlowError) throw new SessionOpenError("flow_invalid", error.message);
      throw error;
    }
  };
}
