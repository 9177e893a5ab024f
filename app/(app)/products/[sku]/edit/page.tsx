import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ProductForm } from "@/components/forms/product-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { listCategoryTree } from "@/lib/catalog/categories";
import { getEntryLimit } from "@/lib/settings/entry-guard";
import { getProduct } from "@/lib/catalog/get-product";
import { specToRows } from "@/lib/catalog/schemas";
import { AppError } from "@/lib/errors";
import { updateProductAction } from "../../actions";

type Params = Promise<{ sku: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations("products");
  return { title: t("editTitle", { sku: decodeURIComponent((await params).sku) }) };
}

export default async function EditProductPage({ params }: { params: Params }) {
  const sku = decodeURIComponent((await params).sku);
  const href = `/products/${encodeURIComponent(sku)}`;
  await requirePage("catalog.write", `${href}/edit`);
  const actor = await requireActor();
  const product = await getProduct(actor, sku).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const [t, categories, entryLimit] = await Promise.all([getTranslations("products"), listCategoryTree(actor), getEntryLimit(actor)]);

  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title={t("editTitle", { sku: product.sku })} description={product.name} back={{ href, label: t("backToProduct") }} />
      <ProductForm
        mode="edit"
        action={updateProductAction.bind(null, product.sku)}
        entryLimit={entryLimit}
        cancelHref={href}
        categories={categories.map((c) => ({ id: c.id, name: c.name, depth: c.depth }))}
        defaultValues={{
          sku: product.sku,
          name: product.name,
          barcode: product.barcode ?? "",
          category: product.category?.id ?? "",
          unit: product.unit,
          minStock: product.minStock,
          safetyStock: product.safetyStock,
          price: { amount: product.price?.amount ?? "", currency: product.price?.currency ?? "CNY" },
          tracking: product.tracking,
          spec: specToRows(product.spec),
        }}
      />
    </div>
  );
}
