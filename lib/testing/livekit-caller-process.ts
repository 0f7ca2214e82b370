/**
 * A LiveKit caller in a process of its own, for fault tests that make it vanish for real (SIGSTOP: its sockets stay
 * open but nothing more is sent or answered, as when a phone loses its network). Joins the room of argv[2] (URL) with
 * argv[3] (token) and prints one JSON line per data message it receives, `{ "event": "joined" }` first.
 */
import { LiveKitTestCaller } from "./livekit-caller";

const [url, token] = process.argv.slice(2);
if (!url || !token) throw new Error("usage: livekit-caller-process.ts <url> <token>");
const caller = new LiveKitTestCaller();
await caller.join(url, token);
console.log(JSON.stringify({ event: "joined" }));
let printed = 0;
setInterval(() => {
  for (; printed < caller.events.length; printed += 1) console.log(JSON.stringify(caller.events[printed]));
}, 20);
