// The Fonella emulator console: plain JavaScript, no build step, no framework. It talks to the
// emulator's admin endpoints only (/_emulator/...), which are never recorded as API requests and
// never take an injected fault. Everything shown is set as text, never as HTML.
'use strict';

const ADMIN = '/_emulator';
const POLL_MILLIS = 500;

const state = {
  account: null,          // GET /_emulator/account
  invocations: [],        // every recorded tool invocation
  deliveries: [],         // every recorded delivery attempt
  seen: { invocations: 0, deliveries: 0 },
  watchedCallId: null,
  follow: true,           // show the newest call until one is picked
  watchedCall: null,
  tryEditor: null,
  tryToolName: null,
  rendered: {},
};

// ---------- small helpers ----------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name.startsWith('on')) el.addEventListener(name.substring(2), value);
    else if (name in el && typeof value !== 'string') el[name] = value;
    else el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

function $(id) {
  return document.getElementById(id);
}

function replace(id, ...children) {
  const el = $(id);
  el.classList.remove('empty');
  el.replaceChildren(...children.flat());
}

function empty(id, text) {
  const el = $(id);
  el.classList.add('empty');
  el.replaceChildren(text);
}

async function api(method, path, body) {
  const response = await fetch(ADMIN + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(json.error && json.error.message ? json.error.message : 'HTTP ' + response.status);
  }
  return json;
}

function toast(text, bad) {
  const el = $('toast');
  el.textContent = text;
  el.className = 'toast' + (bad ? ' bad' : '');
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, bad ? 8000 : 3000);
}

function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleTimeString([], { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
}

function short(id) {
  return id ? String(id).substring(0, 8) : '—';
}

function json(value) {
  return JSON.stringify(value, null, 2);
}

function compact(value) {
  return JSON.stringify(value);
}

function badge(text, kind, title) {
  return h('span', { class: 'badge ' + kind, title }, text);
}

// ---------- JSON Schema: references, checks, forms ----------

function resolve(schema, root) {
  let s = schema || {};
  for (let depth = 0; s.$ref && depth < 20; depth++) {
    const path = s.$ref.replace(/^#\/?/, '').split('/').filter(Boolean)
      .map(part => decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~')));
    let target = root;
    for (const part of path) target = target ? target[part] : undefined;
    const { $ref, ...rest } = s;
    s = { ...(target || {}), ...rest };
  }
  for (const key of ['anyOf', 'oneOf']) {
    if (Array.isArray(s[key])) {
      const options = s[key].filter(o => resolve(o, root).type !== 'null');
      if (options.length === 1 && options.length < s[key].length) {
        const { [key]: _, ...rest } = s;
        return { ...resolve(options[0], root), ...rest, nullable: true };
      }
    }
  }
  if (Array.isArray(s.type)) {
    const types = s.type.filter(t => t !== 'null');
    return { ...s, type: types.length === 1 ? types[0] : types, nullable: types.length < s.type.length };
  }
  return s;
}

function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const FORMATS = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  // RFC 3339 full-time and date-time: seconds and an offset are part of the format
  time: /^\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  email: /^[^@\s]+@[^@\s]+$/,
};

/** What in a value breaks a schema, as sentences naming the argument; empty when it fits. */
function violations(schema, value, root, path) {
  const s = resolve(schema, root);
  const where = path || 'the arguments';
  const found = [];
  if (value === null) {
    if (!s.nullable && s.type && s.type !== 'null') found.push(where + ' must not be null');
    return found;
  }
  const actual = typeOf(value);
  const expected = s.type;
  if (expected && !(expected === actual || (expected === 'number' && actual === 'integer')
      || (Array.isArray(expected) && (expected.includes(actual) || (actual === 'integer' && expected.includes('number')))))) {
    found.push(where + ' must be ' + (Array.isArray(expected) ? expected.join(' or ') : expected) + ', not ' + actual);
    return found;
  }
  if (Array.isArray(s.enum) && !s.enum.some(option => compact(option) === compact(value))) {
    found.push(where + ' must be one of ' + s.enum.map(compact).join(', '));
  }
  if (actual === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength) found.push(where + ' must have at least ' + s.minLength + ' characters');
    if (s.maxLength !== undefined && value.length > s.maxLength) found.push(where + ' must have at most ' + s.maxLength + ' characters');
    if (s.pattern) {
      try {
        if (!new RegExp(s.pattern, 'u').test(value)) found.push(where + ' must match ' + s.pattern);
      } catch (e) { /* a pattern this browser cannot read is not checked */ }
    }
    if (FORMATS[s.format] && !FORMATS[s.format].test(value)) found.push(where + ' must be a ' + s.format);
  }
  if (actual === 'integer' || actual === 'number') {
    if (s.minimum !== undefined && value < s.minimum) found.push(where + ' must be at least ' + s.minimum);
    if (s.maximum !== undefined && value > s.maximum) found.push(where + ' must be at most ' + s.maximum);
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) found.push(where + ' must be above ' + s.exclusiveMinimum);
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) found.push(where + ' must be below ' + s.exclusiveMaximum);
  }
  if (actual === 'object') {
    const properties = s.properties || {};
    for (const name of s.required || []) {
      if (!(name in value)) found.push(argument(path, name) + ' is missing');
    }
    for (const [name, item] of Object.entries(value)) {
      if (properties[name]) found.push(...violations(properties[name], item, root, argument(path, name)));
      else if (s.additionalProperties === false) found.push(argument(path, name) + ' is not an argument of this tool');
      else if (typeof s.additionalProperties === 'object') found.push(...violations(s.additionalProperties, item, root, argument(path, name)));
    }
  }
  if (actual === 'array') {
    if (s.minItems !== undefined && value.length < s.minItems) found.push(where + ' must have at least ' + s.minItems + ' items');
    if (s.maxItems !== undefined && value.length > s.maxItems) found.push(where + ' must have at most ' + s.maxItems + ' items');
    if (s.items) value.forEach((item, i) => found.push(...violations(s.items, item, root, where + '[' + i + ']')));
  }
  return found;
}

