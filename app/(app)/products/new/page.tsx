import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProductForm } from "@/components/forms/product-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { listCategoryTree } from "@/lib/catalog/categories";
import { getEntryLimit } from "@/lib/settings/entry-guard";
import { createProductAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("products");
  return { title: t("newTitle") };
}

export default async function NewProductPage() {
  await requirePage("catalog.write", "/products/new");
  const actor = await requireActor();
  const [t, categories, entryLimit] = await Promise.all([getTranslations("products"), listCategoryTree(actor), getEntryLimit(actor)]);
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title={t("newTitle")} description={t("newSubtitle")} back={{ href: "/products", label: t("backToList") }} />
      <ProductForm
        mode="create"
        action={createProductAction}
        entryLimit={entryLimit}
        cancelHref="/products"
        categories={categories.map((c) => ({ id: c.id, name: c.name, depth: c.depth }))}
        defaultValues={{
          sku: "",
          name: "",
          barcode: "",
          category: "",
          unit: "pcs",
          minStock: 0,
          safetyStock: undefined,
          price: { amount: "", currency: "CNY" },
          tracking: "none",
          spec: [],
        }}
      />
    </div>
  );
}
