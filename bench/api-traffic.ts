/**
 * The sessions benchmark's parallel API traffic: a few users reading, saving, listing and creating flows over HTTP
 * while the calls run, as the editor does, each answer checked (the right flow, the right revision, the saved name).
 */
import { request } from "node:http";
import { echoUntilByeFlow } from "./sessions-flow";

/**
 * One request on a connection of its own, closed after the answer (fetch keeps connections open for seconds, and the
 * benchmark counts the server's timers once the calls have ended).
 */
export function httpJson(method: string, url: string, body?: unknown, cookie = ""): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const outgoing = request(
      url,
      {
        method,
        agent: false,
        headers: {
          connection: "close",
          ...(payload === undefined ? {} : { "content-type": "application/json" }),
          ...(cookie === "" ? {} : { cookie }),
        },
      },
      (incoming) => {
        let text = "";
        incoming.setEncoding("utf8");
        incoming.on("data", (chunk: string) => (text += chunk));
        incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, text }));
        incoming.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(payload);
  });
}

export interface TrafficReport {
  requests: number;
  /** Answers with an unexpected status or a network error. */
  failed: number;
  /** Answers with the right status but another flow's data, a wrong revision, or what was saved missing. */
  wrong: number;
  /** The first few problems, for the report. */
  problems: string[];
}

type FlowAnswer = { flow: { id: string; name: string; revision: number } };

/** Runs `users` API users against `baseUrl` until stop() is called; stop() resolves with what they saw. */
/** `cookie`: a signed-in user's (the product's API answers nobody else); the bare API ignores it. */
export function startApiTraffic(baseUrl: string, users: number, pauseMs: number, cookie: string): { stop(): Promise<TrafficReport> } {
  const report: TrafficReport = { requests: 0, failed: 0, wrong: 0, problems: [] };
  let running = true;
  const problem = (kind: "failed" | "wrong", what: string) => {
    report[kind] += 1;
    if (report.problems.length < 10) report.problems.push(`${kind}: ${what}`);
  };
  const call = async <T>(method: string, path: string, expected: number, body?: unknown): Promise<T | undefined> => {
    report.requests += 1;
    try {
      const { status, text } = await httpJson(method, `${baseUrl}${path}`, body, cookie);
      if (status !== expected) {
        problem("failed", `${method} ${path} answered ${status} ${text.slice(0, 120)}`);
        return undefined;
      }
      return JSON.parse(text) as T;
    } catch (error) {
      problem("failed", `${method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };
  const pause = () => new Promise((resolve) => setTimeout(resolve, pauseMs));

  const user = async (index: number) => {
    const created = await call<FlowAnswer>("POST", "/api/flows", 201, { name: `API user ${index}`, graph: echoUntilByeFlow() });
    if (!created) return;
    let mine = created.flow;
    for (let round = 0; running; round++) {
      const read = await call<FlowAnswer>("GET", `/api/flows/${mine.id}`, 200);
      if (read && (read.flow.id !== mine.id || read.flow.revision !== mine.revision || read.flow.name !== mine.name)) {
        problem("wrong", `GET ${mine.id} gave ${read.flow.id} r${read.flow.revision}`);
      }
      await pause();
      const name = `API user ${index} round ${round}`;
      const saved = await call<FlowAnswer>("PUT", `/api/flows/${mine.id}`, 200, { revision: mine.revision, name });
      if (saved) {
        if (saved.flow.id !== mine.id || saved.flow.revision !== mine.revision + 1 || saved.flow.name !== name) {
          problem("wrong", `PUT ${mine.id} gave ${saved.flow.id} r${saved.flow.revision} "${saved.flow.name}"`);
        }
        mine = saved.flow;
      }
      await pause();
      const list = await call<{ flows: Array<{ id: string }> }>("GET", "/api/flows", 200);
      if (list && !list.flows.some((listed) => listed.id === mine.id)) problem("wrong", `GET /api/flows without ${mine.id}`);
      await pause();
      const extra = await call<FlowAnswer>("POST", "/api/flows", 201, { name: `Extra ${index}.${round}`, graph: echoUntilByeFlow() });
      if (extra) {
        const fetched = await call<FlowAnswer>("GET", `/api/flows/${extra.flow.id}`, 200);
        if (fetched && fetched.flow.name !== `Extra ${index}.${round}`)
          problem("wrong", `new flow ${extra.flow.id} read back as "${fetched.flow.name}"`);
      }
      await pause();
    }
  };
  const done = Promise.all(Array.from({ length: users }, (_, index) => user(index)));
  return {
    async stop() {
      running = false;
      await done;
      return report;
    },
  };
}
