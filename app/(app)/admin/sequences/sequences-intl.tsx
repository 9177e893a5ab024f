// The page's client components read the "sequences" messages; this provider hands them exactly
// those, so the page works inside whatever layout wraps it (with or without its own provider).
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";

export async function SequencesIntl({ children }: { children: ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={{ sequences: messages.sequences }}>{children}</NextIntlClientProvider>;
}
