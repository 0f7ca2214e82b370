"use client";

import { Copy, Link2, Loader2, X } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { shareLinkApi, type ShareLink } from "@/lib/client/share-link-api";
import { ConfirmDialog } from "../flow-list/confirm-dialog";
import { useDocumentStore } from "./document-store";

const field = "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-950";
const button =
  "flex shrink-0 items-center gap-1.5 whitespace-nowrap rounded-md border border-zinc-300 px-2.5 py-1.5 text-sm hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });

/**
 * A flow's read-only share links: make one (its address is shown this once, with Copy), see those that work now and
 * who made them, and revoke one after confirming. Escape closes the confirmation first, then the dialog.
 */
export function ShareDialog({ flowId, onClose }: { flowId: string; onClose: () => void }) {
  const flowName = useDocumentStore((state) => state.name);
  const [links, setLinks] = useState<ShareLink[] | null>(null);
  const [made, setMade] = useState<{ url: string; linkId: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [revoking, setRevoking] = useState<ShareLink | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setLinks(await shareLinkApi.list(flowId));
    } catch (error) {
      setProblem(messageOf(error));
    }
  }, [flowId]);

  useEffect(() => {
    // Fetched when the dialog opens and after each change; load sets state once the answer arrives.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  useEffect(() => {
    // On the document: the confirmation is a dialog of its own, outside this one's element.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      if (revoking) setRevoking(null);
      else onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [revoking, onClose]);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      await load();
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const create = () =>
    act(async () => {
      const answer = await shareLinkApi.create(flowId);
      setMade({ url: new URL(answer.path, window.location.origin).href, linkId: answer.link.id });
      setCopied(false);
    });

  const revoke = (link: ShareLink) => {
    setRevoking(null);
    void act(async () => {
      await shareLinkApi.revoke(flowId, link.id);
      if (made?.linkId === link.id) setMade(null);
    });
  };

  return (
    <>
      <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/40" onClick={onClose}>
        <div
          role="dialog"
          aria-modal="true"
          aria-labelledby="share-title"
          data-testid="share-dialog"
          className="max-h-[90vh] w-[34rem] space-y-4 overflow-y-auto rounded-lg bg-white p-5 shadow-xl dark:bg-zinc-900"
          onClick={(event) => event.stopPropagation()}
        >
          <div className="flex items-start gap-3">
            <div className="min-w-0 flex-1">
              <h2 id="share-title" className="truncate text-base font-semibold">
                Share {flowName ? `“${flowName}”` : "this flow"}
              </h2>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                Anyone signed in to Switchboard who has a link can look at this flow. They cannot change it or start test calls.
              </p>
            </div>
            <button
              type="button"
              aria-label="Close"
              className="rounded p-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
              onClick={onClose}
              autoFocus
            >
              <X size={16} />
            </button>
          </div>

          {problem && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
              {problem}
            </p>
          )}

          <button type="button" className={button} disabled={busy} data-testid="create-share-link" onClick={() => void create()}>
            <Link2 size={15} /> Create a view-only link
          </button>

          {made && (
            <div
              data-testid="share-link-made"
              className="space-y-2 rounded-md border border-sky-200 bg-sky-50 p-3 text-sm dark:border-sky-900 dark:bg-sky-950"
            >
              <p>Send this link to the people who should see the flow. It is shown only now; it works until you revoke it.</p>
              <div className="flex items-center gap-2">
                <input
                  readOnly
                  data-testid="share-link-url"
                  aria-label="Share link"
                  className={`${field} min-w-0 flex-1 font-mono text-xs`}
                  value={made.url}
                  onFocus={(event) => event.target.select()}
                />
                <button
                  type="button"
                  className={button}
                  data-testid="copy-share-link"
                  onClick={async () => {
                    await navigator.clipboard.writeText(made.url);
                    setCopied(true);
                  }}
                >
                  <Copy size={15} /> {copied ? "Copied" : "Copy"}
                </button>
              </div>
            </div>
          )}

          <section aria-labelledby="share-links-title">
            <h3 id="share-links-title" className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
              Links that work now
            </h3>
            {links === null ? (
              <p className="flex items-center gap-2 text-sm text-zinc-500">
                <Loader2 size={15} className="animate-spin" /> Loading links…
              </p>
            ) : links.length === 0 ? (
              <p data-testid="no-share-links" className="text-sm text-zinc-500">
                None yet. A link you create appears here, and you can revoke it at any time.
              </p>
            ) : (
              <ul
                data-testid="share-links"
                className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
              >
                {links.map((link) => (
                  <li key={link.id} data-testid="share-link" className="flex items-center gap-2 px-3 py-2 text-sm">
                    <span className="min-w-0 flex-1 truncate">
                      Made by {link.createdBy ?? "a former member"}
                      <span className="text-zinc-500"> · {when(link.createdAt)}</span>
                      {made?.linkId === link.id && <span className="text-sky-700 dark:text-sky-400"> · new</span>}
                    </span>
                    <button
                      type="button"
                      className={button}
                      disabled={busy}
                      data-testid="revoke-share-link"
                      onClick={() => setRevoking(link)}
                    >
                      Revoke
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
      {revoking && (
        <ConfirmDialog
          title="Revoke this link?"
          confirmLabel="Revoke link"
          onConfirm={() => revoke(revoking)}
          onCancel={() => setRevoking(null)}
        >
          People who open it will see a message instead of this flow (someone who has it open now, once they reload). To share again, create
          a new link.
        </ConfirmDialog>
      )}
    </>
  );
}
