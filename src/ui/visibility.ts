import type { Disposable } from "../shared/disposable";

/**
 * Tells when an element starts or stops being shown (a tab panel's `hidden`, display: none),
 * so a view follows the daemon only while someone can see it. The element must not be inline.
 */
export function observeVisibility(element: Element, onChange: (visible: boolean) => void): Disposable {
  let visible: boolean | undefined;
  const observer = new ResizeObserver(() => {
    const now = element.getClientRects().length > 0;
    if (now === visible) return;
    visible = now;
    onChange(now);
  });
  observer.observe(element);
  return { dispose: () => observer.disconnect() };
}
