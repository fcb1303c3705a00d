// The one small script every page shares: the CSRF token on every write, a new sign-in when the login has expired,
// and the API's own error messages shown to the person, not left in the console.
(() => {
  const plainFetch = window.fetch.bind(window);
  const token = () => (document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/) || [])[1];

  // Every write a page makes with the login cookie carries the token the server set in the XSRF-TOKEN cookie:
  // another site can make the browser send the cookie, but cannot read it.
  window.fetch = (resource, options = {}) => {
    const method = (options.method || 'GET').toUpperCase();
    if (method === 'GET' || method === 'HEAD' || !token()) return plainFetch(resource, options);
    const headers = new Headers(options.headers || {});
    headers.set('X-XSRF-TOKEN', decodeURIComponent(token()));
    return plainFetch(resource, { ...options, headers });
  };

  const signInAgain = () => {
    const error = new Error('Your sign-in has expired: sign in again.');
    error.status = 401;
    location.href = '/login';
    return error;
  };

  // The API's answer as JSON (or text), or {body, headers} when the headers are wanted too; an Error with the API's
  // message when it refuses.
  async function api(path, { method = 'GET', json, body, headers = {}, withHeaders = false } = {}) {
    const options = { method, headers: { ...headers } };
    if (json !== undefined) {
      options.body = JSON.stringify(json);
      options.headers['Content-Type'] = 'application/json';
    } else if (body !== undefined) {
      options.body = body;
    }
    const response = await fetch(path, options);
    if (response.status === 401) throw signInAgain();
    const type = response.headers.get('Content-Type') || '';
    const payload = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) {
      const message = (payload && payload.message) || (typeof payload === 'string' && payload)
        || response.status + ' ' + response.statusText;
      const error = new Error(response.status === 403 ? 'Your login may not do this. ' + message : message);
      error.status = response.status;
      error.payload = payload;
      throw error;
    }
    return withHeaders ? { body: payload, headers: response.headers } : payload;
  }

  // An element: dialer.el('td', {className: 'muted'}, 'text', child...)
  function el(tag, { dataset = {}, ...props } = {}, ...children) {
    const element = Object.assign(document.createElement(tag), props);
    Object.assign(element.dataset, dataset);
    children.flat().forEach((child) => child != null && element.append(child instanceof Node ? child : String(child)));
    return element;
  }

  // The message in the page's message line (role=alert, so screen readers say it too); cleared with no error.
  function show(error, where = 'message') {
    const line = document.getElementById(where);
    line.textContent = error ? (error.message || String(error)) : '';
    line.className = 'message';
  }

  function notice(text, where = 'message') {
    const line = document.getElementById(where);
    line.textContent = text;
    line.className = 'notice';
  }

  // Runs an action from a button: the button waits while it runs, an error is shown, nothing is left half-done.
  async function act(button, action, where = 'message') {
    button.disabled = true;
    try {
      show(null, where);
      return await action();
    } catch (error) {
      show(error, where);
      return undefined;
    } finally {
      button.disabled = false;
    }
  }

  // A CSV of rows (objects), for download; cells that a spreadsheet would run as a formula are quoted as text.
  function csv(rows, columns) {
    const cell = (value) => {
      let text = value == null ? '' : String(value);
      if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
      return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    };
    return [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))].join('\n') + '\n';
  }

  // Every page's way to the others: the header's nav, filled the same on each page.
  const PAGES = [['/', 'Home'], ['/wallboard.html', 'Wallboard'], ['/campaigns.html', 'Campaigns'],
    ['/agents.html', 'Agents'], ['/leads.html', 'Leads'], ['/calls.html', 'Calls'], ['/reports.html', 'Reports'],
    ['/webhooks.html', 'Webhooks'], ['/rules.html', 'Rules'], ['/camunda/app/cockpit/', 'Cockpit']];
  document.addEventListener('DOMContentLoaded', () => {
    document.querySelectorAll('nav.pages:empty').forEach((nav) => nav.append(...PAGES
      .filter(([path]) => path !== location.pathname)
      .map(([path, label]) => el('a', { href: path, textContent: label }))));
  });

  window.dialer = { api, el, show, notice, act, csv };
})();
