/** One step of recording: a heading and a list of big links (a phone's thumb, not a mouse). */
export function StepList({ heading, items }: { heading: string; items: { key: string; href: string; title: string; sub?: string }[] }) {
  return (
    <section className="step">
      <h2>{heading}</h2>
      <ul className="step-list">
        {items.map((item) => (
          <li key={item.key}>
            <a href={item.href}>
              <span className="step-title">{item.title}</span>
              {item.sub ? <span className="step-sub">{item.sub}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
