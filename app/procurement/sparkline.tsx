/**
 * A sparkline: a tiny inline SVG line of a few values (the quarter totals of a
 * term, its satisfaction rates), named for screen readers by `label`, which
 * lists the values (the drawing itself is decoration). A null value breaks
 * the line. No chart library: it is drawn on the server too.
 */
const WIDTH = 120;
const HEIGHT = 32;
const PAD = 3;

/** The SVG path of `values` on [min, max]: one "M … L …" run per stretch without a gap. */
export function sparkPath(values: readonly (number | null)[], min: number, max: number): { d: string; dots: { x: number; y: number }[] } {
  const step = values.length > 1 ? (WIDTH - 2 * PAD) / (values.length - 1) : 0;
  const span = max - min || 1;
  const dots: { x: number; y: number }[] = [];
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = values.length > 1 ? PAD + i * step : WIDTH / 2;
    const clamped = Math.min(max, Math.max(min, v));
    const y = HEIGHT - PAD - ((clamped - min) / span) * (HEIGHT - 2 * PAD);
    const point = `${x.toFixed(1)} ${y.toFixed(1)}`;
    d += `${pen ? " L" : d ? " M" : "M"} ${point}`;
    pen = true;
    dots.push({ x, y });
  });
  return { d, dots };
}

export function Sparkline({ values, min, max, label, testId }: { values: readonly (number | null)[]; min: number; max: number; label: string; testId?: string }) {
  const { d, dots } = sparkPath(values, min, max);
  return (
    <svg className="sparkline" role="img" aria-label={label} data-testid={testId} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT}>
      <title>{label}</title>
      {d ? <path d={d} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" /> : null}
      {dots.map((p, i) => (
        <circle key={i} cx={p.x.toFixed(1)} cy={p.y.toFixed(1)} r={2} fill="currentColor" />
      ))}
    </svg>
  );
}
