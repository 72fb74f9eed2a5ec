/** One titled region of the page; its heading names it for screen readers and keyboard users. */
import type { ComponentChildren } from 'preact';

export function Panel({ id, title, error, children }: { id: string; title: string; error?: string; children: ComponentChildren }) {
  return (
    <section class={`panel panel-${id}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {children}
    </section>
  );
}
