// Progressive enhancement: "copy" buttons stay hidden without JavaScript (the links beside them are plain
// and selectable); with it, one tap copies the permalink or the reply text and a live region confirms it.
const liveRegion = document.getElementById('_copy-status');
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy], button[data-copy-from]')) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    const source = button.dataset.copyFrom ? document.getElementById(button.dataset.copyFrom) : null;
    const text = source ? (source.textContent ?? '') : (button.dataset.copy ?? '');
    let ok = true;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      ok = false;
    }
    if (liveRegion) {
      // Clear first so the same message is announced again on a second tap.
      liveRegion.textContent = '';
      liveRegion.textContent = ok ? (button.dataset.copied ?? '') : (button.dataset.copyFailed ?? '');
    }
  });
}
// Maintenance windows that started since the page was built: say so, the static text stays as published.
const now = Date.now();
for (const item of document.querySelectorAll<HTMLElement>('[data-window-start]')) {
  const start = Number(item.dataset.windowStart);
  const end = Number(item.dataset.windowEnd);
  const label = now >= end ? item.dataset.labelEnded : now >= start ? item.dataset.labelInProgress : undefined;
  const badge = item.querySelector<HTMLElement>('.window-live');
  if (label && badge) {
    badge.textContent = label;
    badge.hidden = false;
  }
}
export {};
