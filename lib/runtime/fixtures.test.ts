import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { flowTemplates } from "../flow/samples";
import { ManualClock } from "../testing/manual-clock";
import { compileFlow } from "./compile-flow";
import { flowHandler } from "./flow-handler";
import { RuntimeEvents, type SessionEvent } from "./session-events";
import { Session } from "./session";
import { MemoryTransport } from "./transports/memory";

const fixtureSchema = z.object({
  name: z.string(),
  flow: z.string(),
  steps: z.array(z.union([z.object({ bot: z.string() }), z.object({ caller: z.string() }), z.object({ wait: z.number() })])),
  end: z.object({ reason: z.string(), message: z.string().optional() }),
  variables: z.record(z.string(), z.unknown()).optional(),
});

const directory = path.join(import.meta.dirname, "fixtures");
const fixtures = readdirSync(directory)
  .filter((file) => file.endsWith(".json"))
  .map((file) => fixtureSchema.parse(JSON.parse(readFileSync(path.join(directory, file), "utf8"))));

/** Lets the session run until it waits on the caller or the clock. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("fixture conversations", () => {
  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("%s", async (_name, fixture) => {
    const template = flowTemplates.find((candidate) => candidate.id === fixture.flow);
    if (!template) throw new Error(`unknown flow ${fixture.flow}`);
    const clock = new ManualClock();
    const transport = new MemoryTransport();
    const events = new RuntimeEvents();
    const log: SessionEvent[] = [];
    events.subscribe((_id, event) => log.push(event));
    const session = new Session({
      meta: { sessionId: "fixture", source: { kind: "code", name: fixture.flow }, transport: "memory" },
      handler: flowHandler(compileFlow(template.graph())),
      transport,
      events,
      clock,
    });
    const done = session.run();
    const expectedReplies: string[] = [];
    for (const step of fixture.steps) {
      await settle();
      if ("bot" in step) expectedReplies.push(step.bot);
      else if ("caller" in step) session.receive({ type: "utterance", text: step.caller });
      else clock.advance(step.wait);
    }
    expect(await done).toEqual(fixture.end);
    expect(transport.replies).toEqual(expectedReplies);
    expect(transport.records.slice(-2)).toEqual([{ type: "end", end: fixture.end }, { type: "close" }]);
    expect(clock.pending).toBe(0);
    if (fixture.variables) {
      const variables = Object.assign({}, ...log.flatMap((event) => (event.type === "variables.changed" ? [event.changes] : [])));
      expect(variables).toEqual(fixture.variables);
    }
  });
});
