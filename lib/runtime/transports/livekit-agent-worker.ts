import { JobStatus, JobType, ParticipantPermission, ServerMessage, WorkerMessage, WorkerStatus, type Job } from "@livekit/protocol";
import { AccessToken } from "livekit-server-sdk";
import WebSocket from "ws";

/** The agent name Switchboard's workers register under unless LIVEKIT_AGENT_NAME says otherwise. */
export const DEFAULT_LIVEKIT_AGENT_NAME = "switchboard";

/** A job the LiveKit server assigned to this worker: join `url` with `token` and run the session `job.metadata` names. */
export interface LiveKitJobAssignment {
  job: Job;
  url: string;
  token: string;
}

export interface LiveKitAgentWorkerOptions {
  /** The LiveKit server (ws:// or wss://, as LIVEKIT_URL). */
  url: string;
  apiKey: string;
  apiSecret: string;
  /** Explicit dispatch names it: only rooms dispatched to this name come here. */
  agentName?: string;
  /**
   * Whether `reserved` jobs more than the runtime holds now, and one more, fit (its capacity); asked for every
   * availability request, with the jobs accepted whose assignment has not come yet as `reserved`.
   */
  hasCapacity: (reserved: number) => boolean;
  /** 0..1: how full this worker is; the server prefers the least loaded worker. */
  load: () => number;
  /**
   * Runs an accepted job to its end; resolves when the session has ended (a rejection marks the job failed). `ended`
   * aborts when the server terminates the job (its dispatch was deleted): the session should end then.
   */
  runJob: (assignment: LiveKitJobAssignment, ended: AbortSignal) => Promise<void>;
  /** Seconds between pings (the server drops a worker that goes quiet). */
  pingIntervalSeconds?: number;
  /** How often the load is reported besides every job start and end (5 s by default). */
  statusIntervalMs?: number;
  log?: (line: string) => void;
}

/** The agent participant's identity in every room (docs/protocol.md#livekit); one agent per room, so it never clashes. */
const AGENT_IDENTITY = "switchboard-agent";

/** A worker message's oneof, as plain data. */
type OutgoingMessage = NonNullable<NonNullable<ConstructorParameters<typeof WorkerMessage>[0]>["message"]>;

/** How long an accepted job may wait for its assignment before the worker stops holding a place for it. */
const ASSIGNMENT_TIMEOUT_MS = 7_500;
/** Longest wait between reconnection attempts. */
const MAX_BACKOFF_MS = 10_000;

/**
 * A LiveKit agent worker that speaks the worker protocol itself (protobuf over the server's `/agent` WebSocket, as
 * @livekit/agents does, without its 83 packages): it registers for room jobs under an agent name, answers the server's
 * availability requests from the runner's capacity, runs each assigned job through `runJob`, reports its load, pings,
 * reconnects with backoff when the server goes away, and drains on shutdown (marked full, running jobs finish).
 */
export class LiveKitAgentWorker {
  readonly #options: LiveKitAgentWorkerOptions;
  readonly #log: (line: string) => void;
  readonly #running = new Set<Promise<void>>();
  /** Each running job's termination, by job id. */
  readonly #terminations = new Map<string, AbortController>();
  /** Jobs accepted whose assignment has not come yet (they count against capacity). */
  readonly #pending = new Map<string, { timer: NodeJS.Timeout }>();
  #socket: WebSocket | null = null;
  #workerId: string | null = null;
  #closed = false;
  #draining = false;
  #loop: Promise<void> | null = null;
  #registered: Array<(workerId: string) => void> = [];
  #wakeBackoff: (() => void) | null = null;
  #refusals = 0;

  constructor(options: LiveKitAgentWorkerOptions) {
    this.#options = options;
    this.#log = options.log ?? ((line) => console.warn(`[livekit-worker] ${line}`));
  }

  /** The id the server gave at registration (null until then, and between connections). */
  get workerId(): string | null {
    return this.#workerId;
  }

