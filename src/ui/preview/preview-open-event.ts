/** Asks the app to show an address of the preview (preview/<port>/...) in its Ports panel. */
export type PreviewOpenEvent = CustomEvent<{ url: string }>;

export function previewOpenEvent(url: string): PreviewOpenEvent {
  return new CustomEvent("preview-open", { detail: { url }, bubbles: true, composed: true });
}

/**
 * A preview link's click: a plain one opens it in the app's panel; one with a modifier or
 * another button does what the browser does with links (a new tab, which the service worker
 * answers as well).
 */
export function openInPanel(event: MouseEvent, from: EventTarget): void {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  const link = event.currentTarget as HTMLAnchorElement;
  event.preventDefault();
  from.dispatchEvent(previewOpenEvent(link.href));
}
