/** One side (before or after) of an audit entry as formatted JSON, or `empty` when there is none. */
export function JsonBlock({ title, value, empty }: { title: string; value: unknown; empty: string }) {
  return (
    <figure className="min-w-0 overflow-hidden rounded-lg border border-zinc-200">
      <figcaption className="border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 text-xs font-medium tracking-wide text-zinc-500 uppercase">{title}</figcaption>
      {value === null || value === undefined ? (
        <p className="px-3 py-2 text-sm text-zinc-400">{empty}</p>
      ) : (
        <pre className="max-h-96 overflow-auto bg-white px-3 py-2 font-mono text-xs leading-5 text-zinc-800">{JSON.stringify(value, null, 2)}</pre>
      )}
    </figure>
  );
}
