import { FlowEditor } from "@/components/editor/flow-editor";
import { pageUser } from "@/lib/auth/page-user";

export default async function FlowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await pageUser(`/flows/${encodeURIComponent(id)}`);
  return <FlowEditor source={{ kind: "workspace", key: id }} />;
}