function argument(path, name) {
  return path ? path + '.' + name : "'" + name + "'";
}

/**
 * A form field for a schema: { element, get(), set(value) }. get() answers undefined for an
 * optional field left empty, so that it is left out of the arguments.
 */
function field(schema, root, name, required) {
  const s = resolve(schema, root);
  const label = (text, control, extra) => h('label', { class: 'field' },
    h('span', { class: 'name' }, text, required ? h('span', { class: 'req', title: 'required' }, ' *') : null,
      s.description ? h('span', { class: 'hint' }, s.description) : null),
    control, extra || null);
  const title = name || 'value';

  if (Array.isArray(s.enum)) {
    const select = h('select', { name: title },
      h('option', { value: '' }, required ? 'choose…' : '(not given)'),
      s.enum.map((option, i) => h('option', { value: String(i) }, typeof option === 'string' ? option : compact(option))));
    return {
      element: label(title, select),
      get: () => select.value === '' ? undefined : s.enum[Number(select.value)],
      set: v => { const i = s.enum.findIndex(o => compact(o) === compact(v)); select.value = i < 0 ? '' : String(i); },
    };
  }
  if (s.type === 'boolean') {
    if (required) {
      const box = h('input', { type: 'checkbox', name: title });
      return { element: label(title, box), get: () => box.checked, set: v => { box.checked = v === true; } };
    }
    const select = h('select', { name: title }, h('option', { value: '' }, '(not given)'),
      h('option', { value: 'true' }, 'true'), h('option', { value: 'false' }, 'false'));
    return {
      element: label(title, select),
      get: () => select.value === '' ? undefined : select.value === 'true',
      set: v => { select.value = v === true ? 'true' : v === false ? 'false' : ''; },
    };
  }
  if (s.type === 'integer' || s.type === 'number') {
    const input = h('input', { type: 'number', name: title, step: s.type === 'integer' ? '1' : 'any',
      min: s.minimum, max: s.maximum });
    return {
      element: label(title, input),
      get: () => input.value === '' ? undefined : Number(input.value),
      set: v => { input.value = typeof v === 'number' ? String(v) : ''; },
    };
  }
  if (s.type === 'string') {
    // a date-time with an offset is picked locally and sent in UTC; a time of day or date-time without
    // an offset (no format, a pattern that takes what the browser's picker gives) is sent as picked;
    // a time with an offset (format "time") has no picker of its own and stays text
    const accepts = sample => { try { return !!s.pattern && new RegExp(s.pattern, 'u').test(sample); } catch (e) { return false; } };
    const zoned = s.format === 'date-time';
    const kind = s.format === 'date' ? 'date' : zoned ? 'datetime-local' : s.format === 'email' ? 'email'
      : !s.format && accepts('10:00') && accepts('10:00:05') ? 'time'
      : !s.format && accepts('2030-12-24T10:00') && accepts('2030-12-24T10:00:05') ? 'datetime-local' : 'text';
    const input = h('input', { type: kind, name: title, step: kind === 'time' || kind === 'datetime-local' ? '1' : undefined,
      placeholder: kind === 'text' ? (s.format === 'duration' ? 'e.g. PT30M' : s.format === 'uuid' ? 'a UUID'
        : s.format === 'time' ? 'e.g. 10:00:00+01:00' : s.pattern ? 'matching ' + s.pattern : '') : undefined,
      autocomplete: 'off' });
    return {
      element: label(title, input),
      get: () => {
        if (input.value === '') return undefined;
        if (zoned) return new Date(input.value).toISOString();
        return input.value;
      },
      set: v => {
        if (typeof v !== 'string') { input.value = ''; return; }
        input.value = zoned && !isNaN(Date.parse(v)) ? localDateTime(new Date(v)) : v;
      },
    };
  }
  if (s.type === 'object' && (s.properties || typeof s.additionalProperties !== 'object')) {
    const children = Object.entries(s.properties || {}).map(([key, child]) =>
      [key, field(child, root, key, (s.required || []).includes(key))]);
    const box = h('fieldset', { class: 'object', 'data-name': name || undefined }, name ? h('legend', {}, title, required ? h('span', { class: 'req' }, ' *') : null) : null,
      s.description && name ? h('div', { class: 'hint' }, s.description) : null,
      children.map(([, f]) => f.element),
      children.length ? null : h('div', { class: 'muted' }, 'No arguments.'));
    return {
      element: box,
      get: () => {
        const value = {};
        for (const [key, f] of children) {
          const v = f.get();
          if (v !== undefined) value[key] = v;
        }
        return Object.keys(value).length || required || !name ? value : undefined;
      },
      set: v => { for (const [key, f] of children) f.set(v && typeof v === 'object' ? v[key] : undefined); },
    };
  }
  if (s.type === 'object') { // a map: entries of one value schema
    const rows = h('div', { class: 'rows' });
    const entries = [];
    const add = (key, value) => {
      const keyInput = h('input', { placeholder: 'key', class: 'key', value: key || '' });
      const f = field(s.additionalProperties, root, null, true);
      const row = h('div', { class: 'entry' }, keyInput, f.element,
        h('button', { class: 'small', title: 'remove', onclick: () => { entries.splice(entries.indexOf(item), 1); row.remove(); changed(rows); } }, '×'));
      const item = { keyInput, f };
      if (value !== undefined) f.set(value);
      entries.push(item);
      rows.append(row);
    };
    return {
      element: h('fieldset', { class: 'object', 'data-name': name || undefined }, h('legend', {}, title, required ? h('span', { class: 'req' }, ' *') : null),
        rows, h('button', { class: 'small', onclick: e => { e.preventDefault(); add(); } }, '+ entry')),
      get: () => {
        const value = {};
        for (const e of entries) if (e.keyInput.value !== '') value[e.keyInput.value] = e.f.get();
        return Object.keys(value).length || required ? value : undefined;
      },
      set: v => { entries.length = 0; rows.replaceChildren(); if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) add(k, x); },
    };
  }
  if (s.type === 'array') {
    const rows = h('div', { class: 'rows' });
    const items = [];
    const add = value => {
      const f = field(s.items || {}, root, null, true);
      const row = h('div', { class: 'entry' }, f.element,
        h('button', { class: 'small', title: 'remove', onclick: () => { items.splice(items.indexOf(f), 1); row.remove(); changed(rows); } }, '×'));
      if (value !== undefined) f.set(value);
      items.push(f);
      rows.append(row);
    };
    return {
      element: h('fieldset', { class: 'object', 'data-name': name || undefined }, h('legend', {}, title, required ? h('span', { class: 'req' }, ' *') : null,
        s.description ? h('span', { class: 'hint' }, s.description) : null),
        rows, h('button', { class: 'small', onclick: e => { e.preventDefault(); add(); changed(rows); } }, '+ item')),
      get: () => items.length || required ? items.map(f => f.get()) : undefined,
      set: v => { items.length = 0; rows.replaceChildren(); if (Array.isArray(v)) v.forEach(add); },
    };
  }
  // no usable type: raw JSON
  const area = h('textarea', { name: title, rows: 2, placeholder: 'JSON' });
  return {
    element: label(title, area),
    get: () => { if (area.value.trim() === '') return undefined; try { return JSON.parse(area.value); } catch (e) { return area.value; } },
    set: v => { area.value = v === undefined ? '' : compact(v); },
  };
}

