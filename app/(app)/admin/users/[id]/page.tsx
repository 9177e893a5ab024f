// Admin → Users → one user: edit name and role, deactivate or reactivate (admins only).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getUser } from "@/lib/users/get-user";
import type { UserDto } from "@/lib/users/list-users";
import { setUserActiveAction, updateUserAction } from "../actions";
import { UserForm } from "../user-form";

type Params = Promise<{ id: string }>;

async function load(id: string): Promise<UserDto> {
  const actor = await requireActor();
  try {
    return await getUser(actor, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.users");
  return { title: t("editUser") };
}

export default async function UserPage({ params }: { params: Params }) {
  const { id } = await params;
  const me = await requirePage("user.manage", `/admin/users/${encodeURIComponent(id)}`);
  const user = await load(id);
  const [t, tc] = await Promise.all([getTranslations("admin"), getTranslations("common")]);
  const self = user.id === me.id;
  const update = updateUserAction.bind(null, user.id);
  const setActive = setUserActiveAction.bind(null, user.id, !user.active);

  return (
    <>
      <PageHeader
        title={user.name}
        description={user.email}
        back={{ href: "/admin/users", label: t("sections.users.title") }}
        badge={user.active ? <Badge tone="success" dot>{tc("active")}</Badge> : <Badge tone="neutral">{tc("inactive")}</Badge>}
      />
      <div className="space-y-6">
        <UserForm mode="edit" defaultValues={{ email: user.email, name: user.name, role: user.role, locale: user.locale, password: "" }} action={update} lockRole={self} />
        <Card>
          <CardHeader title={t("users.access")} description={user.active ? t("users.deactivateHint") : t("users.reactivateHint")} />
          <CardBody className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-zinc-500">
              {t("users.createdAt", { at: formatDateTime(user.createdAt) })} ·{" "}
              <Link className="font-medium text-accent-700 hover:underline" href={hrefWith("/admin/audit", { entity: "user", entityId: user.id })}>
                {t("users.history")}
              </Link>
            </p>
            {self ? (
              <p className="text-sm text-zinc-500">{t("users.selfNote")}</p>
            ) : (
              <ConfirmAction
                trigger={user.active ? t("users.deactivate") : t("users.reactivate")}
                triggerVariant={user.active ? "danger" : "secondary"}
                tone={user.active ? "danger" : "primary"}
                title={user.active ? t("users.deactivateTitle", { name: user.name }) : t("users.reactivateTitle", { name: user.name })}
                description={user.active ? t("users.deactivateBody") : t("users.reactivateBody")}
                confirmLabel={user.active ? t("users.deactivate") : t("users.reactivate")}
                cancelLabel={tc("cancel")}
                action={setActive}
                successMessage={user.active ? t("users.toast.deactivated", { name: user.name }) : t("users.toast.reactivated", { name: user.name })}
              />
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
