"use client";

import { Mic } from "lucide-react";
import { useEffect, useRef } from "react";
import { useRunStore } from "./run-store";

/** The conversation as bubbles: the bot on the left, the person on the right. */
export function ChatLog() {
  const messages = useRunStore((state) => state.messages);
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [messages]);
  return (
    <div data-testid="chat-log" className="flex flex-col gap-2">
      {messages.map((message) => (
        <div
          key={message.id}
          data-testid="chat-message"
          data-from={message.from}
          data-spoken={message.spoken === true}
          data-partial={message.partial === true}
          className={`max-w-[85%] whitespace-pre-wrap rounded-2xl px-3 py-2 text-sm ${
            message.from === "person"
              ? "self-end rounded-br-sm bg-sky-700 text-white"
              : "self-start rounded-bl-sm bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
          } ${message.goodbye ? "italic" : ""} ${message.partial ? "opacity-70" : ""}`}
        >
          {message.spoken && (
            <>
              <Mic size={12} className="mr-1 inline align-[-1px]" aria-hidden />
              <span className="sr-only">Said: </span>
            </>
          )}
          {message.text}
          {message.partial && "…"}
        </div>
      ))}
      <div ref={end} />
    </div>
  );
}