function localDateTime(d) {
  const pad = n => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':'
    + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
}

function changed(el) {
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * A tool picker, its generated form and a raw JSON editor kept in step with each other. The JSON
 * editor holds what is sent, so anything the form cannot express can still be tried there.
 */
function toolEditor(onChange) {
  const picker = h('select', { class: 'tool-picker', 'aria-label': 'tool' });
  const description = h('p', { class: 'description' });
  const formBox = h('form', { class: 'form', autocomplete: 'off', onsubmit: e => e.preventDefault() });
  const raw = h('textarea', { class: 'raw', spellcheck: 'false', rows: 8, 'aria-label': 'arguments as JSON' });
  const problems = h('ul', { class: 'problems' });
  let form = null;
  let tool = null;
  const editor = {
    element: h('div', { class: 'tool-editor' }, picker, description,
      h('div', { class: 'split' }, h('div', {}, h('h4', {}, 'Arguments'), formBox),
        h('div', {}, h('h4', {}, 'JSON'), raw)), problems),
    tool: () => tool,
    toolName: () => tool ? tool.name : null,
    arguments: () => JSON.parse(raw.value || '{}'),
    select(name) {
      const tools = (state.account && state.account.tools) || [];
      tool = tools.find(t => t.name === name) || tools[0] || null;
      picker.value = tool ? tool.name : '';
      description.textContent = tool ? tool.description || '' : '';
      form = tool ? field(tool.inputSchema || { type: 'object' }, tool.inputSchema || {}, null, true) : null;
      formBox.replaceChildren(form ? form.element : '');
      fromForm();
    },
    setArguments(value) {
      if (form) form.set(value);
      fromForm();
    },
    refreshTools() {
      const tools = (state.account && state.account.tools) || [];
      const names = tools.map(t => t.name + (t.enabled ? '' : ' (disabled)'));
      const key = compact(names);
      if (picker.dataset.key === key) return;
      picker.dataset.key = key;
      picker.replaceChildren(...tools.map(t => h('option', { value: t.name }, t.name + (t.enabled ? '' : ' (disabled)'))));
      const keep = tool && tools.find(t => t.name === tool.name && compact(t.inputSchema) === compact(tool.inputSchema));
      if (keep) picker.value = tool.name; else editor.select(tool ? tool.name : null);
    },
  };
  function check() {
    let value;
    try { value = JSON.parse(raw.value || '{}'); } catch (e) {
      problems.replaceChildren(h('li', {}, 'The JSON does not parse: ' + e.message));
      return;
    }
    const found = tool ? violations(tool.inputSchema || {}, value, tool.inputSchema || {}, '') : [];
    problems.replaceChildren(...found.map(text => h('li', {}, capitalize(text) + '.')));
    if (found.length) problems.prepend(h('li', { class: 'lead' }, 'Not what the schema asks for (you can still send it, to hear how the tool answers):'));
  }
  function fromForm() {
    raw.value = json(form ? form.get() : {});
    check();
    if (onChange) onChange();
  }
  picker.addEventListener('change', () => editor.select(picker.value));
  formBox.addEventListener('input', fromForm);
  formBox.addEventListener('change', fromForm);
  raw.addEventListener('input', () => {
    check();
    try { if (form) form.set(JSON.parse(raw.value)); } catch (e) { /* the form catches up once it parses */ }
    if (onChange) onChange();
  });
  return editor;
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.substring(1);
}

// ---------- outcomes ----------

const OUTCOMES = {
  result: ['result', 'ok', 'The tool answered with a result.'],
  argument: ['spoken argument error', 'warn', 'The arguments break the tool\'s inputSchema; the tool answered with what the assistant says about that.'],
  error: ['error', 'bad', 'The tool failed: no 2xx answer with a result string, or it could not be reached.'],
  deadline: ['deadline fallback', 'late', 'No answer within Fonella\'s limit; the assistant says its own fallback.'],
};

function outcomeOf(invocation) {
  if (invocation.outcome === 'deadline') return 'deadline';
  if (invocation.outcome === 'error') return 'error';
  const tool = state.account && state.account.tools.find(t => t.toolId === invocation.toolId);
  if (tool && violations(tool.inputSchema || {}, invocation.arguments, tool.inputSchema || {}, '').length) return 'argument';
  return 'result';
}

function outcomeBadge(invocation) {
  const [text, kind, title] = OUTCOMES[outcomeOf(invocation)];
  return badge(text, kind, title);
}

function statusBadge(status) {
  if (status === null || status === undefined) return badge('no answer', 'bad');
  return badge(String(status), status >= 200 && status < 300 ? 'ok' : 'bad');
}

// ---------- polling ----------

async function poll() {
  try {
    const [account, invocations, deliveries] = await Promise.all([
      api('GET', '/account'),
      api('GET', '/tool-invocations?since=' + state.seen.invocations),
      api('GET', '/deliveries?since=' + state.seen.deliveries),
    ]);
    state.account = account;
    take('invocations', invocations.toolInvocations, invocations.total);
    take('deliveries', deliveries.deliveries, deliveries.total);
    if (state.follow && account.calls.length && account.calls[0].id !== state.watchedCallId) {
      watch(account.calls[0].id, true); // the newest call, wherever it was placed from
    }
    if (!location.hash) showTab(account.calls.length ? 'call' : 'try');
    if (state.watchedCallId && !account.calls.some(c => c.id === state.watchedCallId)
        && account.calls.length < 50) {
      watch(null, true); // gone: the emulator was reset
    }
    if (state.watchedCallId) {
      state.watchedCall = (await api('GET', '/calls/' + encodeURIComponent(state.watchedCallId))).call;
    }
    $('live').className = 'live';
    $('live-text').textContent = 'live';
    render();
  } catch (e) {
    $('live').className = 'live down';
    $('live-text').textContent = 'emulator not reachable';
  } finally {
    setTimeout(poll, POLL_MILLIS);
  }
}

function take(kind, items, total) {
  if (total < state.seen[kind]) { // cleared or reset: start over
    state[kind] = [];
    state.seen[kind] = 0;
    return;
  }
  state[kind].push(...items);
  state.seen[kind] = total;
}

/** Renders a part only when its data changed, so that nothing flickers or loses focus. */
function once(key, data, draw) {
  const text = compact(data);
  if (state.rendered[key] === text) return;
  state.rendered[key] = text;
  draw();
}

function render() {
  const a = state.account;
  once('where', [a.baseUrl, a.accountId, a.signatureScheme], () => {
    $('where').replaceChildren(h('code', {}, a.baseUrl), ' · account ', h('code', {}, short(a.accountId)),
      ' · signatures ', h('code', {}, a.signatureScheme.toLowerCase().replace('_', ' ')));
  });
  once('tools', a.tools, () => {
    state.tryEditor.refreshTools();
    $('try-empty').hidden = a.tools.length > 0;
    $('try-editor').hidden = a.tools.length === 0;
    $('try-send').hidden = a.tools.length === 0;
    document.querySelectorAll('#steps .tool-editor').forEach(el => el.editor.refreshTools());
    renderAccountTools();
  });
  once('history', [state.invocations.length, a.tools.map(t => t.inputSchema)], renderHistory);
  once('call', [state.watchedCall, state.invocations.length, state.deliveries.length], renderCall);
  once('webhooks', [a.webhooks, a.pendingFaults], renderWebhooks);
  once('keys', a.apiKeys, renderKeys);
  once('calls', [a.calls, state.watchedCallId], renderCalls);
  once('deliveries', [state.deliveries.length, a.webhooks.map(w => w.url)], () => renderDeliveries('acc-deliveries', state.deliveries.slice(-100).reverse(), true));
}

// ---------- Try a tool ----------

async function sendTry() {
  const button = $('try-send');
  let args;
  try { args = state.tryEditor.arguments(); } catch (e) { toast('The JSON does not parse: ' + e.message, true); return; }
  button.disabled = true;
  button.textContent = 'Waiting for the tool…';
  try {
    const answer = await api('POST', '/tool-invocations', { tool: state.tryEditor.toolName(), arguments: args });
    state.lastTry = answer.toolInvocation;
    renderTryResult(answer.toolInvocation);
  } catch (e) {
    toast(e.message, true);
  } finally {
    button.disabled = false;
    button.textContent = 'Send';
  }
}

function renderTryResult(i) {
  replace('try-result', h('div', { class: 'answer', id: 'try-answer' },
    h('div', { class: 'facts' }, outcomeBadge(i), h('span', {}, 'HTTP ', statusBadge(i.status)),
      h('span', { class: 'took' }, i.durationMillis + ' ms'), h('code', { class: 'muted' }, i.method || '', ' ', i.url || '')),
    i.result !== null
      ? h('blockquote', { class: 'spoken', id: 'try-result-text' }, i.result)
      : h('div', { class: 'error', id: 'try-result-text' }, i.error)));
}

function renderHistory() {
  const tried = state.invocations.filter(i => i.callId === null).slice(-8).reverse();
  if (!tried.length) { empty('try-history', 'Nothing tried yet.'); return; }
  replace('try-history', invocationTable(tried));
}

function invocationTable(items) {
  return h('table', { class: 'list' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Tool'), h('th', {}, 'Arguments'), h('th', {}, 'Answer'),
      h('th', {}, 'Time'), h('th', {}, 'Outcome'))),
    h('tbody', {}, items.map(i => h('tr', { class: 'invocation' },
      h('td', {}, h('strong', {}, i.toolName)),
      h('td', {}, h('code', { class: 'args' }, compact(i.arguments))),
      h('td', { class: i.result === null ? 'error' : '' }, i.result !== null ? i.result : i.error),
      h('td', { class: 'num' }, i.durationMillis + ' ms'),
      h('td', {}, outcomeBadge(i), ' ', statusBadge(i.status))))));
}

