import { FlowListPage } from "@/components/flow-list/flow-list-page";

export default function Home() {
  return <FlowListPage />;
}