  /** Jobs this worker is running now. */
  get activeJobs(): number {
    return this.#running.size;
  }

  /** Availability requests refused so far (at capacity, or draining). */
  get refusals(): number {
    return this.#refusals;
  }

  /** Reports status and load now (the runtime calls it when its capacity changes, besides the periodic report). */
  reportStatus(): void {
    this.#sendStatus();
  }

  /** Connects and keeps connected until close(); resolves once the first registration succeeded. */
  start(): Promise<string> {
    if (this.#loop) throw new Error("The worker has already started");
    const registered = this.#waitForRegistration();
    this.#loop = this.#connectLoop();
    return registered;
  }

  /**
   * The worker id once registered, waiting at most `timeoutMs` for it (null if it did not register in time): a call
   * dispatched while no worker is registered is lost, as LiveKit does not offer it again to a worker registering later.
   */
  async whenRegistered(timeoutMs: number): Promise<string | null> {
    if (this.#workerId) return this.#workerId;
    return new Promise((resolve) => {
      const registered = (workerId: string) => {
        clearTimeout(timer);
        resolve(workerId);
      };
      // Taken off the list on time-out, so callers waiting through a long outage leave nothing behind.
      const timer = setTimeout(() => {
        this.#registered = this.#registered.filter((waiting) => waiting !== registered);
        resolve(null);
      }, timeoutMs);
      this.#registered.push(registered);
    });
  }

  /** Resolves with the worker id once registered (now, if it is). */
  #waitForRegistration(): Promise<string> {
    if (this.#workerId) return Promise.resolve(this.#workerId);
    return new Promise((resolve) => this.#registered.push(resolve));
  }

  /**
   * Stops taking jobs (reported as full, every availability request refused), waits for the running ones to end, then
   * closes the connection. A draining worker's calls finish as usual.
   */
  async drain(): Promise<void> {
    this.#draining = true;
    this.#sendStatus();
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
    await this.close();
  }

  /** Closes the connection now (running jobs go on; drain() waits for them). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#wakeBackoff?.();
    for (const { timer } of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
    this.#socket?.close(1000, "worker shutting down");
    await this.#loop;
  }

  async #connectLoop(): Promise<void> {
    let attempt = 0;
    while (!this.#closed) {
      const opened = await this.#connectOnce().catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        this.#log(`connecting to ${this.#options.url} failed (${reason}); retrying with backoff`);
        return false;
      });
      if (this.#closed) return;
      attempt = opened ? 1 : attempt + 1;
      // Backoff grows with consecutive failures; a connection that was up retries soon after it drops.
      const wait = Math.min(500 * 2 ** (attempt - 1), MAX_BACKOFF_MS);
      if (opened) this.#log(`the LiveKit server closed the connection; reconnecting in ${wait} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.#wakeBackoff = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wakeBackoff = null;
    }
  }

  /** One connection's life: resolves when it closes (true if it had opened), rejects if it could not open. */
  async #connectOnce(): Promise<boolean> {
    const token = new AccessToken(this.#options.apiKey, this.#options.apiSecret, { ttl: 60 });
    token.addGrant({ agent: true });
    const url = new URL(this.#options.url);
    url.protocol = url.protocol.replace(/^http/, "ws");
    url.pathname = `${url.pathname.replace(/\/$/, "")}/agent`;
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${await token.toJwt()}` } });
    this.#socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
      socket.once("unexpected-response", (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    });
    const pingIntervalSeconds = this.#options.pingIntervalSeconds ?? 30;
    const pings = setInterval(() => this.#send({ case: "ping", value: { timestamp: BigInt(Date.now()) } }), pingIntervalSeconds * 1000);
    const statuses = setInterval(() => this.#sendStatus(), this.#options.statusIntervalMs ?? 5_000);
    socket.on("message", (data: Buffer) => this.#receive(ServerMessage.fromBinary(new Uint8Array(data))));
    socket.on("error", (error) => this.#log(`worker connection error: ${error.message}`));
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    this.#send({
      case: "register",
      value: {
        type: JobType.JT_ROOM,
        agentName: this.#options.agentName ?? DEFAULT_LIVEKIT_AGENT_NAME,
        version: "switchboard",
        pingInterval: pingIntervalSeconds,
        allowedPermissions: new ParticipantPermission({ canPublish: true, canSubscribe: true, canPublishData: true, agent: true }),
      },
    });
    await closed;
    clearInterval(pings);
    clearInterval(statuses);
    this.#socket = null;
    this.#workerId = null;
    return true;
  }

  #receive(message: ServerMessage): void {
    switch (message.message.case) {
      case "register": {
        this.#workerId = message.message.value.workerId;
        for (const resolve of this.#registered.splice(0)) resolve(this.#workerId);
        this.#sendStatus();
        return;
      }
      case "availability": {
        const job = message.message.value.job;
        if (job) this.#answerAvailability(job);
        return;
      }
      case "assignment": {
        const { job, url, token } = message.message.value;
        if (!job || !this.#pending.has(job.id)) return this.#log(`an assignment for unknown job ${job?.id ?? "?"} was ignored`);
        clearTimeout(this.#pending.get(job.id)!.timer);
        this.#pending.delete(job.id);
        this.#run({ job, url: url || this.#options.url, token });
        return;
      }
      case "termination": {
        const { jobId } = message.message.value;
        const termination = this.#terminations.get(jobId);
        if (!termination) return this.#log(`a termination for unknown job ${jobId} was ignored`);
        termination.abort();
        return;
      }
      default:
        return;
    }
  }

  #answerAvailability(job: Job): void {
    // Calls dispatched together are each offered before any is assigned: the ones accepted and pending count as taken.
    const available = !this.#draining && !this.#closed && this.#options.hasCapacity(this.#pending.size);
    this.#send({
      case: "availability",
      value: available
        ? { jobId: job.id, available: true, participantIdentity: AGENT_IDENTITY, participantName: "Switchboard" }
        : { jobId: job.id, available: false },
    });
    if (!available) {
      this.#refusals += 1;
      return;
    }
    const timer = setTimeout(() => {
      this.#pending.delete(job.id);
      this.#log(`job ${job.id} was accepted but never assigned`);
    }, ASSIGNMENT_TIMEOUT_MS);
    this.#pending.set(job.id, { timer });
  }

  #run(assignment: LiveKitJobAssignment): void {
    const jobId = assignment.job.id;
    const termination = new AbortController();
    this.#terminations.set(jobId, termination);
    const running = this.#options.runJob(assignment, termination.signal).then(
      () => this.#send({ case: "updateJob", value: { jobId, status: JobStatus.JS_SUCCESS, error: "" } }),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.#log(`job ${jobId} failed: ${message}`);
        this.#send({ case: "updateJob", value: { jobId, status: JobStatus.JS_FAILED, error: message } });
      },
    );
    const tracked = running.finally(() => {
      this.#running.delete(tracked);
      this.#terminations.delete(jobId);
      this.#sendStatus();
    });
    this.#running.add(tracked);
    this.#send({ case: "updateJob", value: { jobId, status: JobStatus.JS_RUNNING, error: "" } });
    this.#sendStatus();
  }

  #sendStatus(): void {
    const full = this.#draining || !this.#options.hasCapacity(this.#pending.size);
    this.#send({
      case: "updateWorker",
      value: {
        status: full ? WorkerStatus.WS_FULL : WorkerStatus.WS_AVAILABLE,
        load: full ? 1 : Math.min(Math.max(this.#options.load(), 0), 1),
        jobCount: this.#running.size,
      },
    });
  }

  #send(message: OutgoingMessage): void {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(new WorkerMessage({ message }).toBinary());
  }
}
