/**
 * The survey pages' former field, now `Field` of ~/components/form, which shows
 * the server's errors in the first render itself (react-hook-form seeds its
 * form state with the `errors` option `useValidatedForm` passes, on the
 * server too). These aliases keep app/routes/invite.tsx and the campaign
 * monitor working until their owners switch the import.
 */
import type { ReactNode } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { Field, useFieldError as useFormFieldError } from "~/components/form";
import type { FieldErrors } from "~/utils/forms";

/** @deprecated Use `Field` from ~/components/form (`serverErrors` go to `useValidatedForm`). */
export function ServerAwareField<T extends FieldValues>(props: {
  form: UseFormReturn<T>;
  name: Path<T>;
  label: string;
  hint?: string;
  serverErrors?: FieldErrors;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const { serverErrors: _serverErrors, ...rest } = props;
  return <Field {...rest} />;
}

/** @deprecated Use `useFieldError(form)` from ~/components/form. */
export function useFieldError<T extends FieldValues>(form: UseFormReturn<T>, _serverErrors?: FieldErrors) {
  return useFormFieldError(form);
}
