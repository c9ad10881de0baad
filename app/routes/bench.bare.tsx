import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { defaultRubric } from "../../scoring/index";
import { env } from "~/env.server";
import { surveyResponseSchema } from "~/surveys/schema";
import { parseForm } from "~/utils/forms";

/**
 * The benchmark's baseline (bench/survey.ts): a Remix action that validates
 * the survey form with the same zod schema as the real survey pages and
 * redirects like them, but reads and writes no database. It exists only
 * when the server runs with KAOPING_BENCH=1; otherwise it is a 404 like any
 * unknown path. Public on purpose (no sign-in), like the survey it stands in for.
 */
function requireBench() {
  if (!env().bench) throw new Response("Not Found", { status: 404 });
}

const schema = surveyResponseSchema(defaultRubric("catering").questionnaire.map((q) => q.id));

export function loader() {
  requireBench();
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  requireBench();
  const parsed = await parseForm(request, schema, { maxBytes: 16 * 1024 });
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  return redirect("/bench/bare?done=1");
}

export default function BenchBare() {
  return <p>bench</p>;
}