function invocationCard(i) {
  return h('div', { class: 'invocation card-line' },
    h('div', { class: 'facts' }, h('strong', {}, i.toolName), outcomeBadge(i), statusBadge(i.status),
      h('span', { class: 'took' }, i.durationMillis + ' ms')),
    h('code', { class: 'args' }, compact(i.arguments)),
    i.result !== null ? h('div', { class: 'said' }, i.result) : h('div', { class: 'error' }, i.error));
}

// ---------- Place a call ----------

const STEP_LABELS = { user: 'Caller says', assistant: 'Assistant says', tool: 'Tool call', hang: 'Hold' };

function addStep(kind, value, args) {
  const remove = h('button', { class: 'small', title: 'remove this step', onclick: () => item.remove() }, '×');
  let body;
  if (kind === 'tool') {
    const editor = toolEditor();
    editor.element.editor = editor;
    editor.element.querySelector('textarea.raw').rows = 3;
    editor.refreshTools();
    if (value) editor.select(value);
    if (args) editor.setArguments(args);
    body = editor.element;
  } else {
    body = h('input', { class: 'line', value: value || '', placeholder: kind === 'hang' ? 'One moment please.' : 'What is said',
      autocomplete: 'off' });
  }
  const item = h('li', { class: 'step ' + kind, 'data-kind': kind },
    h('div', { class: 'step-head' }, h('span', { class: 'who' }, STEP_LABELS[kind]), remove), body);
  $('steps').append(item);
  return item;
}

