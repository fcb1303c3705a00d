// Every write a page makes with the login cookie carries the CSRF token the server set in the XSRF-TOKEN cookie:
// another site can make the browser send the cookie, but cannot read it.
(() => {
  const plainFetch = window.fetch.bind(window);
  const token = () => (document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/) || [])[1];
  window.fetch = (resource, options = {}) => {
    const method = (options.method || 'GET').toUpperCase();
    if (method === 'GET' || method === 'HEAD' || !token()) return plainFetch(resource, options);
    const headers = new Headers(options.headers || {});
    headers.set('X-XSRF-TOKEN', decodeURIComponent(token()));
    return plainFetch(resource, { ...options, headers });
  };
})();
