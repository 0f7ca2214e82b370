"use client";

import { Share2 } from "lucide-react";
import { useState } from "react";
import { ShareDialog } from "./share-dialog";

/** The toolbar's Share (for owners and editors): opens the flow's read-only share links. */
export function ShareButton({ flowId, className, labelClassName }: { flowId: string; className: string; labelClassName: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className}
        data-testid="share-button"
        title="Share a read-only link to this flow"
        aria-label="Share"
        onClick={() => setOpen(true)}
      >
        <Share2 size={14} aria-hidden /> <span className={labelClassName}>Share</span>
      </button>
      {open && <ShareDialog flowId={flowId} onClose={() => setOpen(false)} />}
    </>
  );
}