function script() {
  const steps = [];
  for (const item of $('steps').children) {
    const kind = item.dataset.kind;
    if (kind === 'tool') {
      const editor = item.querySelector('.tool-editor').editor;
      if (!editor.toolName()) throw new Error('A tool call step has no tool: register a tool first.');
      steps.push({ tool: editor.toolName(), arguments: editor.arguments() });
    } else {
      const text = item.querySelector('input.line').value.trim();
      if (text) steps.push({ [kind]: text });
    }
  }
  const end = $('call-end').value;
  const body = { from: $('call-from').value.trim(), to: $('call-to').value.trim(), steps, wait: false };
  if (end === 'failed') body.error = $('call-error').value.trim() || 'The call failed.';
  else body.endedReason = end;
  const summary = $('call-summary').value.trim();
  if (summary) body.summary = summary;
  return body;
}

async function placeCall() {
  let body;
  try { body = script(); } catch (e) { toast(e.message, true); return; }
  try {
    const answer = await api('POST', '/calls', body);
    watch(answer.callId, true);
  } catch (e) {
    toast(e.message, true);
  }
}

/** Shows a call; following, the view moves on to each newer call. */
function watch(callId, follow) {
  state.follow = follow;
  state.watchedCallId = callId;
  state.watchedCall = null;
  state.rendered.call = null;
  $('final').open = false;
}

