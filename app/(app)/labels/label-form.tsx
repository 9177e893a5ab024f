"use client";
// The label options as a GET form to /labels (the page then shows the count and the PDF link).
// Only the fields of the chosen kind are rendered, so the query carries only those.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { controlClasses, Field, Input, Select } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { LABEL_KINDS, MAX_COPIES, SIZE_KEYS, SYMBOLOGIES, type LabelKind } from "@/lib/labels/schemas";

export type LabelFormValues = Partial<Record<"kind" | "symbology" | "size" | "copies" | "warehouse" | "prefix" | "skus" | "category" | "q" | "sku", string>>;

export function LabelForm({
  defaults,
  warehouses,
  categories,
}: {
  defaults: LabelFormValues;
  warehouses: { code: string; name: string }[];
  categories: { id: string; name: string; depth: number }[];
}) {
  const t = useTranslations("labels");
  const [kind, setKind] = useState<LabelKind>((LABEL_KINDS as readonly string[]).includes(defaults.kind ?? "") ? (defaults.kind as LabelKind) : "products");
  return (
    <Card>
      <CardBody>
        <form method="get" action="/labels" className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Field id="label-kind" label={t("kind")}>
              <Select id="label-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as LabelKind)}>
                {LABEL_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="label-symbology" label={t("symbology")}>
              <Select id="label-symbology" name="symbology" defaultValue={defaults.symbology ?? "code128"}>
                {SYMBOLOGIES.map((s) => (
                  <option key={s} value={s}>
                    {t(`symbologies.${s}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="label-size" label={t("size")}>
              <Select id="label-size" name="size" defaultValue={defaults.size ?? "50x25"}>
                {SIZE_KEYS.map((s) => (
                  <option key={s} value={s}>
                    {t(`sizes.${s}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="label-copies" label={t("copies")}>
              <Input id="label-copies" name="copies" type="number" inputMode="numeric" min={1} max={MAX_COPIES} defaultValue={defaults.copies ?? "1"} />
            </Field>
          </div>

          {kind === "locations" ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="label-warehouse" label={t("warehouse")}>
                <Select id="label-warehouse" name="warehouse" defaultValue={defaults.warehouse ?? ""}>
                  <option value="">{t("anyWarehouse")}</option>
                  {warehouses.map((w) => (
                    <option key={w.code} value={w.code}>
                      {w.code} — {w.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field id="label-prefix" label={t("prefix")} hint={t("prefixHint")}>
                <Input id="label-prefix" name="prefix" defaultValue={defaults.prefix ?? ""} autoComplete="off" aria-describedby="label-prefix-hint" />
              </Field>
            </div>
          ) : null}
          {kind === "products" ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="label-skus" label={t("skus")} hint={t("skusHint")} className="sm:row-span-2">
                <textarea id="label-skus" name="skus" rows={4} defaultValue={defaults.skus ?? ""} className={cn(controlClasses, "py-2 font-mono")} aria-describedby="label-skus-hint" />
              </Field>
              <Field id="label-category" label={t("category")}>
                <Select id="label-category" name="category" defaultValue={defaults.category ?? ""}>
                  <option value="">{t("anyCategory")}</option>
                  {categories.map((c) => (
                    <option key={c.id} value={c.id}>
                      {"\u00a0\u00a0".repeat(c.depth)}
                      {c.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field id="label-q" label={t("search")} hint={t("searchHint")}>
                <Input id="label-q" name="q" type="search" defaultValue={defaults.q ?? ""} aria-describedby="label-q-hint" />
              </Field>
            </div>
          ) : null}
          {kind === "lots" ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="label-sku" label={t("lotSku")} hint={t("lotSkuHint")}>
                <Input id="label-sku" name="sku" defaultValue={defaults.sku ?? ""} autoComplete="off" aria-describedby="label-sku-hint" />
              </Field>
            </div>
          ) : null}
          <Button type="submit" className="w-full sm:w-auto">
            {t("preview")}
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
