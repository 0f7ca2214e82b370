"use client";

import { Copy, Link2, Loader2, Mail, X } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import type { WorkspaceSummary } from "@/lib/client/api-types";
import { teamApi, type Invitation, type Member } from "@/lib/client/team-api";

type Role = Member["role"];
const ROLES: Role[] = ["owner", "editor", "viewer"];
const ROLE_WORDS: Record<Role, string> = { owner: "Owner", editor: "Editor", viewer: "Viewer" };

const field = "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-950";
const button =
  "flex shrink-0 items-center gap-1.5 whitespace-nowrap rounded-md border border-zinc-300 px-2.5 py-1.5 text-sm hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { month: "short", day: "numeric" });

/** The link an invitation made just now (its secret is shown this once), and whether mail went out. */
interface MadeInvitation {
  url: string;
  invitation: Invitation;
  mailed: boolean;
}

/**
 * A workspace's people: who is in it with which role, and for its owners, changing roles, removing people, and
 * inviting by link or by email (with the invitations still open, which they can withdraw). Anyone may leave a team.
 */
export function MembersDialog({
  workspace,
  me,
  onClose,
  onLeft,
}: {
  workspace: WorkspaceSummary;
  me: { id: string };
  onClose: () => void;
  onLeft: () => void;
}) {
  const manages = workspace.role === "owner";
  const [members, setMembers] = useState<Member[] | null>(null);
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [inviteRole, setInviteRole] = useState<Role>("editor");
  const [email, setEmail] = useState("");
  const [made, setMade] = useState<MadeInvitation | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const [people, open] = await Promise.all([teamApi.members(workspace.id), manages ? teamApi.invitations(workspace.id) : []]);
      setMembers(people);
      setInvitations(open);
    } catch (error) {
      setProblem(messageOf(error));
    }
  }, [workspace.id, manages]);

  useEffect(() => {
    // Fetched when the dialog opens and after each change; load sets state once the answers arrive.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

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

  // The last owner cannot leave (the server would say so); they hand the workspace on first.
  const owners = members?.filter((member) => member.role === "owner").length ?? 0;

  const invite = (withEmail: boolean) =>
    act(async () => {
      const answer = await teamApi.invite(workspace.id, withEmail ? { role: inviteRole, email: email.trim() } : { role: inviteRole });
      setMade({ url: new URL(answer.path, window.location.origin).href, invitation: answer.invitation, mailed: answer.mailed });
      setCopied(false);
      if (withEmail) setEmail("");
    });

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/40" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="members-title"
        data-testid="members-dialog"
        className="max-h-[90vh] w-[36rem] space-y-4 overflow-y-auto rounded-lg bg-white p-5 shadow-xl dark:bg-zinc-900"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === "Escape") onClose();
        }}
      >
        <div className="flex items-start gap-3">
          <div className="min-w-0 flex-1">
            <h2 id="members-title" className="truncate text-base font-semibold">
              People in {workspace.name}
            </h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Owners invite and manage people; editors change and test flows; viewers only look.
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

        {members === null ? (
          <p className="flex items-center gap-2 text-sm text-zinc-500">
            <Loader2 size={15} className="animate-spin" /> Loading people…
          </p>
        ) : (
          <ul
            data-testid="member-list"
            className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
          >
            {members.map((member) => {
              const self = member.userId === me.id;
              return (
                <li key={member.userId} data-testid="member-row" className="flex items-center gap-2 px-3 py-2">
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium">
                      {member.name}
                      {self && <span className="font-normal text-zinc-500"> (you)</span>}
                    </p>
                    <p className="truncate text-xs text-zinc-500">{member.email}</p>
                  </div>
                  {manages && !self ? (
                    <>
                      <select
                        aria-label={`Role of ${member.name}`}
                        data-testid="member-role"
                        className={field}
                        value={member.role}
                        disabled={busy}
                        onChange={(event) => void act(() => teamApi.setRole(workspace.id, member.userId, event.target.value as Role))}
                      >
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {ROLE_WORDS[role]}
                          </option>
                        ))}
                      </select>
                      <button
                        type="button"
                        className={button}
                        disabled={busy}
                        data-testid="remove-member"
                        onClick={() => void act(() => teamApi.remove(workspace.id, member.userId))}
                      >
                        Remove
                      </button>
                    </>
                  ) : (
                    <span className="text-sm text-zinc-600 dark:text-zinc-400">{ROLE_WORDS[member.role]}</span>
                  )}
                  {self && !workspace.personal && !(member.role === "owner" && owners === 1) && (
                    <button
                      type="button"
                      className={button}
                      disabled={busy}
                      data-testid="leave-workspace"
                      onClick={() =>
                        void act(async () => {
                          await teamApi.remove(workspace.id, me.id);
                          onLeft();
                        })
                      }
                    >
                      Leave
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}

        {manages && !workspace.personal && (
          <section className="space-y-3" aria-labelledby="invite-title">
            <h3 id="invite-title" className="text-sm font-semibold">
              Invite people
            </h3>
            <div className="flex flex-wrap items-center gap-2">
              <label className="flex items-center gap-2 text-sm">
                As
                <select
                  data-testid="invite-role"
                  className={field}
                  value={inviteRole}
                  onChange={(event) => setInviteRole(event.target.value as Role)}
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {ROLE_WORDS[role]}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className={button} disabled={busy} data-testid="create-invite-link" onClick={() => void invite(false)}>
                <Link2 size={15} /> Create invite link
              </button>
            </div>
            <form
              className="flex items-center gap-2"
              onSubmit={(event) => {
                event.preventDefault();
                if (email.trim() !== "") void invite(true);
              }}
            >
              <input
                type="email"
                data-testid="invite-email"
                aria-label="Email address to invite"
                placeholder="teammate@example.com"
                className={`${field} min-w-0 flex-1`}
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
              <button type="submit" className={button} disabled={busy || email.trim() === ""} data-testid="invite-by-email">
                <Mail size={15} /> Invite by email
              </button>
            </form>
            {made && (
              <div
                data-testid="invite-made"
                className="space-y-2 rounded-md border border-sky-200 bg-sky-50 p-3 text-sm dark:border-sky-900 dark:bg-sky-950"
              >
                <p>
                  {made.invitation.email === null
                    ? `Anyone signed in who has this link can join as ${made.invitation.role} until ${day(made.invitation.expiresAt)}.`
                    : made.mailed
                      ? `An email with this link is on its way to ${made.invitation.email}.`
                      : `${made.invitation.email} will see the invitation when they sign in. This server sends no email, so you can also send them this link.`}
                </p>
                <div className="flex items-center gap-2">
                  <input
                    readOnly
                    data-testid="invite-link"
                    aria-label="Invitation link"
                    className={`${field} min-w-0 flex-1 font-mono text-xs`}
                    value={made.url}
                    onFocus={(event) => event.target.select()}
                  />
                  <button
                    type="button"
                    className={button}
                    data-testid="copy-invite-link"
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
            {invitations.length > 0 && (
              <div>
                <h4 className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">Open invitations</h4>
                <ul
                  data-testid="open-invitations"
                  className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
                >
                  {invitations.map((invitation) => (
                    <li key={invitation.id} data-testid="open-invitation" className="flex items-center gap-2 px-3 py-2 text-sm">
                      <span className="min-w-0 flex-1 truncate">
                        {invitation.email ?? "Invite link"} · {ROLE_WORDS[invitation.role]} · until {day(invitation.expiresAt)}
                        {invitation.invitedBy && <span className="text-zinc-500"> · by {invitation.invitedBy}</span>}
                      </span>
                      <button
                        type="button"
                        className={button}
                        disabled={busy}
                        data-testid="revoke-invitation"
                        onClick={() => void act(() => teamApi.revoke(workspace.id, invitation.id))}
                      >
                        Withdraw
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
