"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * The box around a table (components/ui/table.tsx), which keeps its header row visible on long
 * lists (the CSS is `.table-box` in app/globals.css). Sticky cells stick to the nearest scroll box,
 * so a box that scrolls sideways would hold the header back. Once measured, a table that fits its
 * box gets a plain box (`data-fit="yes"`): the header sticks under the app shell's header as the
 * page scrolls. A wider one (`data-fit="no"`) keeps its sideways scroll and becomes at most a screen
 * tall, scrolling on its own with the header stuck at its top. Until then (server render) the box
 * simply scrolls sideways, so nothing is ever cut off.
 */
export function TableBox({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState<"yes" | "no" | undefined>(undefined);
  useEffect(() => {
    const box = ref.current;
    const table = box?.querySelector("table");
    if (!box || !table) return;
    const measure = () => setFit(table.offsetWidth <= box.clientWidth + 1 ? "yes" : "no");
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    observer.observe(table);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} data-fit={fit} className="table-box overflow-x-auto data-[fit=yes]:overflow-visible">
      {children}
    </div>
  );
}
