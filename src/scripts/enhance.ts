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

// The reader's own time zone, on request: each time gets the local equivalent appended; the published text stays.
const localButton = document.getElementById('_local-times') as HTMLButtonElement | null;
const readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (localButton && readerZone && readerZone !== localButton.dataset.siteZone) {
  localButton.textContent = (localButton.dataset.label ?? '').replace('{zone}', readerZone);
  localButton.hidden = false;
  localButton.addEventListener('click', () => {
    const format = new Intl.DateTimeFormat(document.documentElement.lang, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: readerZone,
      timeZoneName: 'short',
    });
    for (const time of document.querySelectorAll<HTMLTimeElement>('main time[datetime]')) {
      const at = new Date(time.dateTime);
      if (Number.isNaN(at.getTime()) || time.nextElementSibling?.classList.contains('local-time')) continue;
      const local = document.createElement('span');
      local.className = 'local-time';
      local.textContent = ` (${format.format(at)})`;
      time.after(local);
    }
    localButton.disabled = true;
  });
}

export {};
