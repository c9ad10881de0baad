/**
 * The app's routes found the way Remix finds them: every flat-route file of
 * app/routes, with its URL pattern and params, and its loader and action
 * when it exports them. Tests that must cover every route (a new one picked
 * up without touching the test) list them from here.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

type Action = (args: ActionFunctionArgs) => unknown;
type Loader = (args: LoaderFunctionArgs) => unknown;

export interface RouteModule {
  /** The file's name without folder and extension, e.g. `admin.contracts.$id` — Remix's route id without `routes/`. */
  name: string;
  file: string;
  /** The URL pattern, e.g. `/admin/contractors/:id`. */
  pattern: string;
  params: string[];
  loader?: Loader;
  action?: Action;
}

const modules = import.meta.glob<Record<string, unknown>>("/app/routes/*.{ts,tsx}");

/**
 * Remix's flat-routes file name convention, as far as our routes use it:
 * `.` separates segments, `$x` is a param, `_index` and `_`-prefixed
 * segments add none, `[.]` escapes a dot.
 */
export function routePattern(file: string): { pattern: string; params: string[] } {
  const base = file.replace(/^.*\/routes\//, "").replace(/\.(tsx|ts)$/, "");
  const segments = base
    .replace(/\[\.\]/g, "\u0000")
    .split(".")
    .map((s) => s.replace(/\u0000/g, "."));
  const params: string[] = [];
  const parts = segments
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) => {
      if (s.startsWith("$")) {
        params.push(s.slice(1));
        return `:${s.slice(1)}`;
      }
      return s.replace(/_$/, "");
    });
  return { pattern: `/${parts.join("/")}`, params };
}

/** Every route module, sorted by file (loaded: importing a route module has no side effects). */
export async function routeModules(): Promise<RouteModule[]> {
  const out: RouteModule[] = [];
  for (const [file, load] of Object.entries(modules)) {
    const mod = await load();
    const name = file.replace(/^.*\/routes\//, "").replace(/\.(tsx|ts)$/, "");
    out.push({
      name,
      file,
      ...routePattern(file),
      loader: typeof mod.loader === "function" ? (mod.loader as Loader) : undefined,
      action: typeof mod.action === "function" ? (mod.action as Action) : undefined,
    });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** The routes that export an action: every one that can change data. */
export async function actionRoutes(): Promise<(RouteModule & { action: Action })[]> {
  return (await routeModules()).filter((r): r is RouteModule & { action: Action } => r.action !== undefined);
}

/** A URL for `pattern` with its params filled in. */
export function urlFor(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
}
