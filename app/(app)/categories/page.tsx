import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CategoryForm } from "@/components/forms/category-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TreeIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { listCategoryTree } from "@/lib/catalog/categories";
import { createCategoryAction } from "./actions";
import { CategoryTree, type TreeNode } from "./category-tree";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("categories");
  return { title: t("title") };
}

export default async function CategoriesPage() {
  const user = await requirePage("catalog.read", "/categories");
  const actor = await requireActor();
  const [t, tree] = await Promise.all([getTranslations("categories"), listCategoryTree(actor)]);
  const childCount = new Map<string, number>();
  for (const n of tree) if (n.parentId) childCount.set(n.parentId, (childCount.get(n.parentId) ?? 0) + 1);
  const nodes: TreeNode[] = tree.map((n) => ({ id: n.id, name: n.name, parentId: n.parentId, depth: n.depth, productCount: n.productCount, childCount: childCount.get(n.id) ?? 0 }));
  const writable = can(user.role, "catalog.write");
  const options = nodes.map((n) => ({ id: n.id, name: n.name, depth: n.depth }));

  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        {writable ? (
          <Card aria-labelledby="new-category" className="lg:sticky lg:top-6 lg:order-2">
            <CardHeader id="new-category" title={t("newTitle")} description={t("newHint")} />
            <CardBody>
              <CategoryForm options={options} defaultValues={{ name: "", parentId: "" }} action={createCategoryAction} submitLabel={t("create")} />
            </CardBody>
          </Card>
        ) : null}
        <Card aria-labelledby="tree-heading" className="lg:order-1">
          <CardHeader id="tree-heading" title={t("tree")} description={t("treeHint", { n: nodes.length })} />
          {nodes.length === 0 ? <EmptyState icon={<TreeIcon />} title={t("empty")} /> : <CategoryTree nodes={nodes} writable={writable} />}
        </Card>
      </div>
    </>
  );
}
