// How long an agent has been in their state: every element with data-since shows the time since then (m:ss, or
// h:mm:ss), brought up to date once a second, with the moment itself as its tooltip.
function elapsed(since) {
  const seconds = Math.max(0, Math.floor((Date.now() - new Date(since).getTime()) / 1000));
  const two = (n) => String(n).padStart(2, '0');
  const h = Math.floor(seconds / 3600);
  const m = Math.floor(seconds / 60) % 60;
  return (h ? h + ':' + two(m) : m) + ':' + two(seconds % 60);
}

function showSince(element, since) {
  if (since) {
    element.dataset.since = since;
    element.title = 'since ' + new Date(since).toLocaleTimeString();
    element.textContent = elapsed(since);
  } else {
    delete element.dataset.since;
    element.title = '';
    element.textContent = '';
  }
}

setInterval(() => document.querySelectorAll('[data-since]').forEach((element) => {
  element.textContent = elapsed(element.dataset.since);
}), 1000);
