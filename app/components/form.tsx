import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import { useEffect, useId, type FormEvent, type ReactNode } from "react";
import { useForm, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { decodeMsg, type FieldErrors } from "~/utils/forms";

/** Translates a message made by `msg()` (or a plain key). */
export function useMessage() {
  const { t } = useTranslation();
  return (message: string | undefined) => {
    if (!message) return "";
    const { key, params } = decodeMsg(message);
    return t(key, params);
  };
}

/**
 * react-hook-form driven by the form's zod schema, with the server's field
 * errors (returned by the action) shown in the same places. Submitting posts
 * the real <form>, so without JavaScript the browser posts it and the action
 * answers with the same messages.
 */
export function useValidatedForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: { defaultValues?: Partial<z.input<S>>; serverErrors?: FieldErrors } = {},
) {
  const form = useForm<z.input<S>>({
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    resolver: zodResolver(schema as any),
    defaultValues: options.defaultValues as never,
    mode: "onTouched",
  });
  const submit = useSubmit();
  const { serverErrors } = options;
  useEffect(() => {
    if (!serverErrors) return;
    for (const [name, messages] of Object.entries(serverErrors)) {
      if (name === "_form") continue;
      form.setError(name as Path<z.input<S>>, { type: "server", message: messages[0] }, { shouldFocus: false });
    }
  }, [serverErrors, form]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const target = event.currentTarget;
    void form.handleSubmit(() => submit(target))(event);
  };
  return { form, onSubmit };
}

/** A labelled field with its error read out by screen readers. */
export function Field<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  children,
}: {
  form: UseFormReturn<T>;
  name: Path<T>;
  label: string;
  hint?: string;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  const message = useMessage();
  const error = form.formState.errors[name]?.message;
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
          {message(String(error))}
        </p>
      ) : null}
    </div>
  );
}

export function FormError({ message: text }: { message?: string }) {
  const message = useMessage();
  if (!text) return null;
  return (
    <p className="form-error" role="alert">
      {message(text)}
    </p>
  );
}