function renderCall() {
  const call = state.watchedCall;
  if (!call) {
    $('call-status').textContent = state.noCallText;
    empty('transcript', 'The transcript grows here as the call runs.');
    empty('call-tools', 'None yet.');
    empty('call-deliveries', 'None yet.');
    $('final').hidden = true;
    return;
  }
  const over = call.status !== 'in-progress';
  $('call-status').replaceChildren(h('code', {}, short(call.id)), ' from ', call.customerPhone, ' · ',
    badge(over ? call.status : 'in progress', over ? (call.status === 'ended' ? 'ok' : 'bad') : 'live', null),
    over ? ' · ' + (call.durationFormatted || '') + ' · ' + (call.endedReason || '') : '');
  const messages = call.transcriptMessages || [];
  if (messages.length) {
    replace('transcript', messages.map(m => h('div', { class: 'msg ' + m.role },
      h('span', { class: 'role' }, m.role === 'user' ? 'Caller' : m.role === 'assistant' ? 'Assistant' : 'Tool'),
      h('span', { class: 'text' }, m.text))));
    $('transcript').scrollTop = $('transcript').scrollHeight;
  } else {
    empty('transcript', over ? 'Nothing was said.' : 'The transcript grows here as the call runs.');
  }
  const tools = state.invocations.filter(i => i.callId === call.id);
  if (tools.length) replace('call-tools', tools.map(invocationCard)); else empty('call-tools', 'None yet.');
  const deliveries = state.deliveries.filter(d => d.callId === call.id);
  if (deliveries.length) renderDeliveries('call-deliveries', deliveries, false);
  else empty('call-deliveries', state.account.webhooks.length ? 'None yet.' : 'No webhook subscriptions: nothing is delivered.');
  $('final').hidden = !over;
  $('final-json').textContent = json(call);
}

