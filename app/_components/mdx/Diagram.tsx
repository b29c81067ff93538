// <Diagram name="..." caption="..."/>: a lesson figure. The SVG carries <title>/<desc> for screen
// readers, and the same description is one click away for everyone ("Describe this diagram").
import { isDiagramName } from "@/lib/content/mdx-components";
import { diagrams } from "./diagrams";
import { Defs } from "./svg";
import styles from "./mdx.module.css";

export function Diagram({ name, caption }: { name: string; caption?: string }) {
  if (!isDiagramName(name)) throw new Error(`unknown diagram "${name}"`);
  const d = diagrams[name];
  const id = `dg-${name}`;
  return (
    <figure className={styles.diagram}>
      <svg viewBox={`0 0 ${d.width} ${d.height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className={styles.diagramSvg} fontFamily="inherit">
        <title id={`${id}-title`}>{d.title}</title>
        <desc id={`${id}-desc`}>{d.description}</desc>
        <Defs />
        {d.body}
      </svg>
      <figcaption className={styles.diagramCaption}>
        {caption ?? d.title}
        <details className={styles.diagramText}>
          <summary>Describe this diagram</summary>
          <p>{d.description}</p>
        </details>
      </figcaption>
    </figure>
  );
}
