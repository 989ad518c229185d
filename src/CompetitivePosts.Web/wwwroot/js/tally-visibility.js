// Tells the live tally's circuit which posts are on or near the screen, so a push re-renders only those
// (docs/adr/0030): ten posts' figures re-shaped five times a second were most of a dashboard browser's CPU.
// The circuit keeps an off-screen post as last drawn and brings it up to date as it scrolls into view;
// before printing, every post is reported, but the circuit's re-render arrives after the browser has taken its print
// snapshot, so a print of the dashboard may show an off-screen post as last drawn. The page to print is the
// 计票结果报告 (recounted from the stored ballots); the dashboard is for the screen.

const watched = new WeakMap();

export function observe(list, circuit) {
  stop(list);
  const near = new Set();
  let timer = 0;
  let sent = '';
  const send = (indices) => {
    const key = indices.join(',');
    if (key === sent) {
      return;
    }
    sent = key;
    circuit.invokeMethodAsync('ShowPosts', indices).catch(() => { /* the circuit is gone */ });
  };
  const flush = () => {
    timer = 0;
    send([...near].sort((a, b) => a - b));
  };
  const observer = new IntersectionObserver((entries) => {
    for (const e of entries) {
      const index = Number(e.target.dataset.index);
      if (e.isIntersecting) {
        near.add(index);
      } else {
        near.delete(index);
      }
    }
    // One message per scroll gesture, not one per post crossing the edge.
    if (!timer) {
      timer = setTimeout(flush, 50);
    }
  }, { rootMargin: '400px 0px' });
  const sections = list.querySelectorAll(':scope > [data-index]');
  sections.forEach((s) => observer.observe(s));
  const all = () => {
    sent = '';
    send([...sections].map((s) => Number(s.dataset.index)));
  };
  const afterPrint = () => {
    sent = '';
    flush();
  };
  window.addEventListener('beforeprint', all);
  window.addEventListener('afterprint', afterPrint);
  watched.set(list, { observer, all, afterPrint, clear: () => clearTimeout(timer) });
}

export function stop(list) {
  const w = list && watched.get(list);
  if (!w) {
    return;
  }
  w.observer.disconnect();
  w.clear();
  window.removeEventListener('beforeprint', w.all);
  window.removeEventListener('afterprint', w.afterPrint);
  watched.delete(list);
}
