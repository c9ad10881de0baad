/**
 * Photos on a form taken on site: `<PhotoField>` (the camera/file input with
 * previews) and `usePhotoSubmit()` (shrinks the photos in the phone and
 * submits; on a network failure it keeps everything and offers a retry).
 *
 * Without JavaScript the form is a plain
 * `<Form method="post" encType="multipart/form-data">`: the input posts its
 * files and the action (parseMultipartForm) answers as usual.
 *
 * With JavaScript the upload is a plain `fetch` of the form's FormData to
 * the form's action (the document URL, no `.data`, no `_data`), because only
 * there can a failed connection be caught: a Remix submission (`useSubmit`,
 * `fetcher.submit`, even through a `clientAction`) that never reaches the
 * server ends on the error page, and with single fetch the loaders'
 * revalidation fails right after. Then, by the answer (`nextStep`):
 * - no answer (offline, connection reset): the form stays as it is, with a
 *   Retry button; the hidden `clientKey` lets the action find what an
 *   attempt whose answer was lost already wrote;
 * - a redirect (the action's success, or sign-in): fetch followed it, the
 *   form is reset (new clientKey, no photos: a page that redirects to itself
 *   records the next one afresh) and the page navigates there through Remix;
 * - a refusal (4xx: bad input writes nothing): the same body is posted again
 *   through Remix (`useSubmit`), so the page shows the action's messages as
 *   any form does. Costs a second upload of the already shrunk photos, only
 *   when the client's own checks missed something.
 * - a 2xx page: the loaders are revalidated. Actions behind a photo form
 *   answer success with a redirect (post/redirect/get), so this is rare.
 *
 * A page:
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
import { useNavigate, useNavigation, useRevalidator, useSubmit } from "@remix-run/react";
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { MAX_PHOTOS } from "../../domain/findings";
import { useMessage } from "./form-message";
import { CLIENT_KEY_FIELD, randomKey } from "~/utils/photo-form";
import { shrinkImage } from "~/utils/shrink-image.client";
import photosCss from "~/styles/photos.css?url";

/** The field's stylesheet, for the route's `links`. */
export const photoFieldLinks = [{ rel: "stylesheet", href: photosCss }] as const;

export type NextStep = { kind: "navigate"; to: string } | { kind: "revalidate" } | { kind: "resubmit" };

/** What the page does with the answer to an upload (see the module's comment). */
export function nextStep(answer: Pick<Response, "redirected" | "ok" | "url">): NextStep {
  if (answer.redirected) {
    const url = new URL(answer.url);
    return { kind: "navigate", to: `${url.pathname}${url.search}${url.hash}` };
  }
  return answer.ok ? { kind: "revalidate" } : { kind: "resubmit" };
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
  // Made on the server; when hydrating, the browser takes the server's key from the page (same useId),
  // so the key never changes under a mounted form, before or after a failed attempt.
  const [key, setKey] = useState(() => (typeof document === "undefined" ? null : document.getElementById(`${id}-key`)?.getAttribute("value")) || randomKey());
  const previews = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files]);
  useEffect(() => () => previews.forEach((url) => URL.revokeObjectURL(url)), [previews]);
  // A reset form (usePhotoSubmit resets it after a success) is a new form: no photos, a new clientKey,
  // so a page that records one finding after another never sends the previous one's key.
  useEffect(() => {
    const form = input.current?.form;
    if (!form) return;
    const onReset = () => {
      setFiles([]);
      setOverMax(false);
      setKey(randomKey());
    };
    form.addEventListener("reset", onReset);
    return () => form.removeEventListener("reset", onReset);
  }, []);

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
      {clientKey ? <input id={`${id}-key`} type="hidden" name={CLIENT_KEY_FIELD} value={key} readOnly /> : null}
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
 * is uploaded (see the module's comment). `status` is the live region to
 * render in the form (shrinking, uploading, the network failure with Retry).
 */
export function usePhotoSubmit() {
  const { t } = useTranslation();
  const submitRemix = useSubmit();
  const navigate = useNavigate();
  const { revalidate } = useRevalidator();
  const navigation = useNavigation();
  const [state, setState] = useState<"idle" | "shrinking" | "sending" | "failed">("idle");
  const last = useRef<{ form: HTMLFormElement; submitter: HTMLElement | null } | null>(null);

  const submit = async (form: HTMLFormElement, submitter: HTMLElement | null = null) => {
    last.current = { form, submitter };
    setState("shrinking");
    const body = await photoFormData(form, submitter);
    setState("sending");
    let answer: Response;
    try {
      answer = await fetch(form.action, { method: "POST", body, credentials: "same-origin" });
    } catch {
      setState("failed");
      return;
    }
    setState("idle");
    const step = nextStep(answer);
    // The page the redirect led to is loaded again by Remix: drop this copy unread.
    void answer.body?.cancel().catch(() => undefined);
    if (step.kind === "navigate") {
      // Written: if the page stays (a redirect to itself), the form starts afresh.
      form.reset();
      navigate(step.to);
    } else if (step.kind === "revalidate") revalidate();
    else submitRemix(body, { method: "post", encType: "multipart/form-data", action: new URL(form.action).pathname + new URL(form.action).search });
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submit(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter ?? null);
  };
  // Retry reads the form again: what is typed and chosen now is what is sent (shrunk copies are reused).
  const retry = () => {
    if (last.current) void submit(last.current.form, last.current.submitter);
  };

  const busy = state === "shrinking" || state === "sending" || navigation.state === "submitting";
  const failed = state === "failed";
  const status = (
    <div className="photo-status" aria-live="polite">
      {state === "shrinking" ? <p>{t("photos.submit.shrinking")}</p> : null}
      {state === "sending" || navigation.state === "submitting" ? <p>{t("photos.submit.sending")}</p> : null}
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