/** Delivery attempts grouped by subscription, in order. */
function renderDeliveries(id, deliveries, newestFirst) {
  if (!deliveries.length) { empty(id, 'None yet.'); return; }
  const hooks = new Map();
  for (const d of deliveries) {
    if (!hooks.has(d.webhookId)) hooks.set(d.webhookId, []);
    hooks.get(d.webhookId).push(d);
  }
  replace(id, [...hooks.entries()].map(([webhookId, attempts]) => h('div', { class: 'hook' },
    h('div', { class: 'hook-head' }, 'to ', h('code', {}, attempts[0].url), h('span', { class: 'muted' }, ' subscription ' + short(webhookId))),
    h('table', { class: 'list deliveries' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Event'), h('th', {}, 'Attempt'), h('th', {}, 'Status'), h('th', {}, 'Signature'),
        h('th', {}, 'At'), h('th', {}, 'Took'), h('th', {}, ''))),
      h('tbody', {}, attempts.map(d => h('tr', { class: 'delivery' + (d.succeeded ? '' : ' failed') },
        h('td', {}, h('code', {}, d.eventType), newestFirst ? h('span', { class: 'muted' }, ' ' + d.eventId) : null),
        h('td', { class: 'num' }, d.attempt > 1 ? badge('retry ' + (d.attempt - 1), 'late', 'attempt ' + d.attempt) : '1'),
        h('td', { title: d.error || '' }, statusBadge(d.status), d.error ? h('div', { class: 'why' }, d.error) : null),
        h('td', {}, d.signatureScheme ? d.signatureScheme.toLowerCase().replace('_', ' ') : '—'),
        h('td', { class: 'num' }, time(d.timestamp)),
        h('td', { class: 'num' }, d.durationMillis + ' ms'),
        h('td', {}, h('button', { class: 'small resend', title: 'Send this event again, same id and body, fresh signature',
          onclick: () => resend(d.eventId) }, 'Re-send')))))))));
}

async function resend(eventId) {
  try {
    const answer = await api('POST', '/events/' + encodeURIComponent(eventId) + '/redeliver');
    toast(answer.deliveries.length ? 'Sent again: ' + answer.deliveries.map(d => d.status === null ? 'no answer' : d.status).join(', ')
      : 'No enabled subscription wants this event now.', !answer.deliveries.length);
  } catch (e) {
    toast(e.message, true);
  }
}

// ---------- Account ----------

function renderAccountTools() {
  const tools = state.account.tools;
  if (!tools.length) { empty('acc-tools', 'No tools registered.'); return; }
  replace('acc-tools', tools.map(t => h('details', { class: 'tool' },
    h('summary', {}, h('strong', {}, t.name), ' ', badge(t.method || 'POST', 'plain'), t.enabled ? null : badge('disabled', 'bad'),
      h('span', { class: 'muted' }, ' ' + (t.description || ''))),
    h('div', { class: 'muted' }, h('code', {}, t.url), t.headerNames.length ? ' · headers: ' + t.headerNames.join(', ') : ''),
    h('pre', {}, json(t.inputSchema)),
    h('button', { class: 'small', onclick: () => { showTab('try'); state.tryEditor.select(t.name); } }, 'Try it'))));
}

