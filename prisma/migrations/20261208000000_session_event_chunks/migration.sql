-- A session's log is stored a batch at a time (one row per session per batch), not one row per event.
CREATE TABLE "SessionEventChunk" (
    "sessionId" TEXT NOT NULL,
    "firstSeq" INTEGER NOT NULL,
    "lastSeq" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "events" JSON NOT NULL,

    CONSTRAINT "SessionEventChunk_pkey" PRIMARY KEY ("sessionId","firstSeq")
);

-- The events logged so far, each its own stretch, as the runtime published it: its body with its seq and its time
-- (epoch milliseconds).
INSERT INTO "SessionEventChunk" ("sessionId", "firstSeq", "lastSeq", "at", "events")
SELECT "sessionId", "seq", "seq", "at",
       json_build_array("data" || jsonb_build_object('seq', "seq", 'at', round(extract(epoch FROM "at") * 1000)::bigint))
FROM "SessionEvent";

DROP TABLE "SessionEvent";
