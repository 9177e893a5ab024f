"use client";
// Warns before a half-filled form is lost: the browser's own "Leave site?" prompt on reload, close
// and address-bar navigation (beforeunload), and a confirm on in-app links (a click on an <a> to
// another page, caught before Next's <Link> handles it). Only while `dirty`: a pristine form, or one
// whose submit succeeded (pass `dirty && !submitted`), leaves without a word.
import { useTranslations } from "next-intl";
import { useEffect } from "react";

export function useUnsavedChanges(dirty: boolean): void {
  const t = useTranslations("common");
  const message = t("unsavedChanges");
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]");
      if (!(a instanceof HTMLAnchorElement) || (a.target && a.target !== "_self") || a.hasAttribute("download")) return;
      const to = new URL(a.href, window.location.href);
      if (to.origin !== window.location.origin) return; // a full load: beforeunload asks
      if (to.pathname === window.location.pathname && to.search === window.location.search) return; // same page (a hash)
      if (window.confirm(message)) return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    // Capture on window: runs before React's handlers (and so before <Link> navigates).
    window.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      window.removeEventListener("click", onClick, true);
    };
  }, [dirty, message]);
}
