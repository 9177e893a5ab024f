"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type CSSProperties } from "react";
import { CategoryForm } from "@/components/forms/category-form";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PencilIcon, TrashIcon } from "@/components/ui/icons";
import { deleteCategoryAction, updateCategoryAction } from "./actions";

export type TreeNode = { id: string; name: string; parentId: string | null; depth: number; productCount: number; childCount: number };

/** The node's subtree in a depth-first list: itself and the run of deeper nodes after it. */
function subtreeIds(nodes: TreeNode[], index: number): Set<string> {
  const ids = new Set([nodes[index].id]);
  for (let i = index + 1; i < nodes.length && nodes[i].depth > nodes[index].depth; i++) ids.add(nodes[i].id);
  return ids;
}

export function CategoryTree({ nodes, writable }: { nodes: TreeNode[]; writable: boolean }) {
  const t = useTranslations("categories");
  const tc = useTranslations("common");
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <ul className="divide-y divide-zinc-100" aria-label={t("tree")}>
      {nodes.map((node, i) => {
        const isEditing = editing === node.id;
        const blocked = subtreeIds(nodes, i);
        return (
          <li key={node.id} className={cn(isEditing && "bg-zinc-50/80")}>
            <div
              className="flex min-h-14 items-center gap-3 py-2 pr-3 pl-[calc(1rem+var(--depth)*1rem)] sm:pr-5 sm:pl-[calc(1.25rem+var(--depth)*1.5rem)]"
              style={{ "--depth": node.depth } as CSSProperties}
            >
              {node.depth > 0 ? <span aria-hidden className="-ml-3 h-px w-3 shrink-0 bg-zinc-300" /> : null}
              <div className="min-w-0 flex-1">
                <Link
                  href={`/products?category=${node.id}`}
                  className={cn("break-words hover:text-accent-700 hover:underline", node.depth === 0 ? "font-semibold text-zinc-900" : "font-medium text-zinc-800")}
                >
                  {node.name}
                </Link>
                <p className="text-xs text-zinc-500">
                  {node.productCount ? (
                    <Link href={`/products?category=${node.id}`} className="font-medium text-accent-700 hover:underline">
                      {t("productCount", { n: node.productCount })}
                    </Link>
                  ) : null}
                  {node.productCount && node.childCount ? " · " : null}
                  {node.childCount ? t("childCount", { n: node.childCount }) : null}
                  {!node.productCount && !node.childCount ? t("emptyCategory") : null}
                </p>
              </div>
              {writable && !isEditing ? (
                <div className="flex shrink-0 items-center">
                  <Button variant="ghost" size="icon" className="text-zinc-400 hover:text-zinc-900" onClick={() => setEditing(node.id)}>
                    <PencilIcon className="size-4" />
                    <span className="sr-only">{t("editNamed", { name: node.name })}</span>
                  </Button>
                  <ConfirmAction
                    trigger={
                      <>
                        <TrashIcon className="size-4" />
                        <span className="sr-only">{t("deleteNamed", { name: node.name })}</span>
                      </>
                    }
                    triggerVariant="ghost"
                    triggerClassName="text-zinc-400 hover:bg-red-50 hover:text-red-600"
                    triggerSize="icon"
                    title={t("deleteTitle", { name: node.name })}
                    description={t("deleteBody")}
                    confirmLabel={t("deleteConfirm")}
                    cancelLabel={tc("cancel")}
                    action={() => deleteCategoryAction(node.id)}
                    successMessage={t("toast.deleted")}
                  />
                </div>
              ) : null}
            </div>
            {isEditing ? (
              <div className="pr-3 pb-4 pl-[calc(1rem+var(--depth)*1rem)] sm:pr-5 sm:pl-[calc(1.25rem+var(--depth)*1.5rem)]" style={{ "--depth": node.depth } as CSSProperties}>
                <div className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs">
                  <p className="mb-3 text-sm font-medium text-zinc-900">{t("editTitle", { name: node.name })}</p>
                  <CategoryForm
                    options={nodes.filter((n) => !blocked.has(n.id))}
                    defaultValues={{ name: node.name, parentId: node.parentId ?? "" }}
                    action={(values) => updateCategoryAction(node.id, values)}
                    submitLabel={tc("saveChanges")}
                    onDone={() => setEditing(null)}
                    onCancel={() => setEditing(null)}
                  />
                </div>
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
