import Link from "next/link";
import { BoxesIcon } from "../ui/icons";

export function Brand({ name }: { name: string }) {
  return (
    <Link href="/" className="flex min-h-11 items-center gap-2.5 rounded-lg pr-2 text-zinc-900">
      <span aria-hidden className="flex size-8 items-center justify-center rounded-lg bg-accent-600 text-white shadow-sm">
        <BoxesIcon className="size-[1.125rem]" />
      </span>
      <span className="text-[0.9375rem] font-semibold tracking-tight">{name}</span>
    </Link>
  );
}
