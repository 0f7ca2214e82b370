import { FlowListPage } from "@/components/flow-list/flow-list-page";
import { pageUser } from "@/lib/auth/page-user";

export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await pageUser("/");
  // ?workspace= opens the list on one workspace (where an accepted invitation leads).
  const workspace = (await searchParams).workspace;
  return <FlowListPage user={user} initialWorkspaceId={typeof workspace === "string" ? workspace : undefined} />;
}
