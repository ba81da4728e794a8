// The Agent Hub inbox: approvals and reviews for people, worked through the hub's /api/ with the person's own bearer
// token. Plain DOM, no framework and nothing loaded from elsewhere. Every value from the hub is put in the page as
// text (textContent), never as markup. The token is kept in sessionStorage only (this tab, until it closes); its
// claims are read here for display, and the hub checks it on every call.
'use strict';

(() => {
  const TOKEN_KEY = 'agent-hub-inbox.token';
  const OIDC_KEY = 'agent-hub-inbox.oidc';
  /** A numbered personal-data token, which the hub can reveal: <PERSON_1>, <IBAN_CODE_2>. */
  const TOKEN_PATTERN = /<([A-Z][A-Z_]*?)_(\d+)>/g;

  const $ = (id) => document.getElementById(id);

  let config = {
    signIn: 'token', issuer: null, clientId: null, scope: 'openid', rolesClaim: 'roles', tenantsClaim: 'tenants',
    roleNames: {}, revealRoles: ['approver', 'compliance'], pageSize: 50,
  };
  /** The signed-in person: {token, subject, roles, tenants, expires}. */
  let session = null;
  const lists = {
    approvals: { path: '/api/v1/approvals?status=awaiting', items: [], next: null, key: 'approvalId' },
    reviews: { path: '/api/v1/reviews?status=pending', items: [], next: null, key: 'reviewId' },
  };
  /** What the detail shows: {kind: 'approval'|'review', id, requestId}. */
  let opened = null;

  // ---------------------------------------------------------------- the page's parts

  /** An element with attributes (class, text, on<event>, anything else as an attribute) and children (nodes or text). */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) {
        continue;
      }
      if (name === 'class') {
        node.className = value;
      } else if (name === 'text') {
        node.textContent = value;
      } else if (name.startsWith('on')) {
        node.addEventListener(name.slice(2), value);
      } else {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    }
    for (const child of children.flat(Infinity)) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(child instanceof Node ? child : String(child));
      }
    }
    return node;
  }

  /** Says what happened in the live region; cleared first so that the same words twice are read twice. */
  function announce(text) {
    const status = $('status');
    status.textContent = '';
    window.setTimeout(() => { status.textContent = text; }, 30);
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  // ---------------------------------------------------------------- calls to the hub

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem.detail || problem.title || ('HTTP ' + status));
      this.status = status;
      this.problem = problem;
    }
  }

  /** What a refused call says to a person: the problem's detail, with the status for those who know them. */
  function problemText(error) {
    if (!(error instanceof ApiError)) {
      return error && error.message ? error.message : String(error);
    }
    const problem = error.problem || {};
    const title = problem.title || 'Refused';
    const detail = problem.detail ? ': ' + problem.detail : '';
    return error.status ? `${title} (${error.status})${detail}` : `${title}${detail}`;
  }

  /** A call to the hub's API with the person's token; an answer outside 2xx is thrown as an ApiError. */
  async function api(method, path, body) {
    if (!session) {
      throw new ApiError(401, { title: 'Not signed in', detail: 'Sign in first.' });
    }
    const headers = { 'Authorization': 'Bearer ' + session.token, 'Accept': 'application/json, application/problem+json' };
    const init = { method, headers, credentials: 'omit', cache: 'no-store', redirect: 'error' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, { title: 'The hub did not answer', detail: 'Check the connection and try again.' });
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      const problem = json && typeof json === 'object' && !Array.isArray(json) ? json
        : { title: response.statusText || 'Refused', detail: '' };
      const error = new ApiError(response.status, problem);
      if (response.status === 401) {
        signOut('The hub no longer takes this token. ' + problemText(error));
      }
      throw error;
    }
    return { json, headers: response.headers };
  }

  /**
   * The next page's address from an RFC 8288 Link header, only when it is this hub's /api/: the token goes with it,
   * so a link elsewhere is never followed.
   */
  function nextLink(header) {
    if (!header) {
      return null;
    }
    for (const match of header.matchAll(/<([^>]*)>([^,]*)/g)) {
      const rel = /;\s*rel\s*=\s*"?([^";]*)"?/i.exec(match[2]);
      if (rel && rel[1].split(/\s+/).includes('next')) {
        const url = new URL(match[1], window.location.href);
        if (url.origin === window.location.origin && url.pathname.startsWith('/api/')) {
          return url.pathname + url.search;
        }
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- signing in

  function base64UrlDecode(text) {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const binary = window.atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  }

  function base64UrlEncode(bytes) {
    let binary = '';
    new Uint8Array(bytes).forEach((b) => { binary += String.fromCharCode(b); });
    return window.btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /** The token's claims, read for display only (the signature is the hub's to check). */
  function claimsOf(token) {
    const parts = token.split('.');
    if (parts.length !== 3) {
      throw new Error('This is not a bearer token: a token is three parts separated by dots.');
    }
    try {
      return JSON.parse(base64UrlDecode(parts[1]));
    } catch (e) {
      throw new Error('This is not a bearer token: its claims cannot be read.');
    }
  }

  function claimAt(claims, path) {
    return String(path || '').split('.').reduce((value, key) => (value && typeof value === 'object' ? value[key] : undefined), claims);
  }

  function asList(value) {
    if (Array.isArray(value)) {
      return value.map(String);
    }
    return typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : [];
  }

  function startSession(token) {
    const claims = claimsOf(token);
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) {
      throw new Error('This token has expired; print a new one.');
    }
    const roleOf = {};
    for (const [role, claimValue] of Object.entries(config.roleNames || {})) {
      roleOf[claimValue] = role;
    }
    const roles = asList(claimAt(claims, config.rolesClaim)).map((v) => roleOf[v] || (Object.keys(roleOf).length ? null : v))
      .filter(Boolean);
    session = {
      token, subject: claims.sub || '(no subject)', roles, tenants: asList(claimAt(claims, config.tenantsClaim)),
      expires: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null,
    };
    window.sessionStorage.setItem(TOKEN_KEY, token);
    $('who-subject').textContent = session.subject;
    $('who-roles').textContent = 'roles: ' + (roles.length ? roles.join(', ') : 'none');
    $('who-tenants').textContent = 'tenants: ' + (session.tenants.length ? session.tenants.join(', ') : 'none');
    show($('who'), true);
    show($('sign-in'), false);
    show($('work'), true);
    $('token-input').value = '';
    closeDetail(false);
    announce(`Signed in as ${session.subject} (${roles.join(', ') || 'no role'}).`);
    refreshLists().then(() => $('approvals-title').focus());
  }

  function signOut(message) {
    session = null;
    window.sessionStorage.removeItem(TOKEN_KEY);
    for (const list of Object.values(lists)) {
      list.items = [];
      list.next = null;
    }
    $('approvals-list').replaceChildren();
    $('reviews-list').replaceChildren();
    closeDetail(false);
    show($('who'), false);
    show($('work'), false);
    showSignIn(message);
    announce(message || 'Signed out.');
  }

  function showSignIn(message) {
    const problem = $('sign-in-problem');
    problem.textContent = message || '';
    show(problem, Boolean(message));
    show($('oidc-sign-in'), config.signIn === 'oidc');
    $('oidc-issuer').textContent = config.issuer || '';
    show($('sign-in'), true);
    (config.signIn === 'oidc' ? $('oidc-button') : $('token-input')).focus();
  }

  function signInWithPastedToken(event) {
    event.preventDefault();
    const input = $('token-input');
    const token = input.value.trim().replace(/^Bearer\s+/i, '');
    if (!token) {
      input.setAttribute('aria-invalid', 'true');
      showSignIn('Paste a bearer token first.');
      input.focus();
      return;
    }
    try {
      input.removeAttribute('aria-invalid');
      startSession(token);
    } catch (e) {
      input.setAttribute('aria-invalid', 'true');
      showSignIn(e.message);
      input.focus();
    }
  }

  // The Authorization Code flow with PKCE (RFC 7636) against the OIDC provider of hub.auth.issuer-url, as a public
  // client: the verifier and state live in this tab's sessionStorage between leaving for the provider and returning.

  function redirectUri() {
    return window.location.origin + '/inbox/';
  }

  async function discovery() {
    const issuer = config.issuer.replace(/\/+$/, '');
    const response = await fetch(issuer + '/.well-known/openid-configuration', { credentials: 'omit', cache: 'no-store' });
    if (!response.ok) {
      throw new Error(`The provider's discovery document cannot be read (${response.status}).`);
    }
    const metadata = await response.json();
    if (String(metadata.issuer).replace(/\/+$/, '') !== issuer) {
      throw new Error('The provider\'s discovery document names another issuer.');
    }
    return metadata;
  }

  async function oidcStart() {
    try {
      const metadata = await discovery();
      const verifier = base64UrlEncode(window.crypto.getRandomValues(new Uint8Array(48)));
      const state = base64UrlEncode(window.crypto.getRandomValues(new Uint8Array(24)));
      const challenge = base64UrlEncode(await window.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
      window.sessionStorage.setItem(OIDC_KEY, JSON.stringify({ verifier, state, tokenEndpoint: metadata.token_endpoint }));
      const url = new URL(metadata.authorization_endpoint);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', config.clientId);
      url.searchParams.set('redirect_uri', redirectUri());
      url.searchParams.set('scope', config.scope || 'openid');
      url.searchParams.set('state', state);
      url.searchParams.set('code_challenge', challenge);
      url.searchParams.set('code_challenge_method', 'S256');
      window.location.assign(url.toString());
    } catch (e) {
      showSignIn(e.message);
    }
  }

  async function oidcFinish(parameters) {
    const pending = JSON.parse(window.sessionStorage.getItem(OIDC_KEY) || 'null');
    window.sessionStorage.removeItem(OIDC_KEY);
    // the code leaves the address bar (and the history) at once
    window.history.replaceState(null, '', window.location.pathname);
    if (!pending || parameters.get('state') !== pending.state) {
      throw new Error('This sign-in answer is not for the sign-in this tab started; sign in again.');
    }
    if (parameters.get('error')) {
      throw new Error('The provider refused the sign-in: ' + (parameters.get('error_description') || parameters.get('error')));
    }
    const response = await fetch(pending.tokenEndpoint, {
      method: 'POST', credentials: 'omit', cache: 'no-store',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code', code: parameters.get('code') || '', redirect_uri: redirectUri(),
        client_id: config.clientId, code_verifier: pending.verifier,
      }),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok || !answer.access_token) {
      throw new Error('The provider did not give a token: ' + (answer.error_description || answer.error || response.status));
    }
    return answer.access_token;
  }

  // ---------------------------------------------------------------- formatting

  function formatTime(iso) {
    if (!iso) {
      return null;
    }
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
      return el('span', { text: iso });
    }
    return el('time', { datetime: iso, title: iso },
      date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
  }

  function deadlineNode(iso) {
    if (!iso) {
      return el('span', { text: 'no deadline' });
    }
    const overdue = new Date(iso).getTime() < Date.now();
    return el('span', { class: overdue ? 'overdue' : null }, overdue ? 'overdue since ' : 'due ', formatTime(iso));
  }

  function money(amount, currency) {
    if (amount === null || amount === undefined || amount === '') {
      return null;
    }
    const number = Number(amount);
    if (currency && Number.isFinite(number)) {
      try {
        return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(number);
      } catch (e) {
        // not an ISO 4217 code: shown as given
      }
    }
    return `${amount}${currency ? ' ' + currency : ''}`;
  }

  function percent(confidence) {
    const number = Number(confidence);
    return confidence === null || confidence === undefined || !Number.isFinite(number) ? null : `${Math.round(number * 100)}%`;
  }

  /** Any JSON value as readable nodes: objects as definition lists, lists as lists. */
  function valueNode(value, key, depth = 0) {
    if (value === null || value === undefined) {
      return el('span', { class: 'muted', text: 'none' });
    }
    if (typeof value !== 'object' || depth > 4) {
      const number = typeof value === 'number' && /confidence|score|probability/i.test(key || '') ? percent(value) : null;
      return textWithTokens(number || (typeof value === 'object' ? JSON.stringify(value) : String(value)));
    }
    if (Array.isArray(value)) {
      if (value.length === 0) {
        return el('span', { class: 'muted', text: 'none' });
      }
      if (value.every((v) => v === null || typeof v !== 'object')) {
        return el('span', { text: value.join(', ') });
      }
      return el('ol', { class: 'values' }, value.map((v) => el('li', {}, valueNode(v, key, depth + 1))));
    }
    const entries = Object.entries(value);
    if (entries.length === 0) {
      return el('span', { class: 'muted', text: 'none' });
    }
    return el('dl', { class: 'values' }, entries.map(([k, v]) => [el('dt', { text: k }), el('dd', {}, valueNode(v, k, depth + 1))]));
  }

  function facts(pairs) {
    return el('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => [el('dt', { text: k }), el('dd', {}, v instanceof Node ? v : String(v))]));
  }

  // ---------------------------------------------------------------- revealing a token's original value

  function mayReveal() {
    return Boolean(session) && session.roles.some((role) => (config.revealRoles || []).includes(role));
  }

  /** The text with each numbered token followed by a Reveal button (for the roles that may), in the opened request. */
  function textWithTokens(text) {
    const container = el('span', { class: 'with-tokens' });
    const requestId = opened && opened.requestId;
    let last = 0;
    for (const match of String(text).matchAll(TOKEN_PATTERN)) {
      container.append(text.slice(last, match.index), tokenNode(match[0], requestId));
      last = match.index + match[0].length;
    }
    container.append(String(text).slice(last));
    return container;
  }

  function tokenNode(token, requestId) {
    const node = el('span', { class: 'token', 'data-token': token }, el('code', { text: token }));
    if (requestId && mayReveal()) {
      node.append(' ', el('button', {
        type: 'button', class: 'reveal', 'aria-label': `Reveal ${token}`,
        onclick: (event) => reveal(token, requestId, event.currentTarget),
      }, 'Reveal'));
    }
    return node;
  }

  async function reveal(token, requestId, button) {
    button.disabled = true;
    try {
      const { json } = await api('POST', `/api/v1/requests/${encodeURIComponent(requestId)}/reveal`, { token });
      let first = null;
      for (const node of $('detail').querySelectorAll('.token')) {
        if (node.dataset.token === token) {
          const value = el('mark', { class: 'revealed', tabindex: '-1' }, json.value);
          node.replaceChildren(el('code', { text: token }), ' ', el('span', { class: 'visually-hidden', text: 'is' }), ' ', value);
          first = first || value;
        }
      }
      if (first) {
        first.focus();
      }
      announce(`${token} revealed; the hub records who revealed it.`);
    } catch (e) {
      button.disabled = false;
      detailProblem(e);
    }
  }

  // ---------------------------------------------------------------- the lists

  function byDeadline(a, b) {
    const da = a.deadline ? Date.parse(a.deadline) : Infinity;
    const db = b.deadline ? Date.parse(b.deadline) : Infinity;
    if (da !== db) {
      return da - db;
    }
    return String(a.createdAt || '').localeCompare(String(b.createdAt || ''));
  }

  async function loadList(name, more) {
    const list = lists[name];
    const before = list.items.length;
    if (more && (list.loading || !list.next)) {
      return;  // one page at a time: a second press while the next page loads would list it twice
    }
    list.loading = true;
    $(name + '-more').disabled = true;
    const problem = $(name + '-problem');
    show(problem, false);
    try {
      const { json, headers } = await api('GET', more ? list.next : `${list.path}&limit=${encodeURIComponent(config.pageSize || 50)}`);
      const items = Array.isArray(json) ? json : [];
      // an item listed already (one that moved between pages while they were read) is shown once
      const seen = new Set(more ? list.items.map((item) => String(item[list.key])) : []);
      const fresh = items.filter((item) => !seen.has(String(item[list.key])));
      list.items = (more ? list.items.concat(fresh) : items).sort(byDeadline);
      const next = nextLink(headers.get('Link'));
      // a next page that is this page again would be followed for ever
      list.next = next && next !== (more ? list.next : null) ? next : null;
    } catch (e) {
      if (e.status === 401) {
        return;
      }
      if (!more) {
        list.items = [];
        list.next = null;
      }
      problem.textContent = problemText(e);
      show(problem, true);
    } finally {
      list.loading = false;
      $(name + '-more').disabled = false;
    }
    renderList(name);
    if (more) {
      // the keyboard goes on where the new page starts
      const added = $(name + '-list').querySelectorAll('button.item')[before];
      if (added) {
        added.focus();
      }
      announce(`${list.items.length} ${name} listed.`);
    }
  }

  async function refreshLists() {
    await Promise.all([loadList('approvals', false), loadList('reviews', false)]);
  }

  function renderList(name) {
    const list = lists[name];
    const ul = $(name + '-list');
    ul.replaceChildren(...list.items.map((item) => el('li', {}, name === 'approvals' ? approvalButton(item) : reviewButton(item))));
    show($(name + '-empty'), list.items.length === 0 && $(name + '-problem').hidden);
    show($(name + '-more'), Boolean(list.next));
    $(name + '-count').textContent = list.items.length ? `(${list.items.length}${list.next ? '+' : ''})` : '';
  }

  function approvalButton(approval) {
    const action = approval.action || {};
    const policy = approval.policy || {};
    const meta = [
      money(action.amount, action.currency), action.risk ? `risk ${action.risk}` : null,
      `${approval.approvals || 0} of ${policy.approvalsNeeded || 1} approvals`,
      session && session.tenants.length > 1 ? approval.tenant : null,
    ].filter(Boolean).join(' · ');
    const isOpen = opened && opened.kind === 'approval' && opened.id === approval.approvalId;
    return el('button', {
      type: 'button', class: 'item', 'aria-current': isOpen ? 'true' : null, 'data-approval-id': approval.approvalId,
      onclick: () => openApproval(approval.approvalId),
    }, el('span', { class: 'item-title' }, `${action.type || 'action'} · ${action.target || ''}`),
    el('span', { class: 'item-meta' }, meta), el('span', { class: 'item-meta' }, deadlineNode(approval.deadline)));
  }

  function reviewButton(review) {
    const contest = review.kind === 'contest';
    const suggestion = review.suggestedLabel
      ? `suggested ${review.suggestedLabel}${percent(review.suggestedConfidence) ? ' (' + percent(review.suggestedConfidence) + ')' : ''}`
      : 'no suggestion';
    const isOpen = opened && opened.kind === 'review' && String(opened.id) === String(review.reviewId);
    return el('button', {
      type: 'button', class: 'item', 'aria-current': isOpen ? 'true' : null, 'data-review-id': review.reviewId,
      'data-request-id': review.requestId,
      onclick: () => openReview(review),
    }, el('span', { class: 'item-title' }, `${contest ? 'Contest' : 'Review'} · ${review.capability || 'an automated decision'}`),
    el('span', { class: 'item-meta' }, [review.reason, suggestion].filter(Boolean).join(' · ')),
    el('span', { class: 'item-meta' }, deadlineNode(review.deadline)));
  }

  function markOpened() {
    for (const name of Object.keys(lists)) {
      renderList(name);
    }
  }

  // ---------------------------------------------------------------- the opened item

  function detailProblem(error) {
    const problem = $('detail-problem');
    if (problem) {
      problem.textContent = problemText(error);
      show(problem, true);
    }
    announce(problemText(error));
  }

  function openDetail(kind, id, requestId) {
    opened = { kind, id, requestId };
    markOpened();
  }

  function closeDetail(returnFocus = true) {
    const was = opened;
    opened = null;
    const detail = $('detail');
    detail.replaceChildren();
    show(detail, false);
    if (session) {
      markOpened();
    }
    if (returnFocus) {
      // the item that opened it, as the lists show it now (they are drawn anew), else the lists' heading
      const attribute = was && (was.kind === 'approval' ? 'data-approval-id' : 'data-review-id');
      const item = was && document.querySelector(`button[${attribute}="${CSS.escape(String(was.id))}"]`);
      (item || $('approvals-title')).focus();
    }
  }

  /** Shows the detail's new content and moves the focus to its heading. */
  function renderDetail(...children) {
    const detail = $('detail');
    detail.replaceChildren(...children.flat().filter(Boolean),
      el('button', { type: 'button', class: 'back', onclick: () => closeDetail(true) }, 'Back to the lists'));
    show(detail, true);
    $('detail-title').focus();
  }

  function section(title, ...content) {
    return el('section', { class: 'part' }, el('h3', { text: title }), ...content);
  }

  function requestTextSection(text) {
    return section('The request, pseudonymised',
      text ? el('p', { class: 'request-text' }, textWithTokens(text))
        : el('p', { class: 'muted', text: 'No request text: this action was not proposed for a customer\'s request.' }),
      text && !mayReveal() && new RegExp(TOKEN_PATTERN.source).test(text)
        ? el('p', { class: 'hint', text: 'Your roles do not include revealing original values.' }) : null);
  }

  function textarea(id, label, hint, rows = 3) {
    return el('div', { class: 'field' },
      el('label', { for: id, text: label }),
      hint ? el('p', { id: id + '-hint', class: 'hint', text: hint }) : null,
      el('textarea', { id, rows, 'aria-describedby': hint ? id + '-hint' : null }));
  }

  /** A required field left empty: says so next to it and in the live region, and puts the focus there. */
  function required(id, message) {
    const field = $(id);
    if (field.value.trim()) {
      field.removeAttribute('aria-invalid');
      return field.value.trim();
    }
    field.setAttribute('aria-invalid', 'true');
    const problem = $('detail-problem');
    problem.textContent = message;
    show(problem, true);
    announce(message);
    field.focus();
    return null;
  }

  function busy(form, on) {
    for (const control of form.querySelectorAll('button, input, select, textarea')) {
      control.disabled = on;
    }
  }

  // ---- approvals

  async function openApproval(approvalId) {
    openDetail('approval', approvalId, null);
    try {
      const { json } = await api('GET', `/api/v1/approvals/${encodeURIComponent(approvalId)}`);
      if (opened && opened.id === approvalId) {
        renderApproval(json);
      }
    } catch (e) {
      if (e.status !== 401) {
        renderDetail(el('h2', { id: 'detail-title', tabindex: '-1', text: 'This approval cannot be shown' }),
          el('p', { id: 'detail-problem', class: 'problem', role: 'alert', text: problemText(e) }));
      }
    }
  }

  function renderApproval(approval) {
    const action = approval.action || {};
    const policy = approval.policy || {};
    opened.requestId = approval.requestId || null;
    opened.id = approval.approvalId;
    const awaiting = String(approval.state || '').toLowerCase() === 'awaiting';
    const decisions = approval.decisions || [];
    renderDetail(
      el('h2', { id: 'detail-title', tabindex: '-1' }, `${action.type || 'Action'} on ${action.target || 'no target'}`),
      el('p', { class: 'state' }, el('span', { class: 'badge state-' + String(approval.state || '').toLowerCase(), 'data-state': approval.state },
        `State: ${approval.state}`), ' · ', `${approval.approvals || 0} of ${policy.approvalsNeeded || 1} approvals`, ' · ',
      deadlineNode(approval.deadline)),
      el('p', { id: 'detail-problem', class: 'problem', role: 'alert', hidden: true }),
      requestTextSection(approval.text),
      section('The proposed action', facts([
        ['type', action.type], ['target', action.target], ['amount', money(action.amount, action.currency)],
        ['risk', action.risk], ['reason', action.reason ? textWithTokens(action.reason) : null],
        ['parameters', valueNode(action.parameters || {}, 'parameters')], ['tenant', approval.tenant],
        ['channel', approval.channel], ['request', approval.requestId], ['requested by', approval.requestedBy],
        ['proposed by', approval.proposedBy], ['created', formatTime(approval.createdAt)],
        ['executed', formatTime(approval.executedAt)], ['result', approval.result ? valueNode(approval.result, 'result') : null],
        ['digest', approval.digest],
      ])),
      section('What the models said', action.evidence && Object.keys(action.evidence).length
        ? valueNode(action.evidence, 'evidence') : el('p', { class: 'muted', text: 'No evidence was given.' })),
      section('The policy that applies', facts([
        ['rule', policy.rule], ['matched', policy.matched ? valueNode(policy.matched, 'matched') : null],
        ['approvers', policy.approvers], ['approvals needed', policy.approvalsNeeded], ['deadline', policy.deadline],
        ['escalation', policy.escalation], ['editable', (policy.editable || []).join(', ') || 'nothing'],
      ])),
      section('Decisions so far', decisions.length ? decisionTable(decisions) : el('p', { class: 'muted', text: 'None yet.' })),
      awaiting ? decisionForm(approval) : null);
  }

  function decisionTable(decisions) {
    return el('table', { class: 'decisions' },
      el('thead', {}, el('tr', {}, ['who', 'decision', 'reason', 'when'].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, decisions.map((d) => el('tr', {},
        el('td', { text: d.decidedBy || '' }), el('td', { text: d.decision || '' }),
        el('td', {}, textWithTokens(d.reason || '')), el('td', {}, formatTime(d.at) || '')))));
  }

  function parameterField(name, value, index) {
    const id = 'parameter-' + index;
    if (typeof value === 'boolean') {
      return el('div', { class: 'field check' },
        el('input', { type: 'checkbox', id, 'data-name': name, 'data-kind': 'boolean', checked: value }),
        el('label', { for: id, text: name }));
    }
    const kind = typeof value === 'number' || (name === 'amount' && value !== '' && Number.isFinite(Number(value))) ? 'number' : 'text';
    return el('div', { class: 'field' }, el('label', { for: id, text: name }),
      el('input', { type: 'text', id, value: value === null || value === undefined ? '' : String(value), 'data-name': name,
        'data-kind': kind, inputmode: kind === 'number' ? 'decimal' : null, autocomplete: 'off' }));
  }

  /** What an editable parameter is now: in the parameters, or the action's amount. */
  function currentValue(action, name) {
    const parameters = action.parameters || {};
    if (name in parameters) {
      return parameters[name];
    }
    return name === 'amount' ? action.amount : '';
  }

  /**
   * The parameters the person changed (an edit sends only those; the hub refuses an edit that changes nothing), {}
   * when none, or null when a field cannot be read (said next to it).
   */
  function editedParameters(action) {
    const changed = {};
    for (const field of $('edit-fields').querySelectorAll('[data-name]')) {
      const name = field.dataset.name;
      const before = currentValue(action, name);
      field.removeAttribute('aria-invalid');
      if (field.dataset.kind === 'boolean') {
        if (field.checked !== before) {
          changed[name] = field.checked;
        }
      } else if (field.dataset.kind === 'number') {
        const text = field.value.trim();
        const number = Number(text);
        if (text === '' || !Number.isFinite(number)) {
          return invalidField(field, `${name} must be a number.`);
        }
        if (number !== Number(before)) {
          changed[name] = number;
        }
      } else if (field.value !== String(before === null || before === undefined ? '' : before)) {
        if (field.value.length > 500) {
          return invalidField(field, `${name} is longer than 500 characters.`);
        }
        changed[name] = field.value;
      }
    }
    return changed;
  }

  function invalidField(field, message) {
    field.setAttribute('aria-invalid', 'true');
    const problem = $('detail-problem');
    problem.textContent = message;
    show(problem, true);
    announce(message);
    field.focus();
    return null;
  }

  function decisionForm(approval) {
    const action = approval.action || {};
    const editable = (approval.policy && approval.policy.editable) || [];
    const editFields = el('fieldset', { id: 'edit-fields', class: 'edit', hidden: true },
      el('legend', { text: 'The parameters people may edit, as you would have them' }),
      editable.map((name, i) => parameterField(name, currentValue(action, name), i)),
      el('button', { type: 'button', id: 'send-edit', class: 'primary', onclick: () => decide(approval, 'edit') },
        'Send the edited action'));
    const editToggle = el('button', {
      type: 'button', id: 'edit', 'aria-expanded': 'false', 'aria-controls': 'edit-fields',
      onclick: () => {
        const open = editFields.hidden;
        show(editFields, open);
        editToggle.setAttribute('aria-expanded', String(open));
        if (open) {
          const first = editFields.querySelector('input');
          (first || $('send-edit')).focus();
        }
      },
    }, 'Edit');
    return el('form', { id: 'decision-form', class: 'part decide', onsubmit: (event) => event.preventDefault() },
      el('h3', { text: 'Your decision' }),
      textarea('decision-reason', 'Reason (required)', 'Why you decide so; kept with the decision in the audit trail.'
        + ' No personal data, please.'),
      el('div', { class: 'buttons' },
        el('button', { type: 'button', id: 'approve', class: 'primary', onclick: () => decide(approval, 'approve') }, 'Approve'),
        el('button', { type: 'button', id: 'deny', class: 'danger', onclick: () => decide(approval, 'deny') }, 'Deny'),
        editable.length ? editToggle : null),
      editable.length ? editFields : el('p', { class: 'hint', text: 'The policy lets no parameter of this action be edited.' }));
  }

  const DONE = { approve: 'Approved', deny: 'Denied', edit: 'Edited' };

  async function decide(approval, decision) {
    const reason = required('decision-reason', 'Write the reason for your decision first.');
    if (reason === null) {
      return;
    }
    const body = { decision, reason };
    if (decision === 'edit') {
      const parameters = editedParameters(approval.action || {});
      if (parameters === null) {
        return;
      }
      if (Object.keys(parameters).length === 0) {
        invalidField($('edit-fields').querySelector('input') || $('send-edit'), 'Change a parameter first, or approve as it is.');
        return;
      }
      body.parameters = parameters;
    }
    const form = $('decision-form');
    busy(form, true);
    try {
      const { json } = await api('POST', `/api/v1/approvals/${encodeURIComponent(approval.approvalId)}/decision`, body);
      renderApproval(json);
      announce(`${DONE[decision]}. The approval is now ${json.state}` + (json.policy && json.state === 'awaiting'
        ? ` (${json.approvals || 0} of ${json.policy.approvalsNeeded} approvals).` : '.'));
      refreshLists();
    } catch (e) {
      if (e.status !== 401) {
        busy(form, false);
        detailProblem(e);
      }
    }
  }

  // ---- reviews

  function openReview(review) {
    openDetail('review', review.reviewId, review.requestId);
    renderReview(review);
  }

  function attemptsTable(attempts) {
    if (!Array.isArray(attempts) || attempts.length === 0) {
      return el('p', { class: 'muted', text: 'No tier answered.' });
    }
    if (!attempts.every((a) => a && typeof a === 'object' && 'tier' in a)) {
      return valueNode(attempts, 'attempts');
    }
    return el('table', { class: 'attempts' },
      el('thead', {}, el('tr', {}, ['tier', 'model', 'answer', 'confidence', 'accepted', 'why not'].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, attempts.map((a) => el('tr', {},
        el('td', { text: a.tier || '' }), el('td', { text: a.model || '' }), el('td', { text: a.label || 'none' }),
        el('td', { text: percent(a.confidence) || '' }), el('td', { text: a.accepted ? 'yes' : 'no' }),
        el('td', { text: a.rejection || '' })))));
  }

  function renderReview(review) {
    const contest = review.kind === 'contest';
    const pending = String(review.status || '').toLowerCase() === 'pending';
    const resolution = review.resolution;
    renderDetail(
      el('h2', { id: 'detail-title', tabindex: '-1' }, `${contest ? 'Contested decision' : 'Review'}: ${review.capability || 'the front door\'s decision'}`),
      el('p', { class: 'state' }, el('span', { class: 'badge', 'data-state': review.status }, `Status: ${review.status}`), ' · ',
        deadlineNode(review.deadline)),
      el('p', { id: 'detail-problem', class: 'problem', role: 'alert', hidden: true }),
      requestTextSection(review.text),
      section('Why it is here', facts([['reason', review.reason], ['kind', review.kind], ['request', review.requestId],
        ['tenant', review.tenant], ['queued', formatTime(review.createdAt)], ['the request now', requestState(review.request)]])),
      section('What the models suggested', facts([
        ['suggested', review.suggestedLabel || 'nothing'], ['confidence', percent(review.suggestedConfidence)]]),
      attemptsTable(review.attempts)),
      resolution ? section('Resolution', facts([['by', resolution.by], ['at', formatTime(resolution.at)],
        ['choice', resolution.choice], ['intent', resolution.intent], ['note', resolution.note ? textWithTokens(resolution.note) : null],
        ['the request now', requestState(review.request)]])) : null,
      pending ? (contest ? contestForm(review) : resolutionForm(review)) : null);
  }

  /** Where a request stands, from a review item's {status, outcome, route}. */
  function requestState(request) {
    if (!request || typeof request !== 'object') {
      return null;
    }
    return [request.status, request.outcome && request.outcome !== request.status ? `answered ${request.outcome}` : null,
      request.route ? `by ${request.route}` : null].filter(Boolean).join(', ');
  }

  function labelSelect(id, labels, suggested, optional) {
    const options = (labels || []).map((label) => el('option', { value: label, selected: label === suggested }, label));
    return el('select', { id }, optional ? el('option', { value: '' }, 'keep the intent as it was') : null, options);
  }

  function resolutionForm(review) {
    return el('form', { id: 'resolution-form', class: 'part decide', onsubmit: (event) => event.preventDefault() },
      el('h3', { text: 'Your resolution' }),
      textarea('resolution-note', 'Note (required)', 'Why you resolve it so; kept with the resolution.'),
      el('div', { class: 'choice' },
        el('label', { for: 'resolution-intent', text: 'Intent' }),
        labelSelect('resolution-intent', review.labels, review.suggestedLabel, false),
        el('button', { type: 'button', id: 'resolve-intent', class: 'primary',
          onclick: () => resolve(review, () => ({ intent: $('resolution-intent').value })) }, 'Resolve with this intent')),
      el('div', { class: 'choice' },
        el('button', { type: 'button', id: 'resolve-out-of-scope', onclick: () => resolve(review, () => ({ outOfScope: true })) },
          'Mark out of scope')),
      el('div', { class: 'choice' },
        textarea('resolution-answer', 'Answer for the customer', 'Sent as the request\'s final answer.'),
        el('button', { type: 'button', id: 'resolve-answer', onclick: () => resolve(review, () => {
          const answer = required('resolution-answer', 'Write the answer for the customer first.');
          return answer === null ? null : { answer };
        }) }, 'Send this answer')));
  }

  function contestForm(review) {
    return el('form', { id: 'resolution-form', class: 'part decide', onsubmit: (event) => event.preventDefault() },
      el('h3', { text: 'Your decision on the contest' }),
      textarea('resolution-note', 'Note (required)', 'Why; the data subject\'s explanation shows the outcome.'),
      el('div', { class: 'buttons' },
        el('button', { type: 'button', id: 'uphold', class: 'primary',
          onclick: () => resolve(review, () => ({ decision: 'uphold' })) }, 'Uphold the decision')),
      el('div', { class: 'choice' },
        el('label', { for: 'overturn-intent', text: 'Re-run the request with the intent (optional)' }),
        labelSelect('overturn-intent', review.labels, null, true),
        el('button', { type: 'button', id: 'overturn', class: 'danger', onclick: () => resolve(review, () => {
          const intent = $('overturn-intent').value;
          return intent ? { decision: 'overturn', intent } : { decision: 'overturn' };
        }) }, 'Overturn the decision')));
  }

  async function resolve(review, choice) {
    const note = required('resolution-note', 'Write a note for your resolution first.');
    if (note === null) {
      return;
    }
    const chosen = choice();
    if (chosen === null) {
      return;
    }
    const form = $('resolution-form');
    busy(form, true);
    try {
      const { json } = await api('POST', `/api/v1/reviews/${encodeURIComponent(review.reviewId)}/resolution`,
        Object.assign(chosen, { note }));
      const resolved = Object.assign({}, review, json || {});
      renderReview(resolved);
      const now = requestState(resolved.request);
      announce(`Resolved. The review is now ${resolved.status}` + (now ? `; the request is ${now}.` : '.'));
      refreshLists();
    } catch (e) {
      if (e.status !== 401) {
        busy(form, false);
        detailProblem(e);
      }
    }
  }

  // ---------------------------------------------------------------- start

  async function readConfig() {
    try {
      const response = await fetch('config.json', { credentials: 'omit', cache: 'no-store' });
      if (response.ok) {
        config = Object.assign(config, await response.json());
      }
    } catch (e) {
      // the defaults: a pasted token of the embedded issuer
    }
  }

  async function start() {
    $('token-form').addEventListener('submit', signInWithPastedToken);
    $('oidc-button').addEventListener('click', oidcStart);
    $('sign-out').addEventListener('click', () => signOut('Signed out.'));
    $('refresh').addEventListener('click', async () => {
      await refreshLists();
      announce(`Lists refreshed: ${lists.approvals.items.length} approvals, ${lists.reviews.items.length} reviews.`);
    });
    $('approvals-more').addEventListener('click', () => loadList('approvals', true));
    $('reviews-more').addEventListener('click', () => loadList('reviews', true));
    $('approvals-title').setAttribute('tabindex', '-1');
    $('detail').addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        closeDetail(true);
      }
    });
    await readConfig();
    const parameters = new URLSearchParams(window.location.search);
    if (parameters.has('code') || parameters.has('error')) {
      try {
        startSession(await oidcFinish(parameters));
      } catch (e) {
        showSignIn(e.message);
      }
      return;
    }
    const stored = window.sessionStorage.getItem(TOKEN_KEY);
    if (stored) {
      try {
        startSession(stored);
        return;
      } catch (e) {
        window.sessionStorage.removeItem(TOKEN_KEY);
        showSignIn(e.message);
        return;
      }
    }
    showSignIn();
  }

  start();
})();
