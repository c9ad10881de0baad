/**
 * Photos on a form taken on site: `<PhotoField>` (the camera/file input with
 * previews) and `usePhotoSubmit()` (shrinks the photos in the phone and
 * submits; on a network failure it keeps everything and offers a retry).
 *
 * Without JavaScript the form is a plain
 * `<Form method="post" encType="multipart/form-data">`: the input posts its
 * files and the action (parseMultipartForm) answers as usual.
 *
 * With JavaScript the submission is Remix's own (`useSubmit`, multipart), so
 * redirects, `useActionData` errors and revalidation behave as on any form.
 * The one addition is `photoClientAction`, which the route exports as its
 * `clientAction`: a request that never reached the server (weak signal)
 * becomes a 503 action result instead of the error page, so the form stays
 * mounted with every typed value and chosen photo, and Retry sends it again.
 * (With single fetch, loaders are not revalidated after a 4xx/5xx action
 * result, so the offline page is not refetched either.)
 *
 * A page:
 *   export const clientAction = photoClientAction;
 *   export const handle = { i18n: ["photos"] };
 *   export const links = () => [...photoFieldLinks];
 *   const photo = usePhotoSubmit();
 *   <Form method="post" encType="multipart/form-data" onSubmit={photo.onSubmit}>
 *     <PhotoField name="photos" max={10} error={actionData?.fieldErrors?.photos?.[0]} />
 *     {photo.status}
 *     <button className="primary" disabled={photo.busy}>…</button>
 *   </Form>
 * With useValidatedForm, validate first and then hand the form over:
 *   onSubmit={(e) => { const f = e.currentTarget; void form.handleSubmit(() => photo.submit(f))(e); }}
 */
import { data, useActionData, useNavigation, useSubmit, type ClientActionFunctionArgs } from "@remix-run/react";
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { MAX_PHOTOS } from "../../domain/findings";
import { useMessage } from "./form-message";
import { CLIENT_KEY_FIELD, randomKey } from "~/utils/photo-form";
import { shrinkImage } from "~/utils/shrink-image.client";
import photosCss from "~/styles/photos.css?url";

/** The field's stylesheet, for the route's `links`. */
export const photoFieldLinks = [{ rel: "stylesheet", href: photosCss }] as const;

/** The marker of an action result that never reached the server. */
const UPLOAD_FAILED = "photoUploadFailed";

/** The route's `clientAction`: the server's action, with a network failure answered as a 503 result the form shows. */
export async function photoClientAction({ serverAction }: Pick<ClientActionFunctionArgs, "serverAction">) {
  try {
    return await serverAction();
  } catch (error) {
    // fetch rejects with a TypeError only when no answer came back (offline, connection reset);
    // an action's own thrown Responses (403, 404) are not TypeErrors and go to the error boundary as usual.
    if (error instanceof TypeError) return data({ [UPLOAD_FAILED]: true as const }, { status: 503 });
    throw error;
  }
}

/** Whether an action result is `photoClientAction`'s network failure. */
export function isUploadFailure(result: unknown): boolean {
  return typeof result === "object" && result !== null && (result as Record<string, unknown>)[UPLOAD_FAILED] === true;
}

/**
 * The photo input: opens the camera on a phone (`capture`), several files,
 * each shown as a preview with a remove button, and the count. The chosen
 * files stay in the input itself (kept in sync through DataTransfer), so the
 * form posts them however it is submitted. Adds the hidden `clientKey`
 * field, made once per mounted form.
 */
