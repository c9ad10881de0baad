import { useId, type ReactNode } from "react";
import { get, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { useMessage } from "~/components/form";
import type { FieldErrors } from "~/utils/forms";
import { useHydrated } from "./use-hydrated";

/**
 * Like `Field` of ~/components/form, but before hydration (and so always
 * without JavaScript) it shows the error the action returned for the field:
 * react-hook-form only learns of server errors in an effect, which never runs
 * on a page the server rendered for a browser without JavaScript.
 */
export function ServerAwareField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  serverErrors,
  children,
}: {
  form: UseFormReturn<T>;
  name: Path<T>;
  label: string;
  hint?: string;
  serverErrors?: FieldErrors;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  const message = useMessage();
  const hydrated = useHydrated();
  const clientError = (get(form.formState.errors, name) as { message?: unknown } | undefined)?.message;
  const error = hydrated ? (typeof clientError === "string" ? clientError : undefined) : serverErrors?.[name]?.[0];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy || undefined })}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {message(error)}
        </p>
      ) : null}
    </div>
  );
}

/** The error to show for `name` outside a `ServerAwareField` (a fieldset, a checkbox group). */
export function useFieldError<T extends FieldValues>(form: UseFormReturn<T>, serverErrors: FieldErrors | undefined) {
  const hydrated = useHydrated();
  return (name: string): string | undefined => {
    if (!hydrated) return serverErrors?.[name]?.[0];
    const e = (get(form.formState.errors, name) as { message?: unknown } | undefined)?.message;
    return typeof e === "string" ? e : undefined;
  };
}