function renderWebhooks() {
  const hooks = state.account.webhooks;
  $('fault-pending').textContent = state.account.pendingFaults ? state.account.pendingFaults + ' injected fault(s) pending' : 'No faults pending.';
  if (!hooks.length) { empty('acc-webhooks', 'No webhook subscriptions.'); return; }
  replace('acc-webhooks', hooks.map(w => h('div', { class: 'webhook' },
    h('div', {}, h('code', {}, w.url), ' ', w.enabled ? badge('enabled', 'ok') : badge('disabled', 'bad'),
      w.failureCount ? badge(w.failureCount + ' failure(s)', 'bad', 'consecutive failed attempts') : null),
    h('div', { class: 'muted' }, w.events.join(', ')),
    h('div', { class: 'muted' }, 'last delivered ', time(w.lastDeliveredAt), ' · last failed ', time(w.lastFailedAt)),
    h('div', { class: 'row' },
      h('button', { class: 'small fail-next', onclick: () => failNext(w.webhookId) }, 'Fail next delivery'),
      w.pendingFailures ? h('span', { class: 'pending' }, 'the next ' + w.pendingFailures + ' attempt(s) will fail') : null))));
}

async function failNext(webhookId) {
  try {
    await api('POST', '/faults', { webhookId, count: 1 });
    toast('The next delivery attempt to this subscription fails; the retry goes through.');
  } catch (e) { toast(e.message, true); }
}

function renderKeys() {
  replace('acc-keys', h('table', { class: 'list' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Prefix'), h('th', {}, 'Name'), h('th', {}, 'Scopes'), h('th', {}, 'Last used'))),
    h('tbody', {}, state.account.apiKeys.map(k => h('tr', {},
      h('td', {}, h('code', {}, k.prefix + '…')), h('td', {}, k.name), h('td', {}, k.scopes.join(', ')),
      h('td', { class: 'num' }, time(k.lastUsedAt)))))));
}

function renderCalls() {
  const calls = state.account.calls;
  if (!calls.length) { empty('acc-calls', 'No calls yet.'); return; }
  replace('acc-calls', h('table', { class: 'list' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Call'), h('th', {}, 'From'), h('th', {}, 'Started'), h('th', {}, 'Status'), h('th', {}, ''))),
    h('tbody', {}, calls.map(c => h('tr', { class: c.id === state.watchedCallId ? 'current' : '' },
      h('td', {}, h('code', {}, short(c.id))), h('td', {}, c.customerPhone), h('td', { class: 'num' }, time(c.startedAt)),
      h('td', {}, c.status, c.endedReason ? ' (' + c.endedReason + ')' : ''),
      h('td', {}, h('button', { class: 'small', onclick: () => { watch(c.id, false); showTab('call'); } }, 'Show')))))));
}

async function injectFault() {
  const body = { status: Number($('fault-status').value), count: Number($('fault-count').value) };
  if ($('fault-method').value) body.method = $('fault-method').value;
  if ($('fault-path').value.trim()) body.path = $('fault-path').value.trim();
  try {
    await api('POST', '/faults', body);
    toast('Injected: the next ' + body.count + ' matching API request(s) answer ' + body.status + '.');
  } catch (e) { toast(e.message, true); }
}

// ---------- tabs and start ----------

function showTab(name) {
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const selected = tab.dataset.tab === name;
    tab.setAttribute('aria-selected', String(selected));
    $('panel-' + tab.dataset.tab).hidden = !selected;
  }
  if (location.hash !== '#' + name) history.replaceState(null, '', '#' + name);
}

function start() {
  state.noCallText = $('call-status').textContent;
  state.tryEditor = toolEditor();
  $('try-editor').append(state.tryEditor.element);
  $('try-send').addEventListener('click', sendTry);
  $('call-place').addEventListener('click', placeCall);
  $('call-end').addEventListener('change', () => { $('call-error-label').hidden = $('call-end').value !== 'failed'; });
  $('fault-inject').addEventListener('click', injectFault);
  $('fault-clear').addEventListener('click', async () => {
    try { await api('DELETE', '/faults'); toast('All faults and the latency cleared.'); } catch (e) { toast(e.message, true); }
  });
  for (const button of document.querySelectorAll('[data-add]')) button.addEventListener('click', () => addStep(button.dataset.add));
  for (const tab of document.querySelectorAll('[role=tab]')) tab.addEventListener('click', () => showTab(tab.dataset.tab));
  addStep('user', 'Hello, I have a question about my order.');
  if (['try', 'call', 'account'].includes(location.hash.substring(1))) showTab(location.hash.substring(1));
  else history.replaceState(null, '', location.pathname); // the first answer picks the tab
  poll();
}

document.addEventListener('DOMContentLoaded', start);