export function PhotoField({
  name = "photos",
  max = MAX_PHOTOS,
  label,
  error,
  clientKey = true,
}: {
  name?: string;
  max?: number;
  label?: string;
  /** The server's message for the field (a `msg()` key), e.g. `fieldErrors.photos?.[0]`. */
  error?: string;
  /** Whether to add the hidden `clientKey` field (one per form). */
  clientKey?: boolean;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [overMax, setOverMax] = useState(false);
  // Made on the server for the first render and kept by the browser (React does not rewrite it when hydrating).
  const [key] = useState(randomKey);
  const previews = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files]);
  useEffect(() => () => previews.forEach((url) => URL.revokeObjectURL(url)), [previews]);

  /** Puts `next` into the input (so the form posts exactly these) and the previews. */
  const keep = (next: File[]) => {
    try {
      const transfer = new DataTransfer();
      next.forEach((f) => transfer.items.add(f));
      input.current!.files = transfer.files;
      setFiles(next);
    } catch {
      // No DataTransfer constructor (old browsers): the input keeps only its latest choice.
      setFiles(Array.from(input.current?.files ?? []));
    }
  };
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    // A new choice replaces the input's files: add it to the ones chosen before.
    const merged = [...files, ...Array.from(event.currentTarget.files ?? [])];
    setOverMax(merged.length > max);
    keep(merged.slice(0, max));
  };
  const remove = (index: number) => {
    setOverMax(false);
    keep(files.filter((_, i) => i !== index));
  };

  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field photo-field">
      <label htmlFor={id}>{label ?? t("photos.field.label")}</label>
      <p className="hint" id={`${id}-hint`}>
        {t("photos.field.hint", { max })}
      </p>
      <input
        ref={input}
        id={id}
        className="photo-input"
        type="file"
        name={name}
        accept="image/*"
        capture="environment"
        multiple
        data-photo-field=""
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy}
        onChange={onChange}
      />
      {clientKey ? <input type="hidden" name={CLIENT_KEY_FIELD} defaultValue={key} suppressHydrationWarning /> : null}
      <p className="photo-count" aria-live="polite">
        {files.length > 0 ? t("photos.field.count", { count: files.length, max }) : null}
        {overMax ? ` ${t("photos.field.overMax", { max })}` : null}
      </p>
      {files.length > 0 ? (
        <ul className="photo-previews">
          {files.map((file, i) => (
            <li key={previews[i]}>
              <img src={previews[i]} alt={t("photos.field.preview", { n: i + 1 })} />
              <button type="button" className="secondary" aria-label={t("photos.field.removeLabel", { n: i + 1 })} onClick={() => remove(i)}>
                {t("photos.field.remove")}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {message(error)}
        </p>
      ) : null}
    </div>
  );
}

/** Shrunk copies by original, so a retry does not shrink again. */
const shrunk = new WeakMap<File, Promise<File>>();

/**
 * Submitting a form with photos: the photos of every `<PhotoField>` in it
 * are shrunk (≤1600 px JPEG) when the browser can, then the form's FormData
 * is submitted through Remix as multipart. `status` is the live region to
 * render in the form (shrinking, uploading, the network failure with Retry).
 */
export function usePhotoSubmit() {
  const { t } = useTranslation();
  const submitRemix = useSubmit();
  const navigation = useNavigation();
  const actionData = useActionData<unknown>();
  const [shrinking, setShrinking] = useState(false);
  const last = useRef<{ form: HTMLFormElement; submitter: HTMLElement | null } | null>(null);

  const submit = async (form: HTMLFormElement, submitter: HTMLElement | null = null) => {
    last.current = { form, submitter };
    setShrinking(true);
    let body: FormData;
    try {
      body = await photoFormData(form, submitter);
    } finally {
      setShrinking(false);
    }
    submitRemix(body, { method: "post", encType: "multipart/form-data", action: form.getAttribute("action") ?? undefined });
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submit(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter ?? null);
  };
  // Retry reads the form again: what is typed and chosen now is what is sent.
  const retry = () => {
    if (last.current) void submit(last.current.form, last.current.submitter);
  };

  const sending = navigation.state === "submitting";
  const busy = shrinking || sending;
  const failed = !busy && isUploadFailure(actionData);
  const status = (
    <div className="photo-status" aria-live="polite">
      {busy ? <p>{t(shrinking ? "photos.submit.shrinking" : "photos.submit.sending")}</p> : null}
      {failed ? (
        <div className="form-error">
          <p>{t("photos.submit.network")}</p>
          <button type="button" className="primary" onClick={retry}>
            {t("photos.submit.retry")}
          </button>
        </div>
      ) : null}
    </div>
  );
  return { onSubmit, submit, retry, busy, failed, status };
}

/** The form's FormData (with the pressed button's name/value) and the photos of its photo fields shrunk. */
async function photoFormData(form: HTMLFormElement, submitter: HTMLElement | null): Promise<FormData> {
  const body = new FormData(form);
  if (submitter instanceof HTMLButtonElement && submitter.name) body.append(submitter.name, submitter.value);
  const names = new Set(Array.from(form.querySelectorAll<HTMLInputElement>("input[data-photo-field]"), (i) => i.name));
  for (const name of names) {
    const files = body.getAll(name).filter((v): v is File => v instanceof File && v.size > 0);
    body.delete(name);
    for (const file of files) {
      let copy = shrunk.get(file);
      if (!copy) shrunk.set(file, (copy = shrinkImage(file)));
      body.append(name, await copy);
    }
  }
  return body;
}
