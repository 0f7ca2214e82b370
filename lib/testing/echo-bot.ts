import type { Handler } from "../runtime/handler";
import { EndStream, reply } from "../runtime/outputs";

/** The README's example of a code-defined handler, for the tests that run it by text and by voice. */
export const echoBot: Handler = async function* (call) {
  yield reply("Hi! Say something, or 'bye' to finish.");
  for (;;) {
    const heard = await call.listen({ timeoutMs: 10_000 });
    if (heard.type === "timeout") {
      yield new EndStream({ reason: "timeout", goodbye: "Still there? Call back any time." });
      return;
    }
    if (/\bbye\b/i.test(heard.text)) {
      yield new EndStream({ reason: "completed", goodbye: "Goodbye!" });
      return;
    }
    yield reply(`You said: ${heard.text}`);
  }
};
