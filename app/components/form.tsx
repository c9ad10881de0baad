import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import { useId, useMemo, type FormEvent, type ReactNode } from "react";
import { get, set, useForm, type FieldErrors as RhfErrors, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import type { FieldErrors } from "~/utils/messages";

// The message helpers live in a module without react-hook-form, for pages that validate without it.
export { FormError, useMessage } from "./form-message";
import { useMessage } from "./form-message";

/**
 * Dotted server keys ("steps.1.minTotal") as react-hook-form's nested errors.
 * A key that is also the prefix of another ("steps" beside "steps.1.minTotal")
 * goes to `.root`, where field arrays keep their own error.
 */
export function toFormErrors(serverErrors: FieldErrors | undefined): RhfErrors | undefined {
  if (!serverErrors) return undefined;
  const keys = Object.keys(serverErrors).filter((k) => k !== "_form" && serverErrors[k]?.length);
  if (keys.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const isPrefix = keys.some((other) => other.startsWith(`${key}.`));
    set(out, isPrefix ? `${key}.root` : key, { type: "server", message: serverErrors[key]![0] });
  }
  return out as RhfErrors;
}

/**
 * react-hook-form driven by the form's zod schema, with the server's field
 * errors (returned by the action) shown in the same places. It works without
 * JavaScript too:
 * - the server's errors are react-hook-form's `errors` option, so they are in
 *   the very first render (the server-rendered page after a 400);
 * - `field` and `checkbox` add the default value to what `register` returns:
 *   react-hook-form writes values into inputs only in the browser, so without
 *   them a server-rendered edit form would show (and post) empty fields.
 * Submitting posts the real <form>, so without JavaScript the browser posts it
 * and the action answers with the same messages.
 */
export function useValidatedForm<S extends z.core.$ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: { defaultValues?: Partial<z.input<S>>; serverErrors?: FieldErrors } = {},
) {
  const { serverErrors } = options;
  // Memoised on the action's answer: a new object every render would make react-hook-form reset errors in a loop.
  const errors = useMemo(() => toFormErrors(serverErrors), [serverErrors]);
  const form = useForm<z.input<S>>({
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    resolver: zodResolver(schema as any),
    defaultValues: options.defaultValues as never,
    mode: "onTouched",
    errors: errors as never,
  });
  const submit = useSubmit();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const target = event.currentTarget;
    void form.handleSubmit(() => submit(target))(event);
  };
  const defaults = options.defaultValues as Record<string, unknown> | undefined;
  const initial = (name: string): unknown => get(defaults, name);
  type Name = Path<z.input<S>>;
  /** A text input, select or textarea: `register` plus its default value. */
  const field = (name: Name) => {
    const value = initial(name);
    return { ...form.register(name), defaultValue: value === undefined || value === null ? "" : String(value) };
  };
  /** One checkbox of a group whose value is an array of strings. */
  const checkbox = (name: Name, value: string) => {
    const current = initial(name);
    return { ...form.register(name), type: "checkbox" as const, value, defaultChecked: Array.isArray(current) && current.includes(value) };
  };
  return { form, onSubmit, field, checkbox };
}

/**
 * The message of field `name` (a dotted path: "steps.1.minTotal"), or of the
 * array/group itself (`.root`, where `toFormErrors` puts it). One source for
 * both cases: react-hook-form's errors, which hold the server's errors from
 * the first render (`useValidatedForm` passes them as the `errors` option, and
 * react-hook-form seeds its form state with them, on the server too) and the
 * browser's own checks once hydrated.
 */
export function errorMessage(errors: RhfErrors, name: string): string | undefined {
  const e = get(errors, name) as { message?: unknown; root?: { message?: unknown } } | undefined;
  if (typeof e?.message === "string") return e.message;
  return typeof e?.root?.message === "string" ? e.root.message : undefined;
}

/** `errorMessage` for a form: the error of a group that is not one `Field` (a fieldset, a checkbox group). */
export function useFieldError<T extends FieldValues>(form: UseFormReturn<T>) {
  const errors = form.formState.errors;
  return (name: string): string | undefined => errorMessage(errors, name);
}

/**
 * A labelled field with its error read out by screen readers. It shows the
 * server's error in the first render (so without JavaScript too) and the
 * browser's checks after hydration; see `errorMessage`.
 */
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
  const error = errorMessage(form.formState.errors, name);
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
