// Admin → Users → New (admins only).
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/session";
import { createUserAction } from "../actions";
import { UserForm } from "../user-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.users");
  return { title: t("newUser") };
}

export default async function NewUserPage() {
  await requirePage("user.manage", "/admin/users/new");
  const t = await getTranslations("admin");
  return (
    <>
      <PageHeader title={t("users.newUser")} back={{ href: "/admin/users", label: t("sections.users.title") }} />
      <UserForm mode="create" defaultValues={{ email: "", name: "", role: "clerk", locale: (await getLocale()) === "zh" ? "zh" : "en", password: "", sendInvitation: false }} action={createUserAction} />
    </>
  );
}
