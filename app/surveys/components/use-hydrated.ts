import { useEffect, useState } from "react";

/**
 * False on the server and in the browser's first render, true once React has
 * hydrated: parts that need JavaScript (charts, print buttons) appear only
 * when it runs, and the page without it shows their text alternative.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
