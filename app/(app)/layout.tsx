import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { Toaster } from "@/components/ui/toast";
import { currentUser } from "@/lib/auth/session";

// The shell needs the user. Access is checked by each page with requirePage(action, itsPath): a
// layout does not re-run on client navigation, does not stop the page below it from rendering,
// and cannot know the URL — so a signed-out visitor is left to the page, whose redirect to
// /login carries the callbackUrl back to where they were going.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) return children;
  return (
    <>
      <AppShell user={user}>{children}</AppShell>
      <Toaster />
    </>
  );
}
