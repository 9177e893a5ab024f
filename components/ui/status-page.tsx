import type { ReactNode } from "react";
import { Brand } from "../shell/brand";

type Props = { code: string; icon: ReactNode; title: string; children: ReactNode; actions: ReactNode };

/** The 403 / 404 message itself: inside the app shell for signed-in pages. */
export function StatusMessage({ code, icon, title, children, actions }: Props) {
  return (
    <div className="mx-auto w-full max-w-md py-10 text-center sm:py-16">
      <div className="mx-auto mb-5 flex size-14 items-center justify-center rounded-2xl bg-white text-accent-600 shadow-sm ring-1 ring-zinc-200">{icon}</div>
      <p className="text-sm font-semibold text-accent-600 tabular">{code}</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-zinc-900 sm:text-3xl">{title}</h1>
      <div className="mt-3 text-sm leading-6 text-zinc-600">{children}</div>
      <div className="mt-8 flex flex-col justify-center gap-2 sm:flex-row">{actions}</div>
    </div>
  );
}

/** The same message as a whole page, outside the shell (it carries its own brand). */
export function StatusPage({ appName, ...props }: Props & { appName: string }) {
  return (
    <div className="flex min-h-dvh flex-col bg-zinc-50">
      <header className="flex h-16 items-center px-4 sm:px-6">
        <Brand name={appName} />
      </header>
      <main id="main" className="flex flex-1 items-center justify-center px-4 pb-16">
        <StatusMessage {...props} />
      </main>
    </div>
  );
}
