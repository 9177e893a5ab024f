import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SupplierForm } from "@/components/purchasing/suppliers/supplier-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getSupplier } from "@/lib/purchasing/suppliers";
import { updateSupplierAction } from "../../actions";

type Params = Promise<{ code: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations("suppliers");
  return { title: t("editTitle", { code: decodeURIComponent((await params).code) }) };
}

export default async function EditSupplierPage({ params }: { params: Params }) {
  const code = decodeURIComponent((await params).code);
  const href = `/purchasing/suppliers/${encodeURIComponent(code)}`;
  await requirePage("supplier.write", `${href}/edit`);
  const actor = await requireActor();
  const supplier = await getSupplier(actor, code).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const t = await getTranslations("suppliers");
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title={t("editTitle", { code: supplier.code })} description={supplier.name} back={{ href, label: supplier.name }} />
      <SupplierForm
        mode="edit"
        action={updateSupplierAction.bind(null, supplier.code)}
        cancelHref={href}
        defaultValues={{
          code: supplier.code,
          name: supplier.name,
          contact: supplier.contact ?? "",
          email: supplier.email ?? "",
          phone: supplier.phone ?? "",
          currency: supplier.currency,
          paymentTerms: supplier.paymentTerms ?? "",
          leadTimeDays: supplier.leadTimeDays,
          active: supplier.active,
        }}
      />
    </div>
  );
}
