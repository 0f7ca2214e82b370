import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signedInUser } from "./accounts";
import { signInPath } from "./next-path";

/** The signed-in user of a page's request; without one, the sign-in page, which comes back to `path` afterwards. */
export async function pageUser(path: string): Promise<{ id: string; name: string; email: string }> {
  const user = await signedInUser(await headers());
  if (!user) redirect(signInPath(path));
  return user;
}
