// cacscreen coordinators' page: a small vanilla-JS single-page app over the REST API (no build step).
// The API key lives in sessionStorage for this tab only; every request sends it as a Bearer token.
'use strict';

const KEY = 'cacscreen.apiKey';
const PAGE = 50;
const ACTIVE = 'open,claimed,contacted,scheduled';
const STATUSES = ['open', 'claimed', 'contacted', 'scheduled', 'closed', 'dismissed'];
const TIERS = ['high-priority', 'statin-recommended', 'consider-statin', 'routine'];
const NEXT = {
  open: ['claimed', 'dismissed'],
  claimed: ['open', 'contacted', 'scheduled', 'closed', 'dismissed'],
  contacted: ['scheduled', 'closed', 'dismissed'],
  scheduled: ['contacted', 'closed', 'dismissed'],
  closed: [],
  dismissed: [],
};

// Calcium colours of the key images: the palette of packages/scoring/src/key-images/palette.ts (a unit test keeps
// the two equal).
const KEY_IMAGE_COLOURS = {
  LM: '#f0e442',
  LAD: '#d55e00',
  LCX: '#56b4e9',
  RCA: '#009e73',
  other: '#cc79a7',
};

const main = document.getElementById('main');
let sweepTimer = null;
/** The open item's key images as blob URLs, kept while the same item is re-rendered (after a claim, a note). */
let keyImageCache = { itemId: null, list: null, urls: [] };

/** Builds an element; text is always set as textContent, never parsed as HTML. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'text') el.textContent = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat())
    if (child !== null && child !== undefined) el.append(child instanceof Node ? child : String(child));
  return el;
}

function toast(message) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.classList.add('show');
  setTimeout(() => el.classList.remove('show'), 2500);
}

async function request(url, options = {}) {
  const headers = { Authorization: `Bearer ${sessionStorage.getItem(KEY) || ''}` };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method: options.method || 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 401 && !options.login) {
    sessionStorage.removeItem(KEY);
    location.hash = '#/login';
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    // The API's message already names the bad fields ("Invalid request: body must not be empty").
    throw new Error((body && body.message) || response.statusText);
  }
  return response;
}

async function api(path, options = {}) {
  const response = await request(`/api${path}`, options);
  return response.json().catch(() => null);
}

/** An image the API serves behind the key: fetched with the key header, shown through a blob URL. */
async function imageUrl(url) {
  const response = await request(url);
  return URL.createObjectURL(await response.blob());
}

function forgetKeyImages() {
  keyImageCache.urls.forEach((url) => URL.revokeObjectURL(url));
  keyImageCache = { itemId: null, list: null, urls: [] };
}

function show(...nodes) {
  clearInterval(sweepTimer);
  main.replaceChildren(...nodes);
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

const fmt = (n) => (n === null || n === undefined ? '–' : Math.round(n * 10) / 10);

// ---- login ----
function loginView() {
  document.getElementById('nav').hidden = true;
  const error = h('p', { class: 'error', role: 'alert' });
  const input = h('input', {
    id: 'api-key',
    type: 'password',
    required: true,
    autocomplete: 'off',
    'aria-describedby': 'key-help',
  });
  const form = h(
    'form',
    {
      id: 'login-form',
      onsubmit: async (event) => {
        event.preventDefault();
        sessionStorage.setItem(KEY, input.value.trim());
        try {
          const me = await api('/me', { login: true });
          sessionStorage.setItem(KEY + '.who', `${me.name} (${me.role})`);
          if (location.hash === '#/queue') route();
          else location.hash = '#/queue';
        } catch (err) {
          sessionStorage.removeItem(KEY);
          error.textContent = `Login failed: ${err.message}`;
        }
      },
    },
    h('label', {}, 'API key', input),
    h('p', {
      id: 'key-help',
      class: 'muted',
      text: 'Ask an administrator for a key. It is kept in this browser tab only.',
    }),
    h('button', { id: 'login-btn', type: 'submit', text: 'Log in' }),
    error,
  );
  show(h('h1', { text: 'Log in' }), form);
  input.focus();
}

// ---- queue ----
function queryFromHash() {
  const [, query] = location.hash.split('?');
  return new URLSearchParams(query || `status=${ACTIVE}`);
}

function select(id, label, name, options, value) {
  return h(
    'label',
    { for: id },
    label,
    h(
      'select',
      { id, name },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
    ),
  );
}

function input(id, label, name, value, type = 'text', extra = {}) {
  return h('label', { for: id }, label, h('input', { id, name, type, value: value || '', ...extra }));
}

async function queueView() {
  const params = queryFromHash();
  const offset = Number(params.get('offset') || 0);
  const form = h(
    'form',
    {
      id: 'filter-form',
      class: 'filters',
      'aria-label': 'Filter the queue',
      onsubmit: (event) => {
        event.preventDefault();
        const next = new URLSearchParams();
        for (const [name, value] of new FormData(form)) if (String(value).trim()) next.set(name, String(value).trim());
        location.hash = `#/queue?${next}`;
      },
    },
    select(
      'f-status',
      'Status',
      'status',
      [[ACTIVE, 'active'], ['all', 'any'], ...STATUSES.map((s) => [s, s])],
      params.get('status') ?? '',
    ),
    select('f-tier', 'Tier', 'tier', [['', 'any'], ...TIERS.map((t) => [t, t])], params.get('tier') || ''),
    input('f-mrn', 'MRN', 'mrn', params.get('mrn')),
    input('f-site', 'Site', 'site', params.get('site')),
    input('f-min-score', 'Min score', 'minScore', params.get('minScore'), 'number', { min: 0 }),
    input('f-min-age', 'Min age', 'minAge', params.get('minAge'), 'number', { min: 0, max: 130 }),
    input('f-max-age', 'Max age', 'maxAge', params.get('maxAge'), 'number', { min: 0, max: 130 }),
    input('f-from', 'Study from', 'studyFrom', params.get('studyFrom'), 'date'),
    input('f-to', 'Study to', 'studyTo', params.get('studyTo'), 'date'),
    select(
      'f-sort',
      'Sort',
      'sort',
      [
        ['priority', 'priority'],
        ['score', 'score'],
        ['created', 'newest'],
        ['age', 'age'],
        ['studyDate', 'study date'],
        ['due', 'due date'],
      ],
      params.get('sort') || 'priority',
    ),
    h('button', { type: 'submit', id: 'apply-filters' }, 'Apply'),
  );
  const table = h('table', { id: 'queue-table', 'aria-busy': 'true' });
  show(h('h1', { text: 'Worklist' }), form, table);
  const query = new URLSearchParams(params);
  query.set('limit', String(PAGE));
  for (const [name, value] of [...query]) if (!value || value === 'all') query.delete(name);
  try {
    const page = await api(`/worklist?${query}`);
    table.replaceChildren(
      h('caption', { class: 'muted', id: 'queue-total', text: `${page.total} item(s)` }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['MRN', 'Tier', 'Agatston', 'Age', 'Site', 'Study date', 'Status', 'Assignee', 'Due'].map((t) =>
            h('th', { scope: 'col', text: t }),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        page.items.map((item) =>
          h(
            'tr',
            { 'data-id': item.id },
            h('td', {}, h('a', { href: `#/item/${item.id}`, class: 'open-item' }, item.patient.mrn)),
            h('td', { class: `tier-${item.tier}`, text: item.tier }),
            h('td', { text: fmt(item.agatstonTotal) }),
            h('td', { text: fmt(item.study.ageAtStudy) }),
            h('td', { text: item.patient.site || '–' }),
            h('td', { text: item.study.studyDate || '–' }),
            h('td', { class: 'status', text: item.status }),
            h('td', { text: item.assignee || '–' }),
            h('td', { text: item.dueDate || '–' }),
          ),
        ),
      ),
    );
    table.removeAttribute('aria-busy');
    const move = (delta) => {
      const next = new URLSearchParams(params);
      next.set('offset', String(Math.max(0, offset + delta)));
      location.hash = `#/queue?${next}`;
    };
    main.append(
      h(
        'div',
        { class: 'pager' },
        h(
          'button',
          { type: 'button', class: 'secondary', disabled: offset === 0, onclick: () => move(-PAGE) },
          'Previous',
        ),
        h('span', {
          class: 'muted',
          text: `${page.total ? offset + 1 : 0}–${offset + page.items.length} of ${page.total}`,
        }),
        h(
          'button',
          { type: 'button', class: 'secondary', disabled: offset + PAGE >= page.total, onclick: () => move(PAGE) },
          'Next',
        ),
      ),
    );
  } catch (err) {
    table.replaceChildren(h('caption', { class: 'error', text: err.message }));
  }
}

// ---- item ----
async function itemView(id) {
  let item;
  try {
    item = await api(`/worklist/${id}`);
  } catch (err) {
    show(h('h1', { text: 'Worklist item' }), h('p', { class: 'error', text: err.message }));
    return;
  }
  const act = async (promise, message) => {
    try {
      await promise;
      toast(message);
      await itemView(id);
    } catch (err) {
      toast(err.message);
    }
  };
  const next = NEXT[item.status] || [];
  const statusSelect = h(
    'select',
    { id: 'status-select' },
    next.map((s) => h('option', { value: s, text: s })),
  );
  const reason = h('input', { id: 'dismiss-reason', placeholder: 'reason (to dismiss)' });
  const due = h('input', { id: 'due-date', type: 'date', value: item.dueDate || '' });
  const note = h('textarea', { id: 'note-text', rows: 3, cols: 60, 'aria-label': 'New note' });
  const r = item.risk || {};
  const keyImages = h(
    'div',
    { id: 'key-images', class: 'keyimages', 'aria-busy': 'true' },
    h('p', { class: 'muted', text: 'Loading key images…' }),
  );
  show(
    h('h1', {}, `Patient ${item.patient.mrn} `, h('span', { id: 'item-status', class: 'muted', text: item.status })),
    h('p', {}, h('a', { href: '#/queue', text: '← back to the queue' })),
    h(
      'div',
      { class: 'cards' },
      h(
        'section',
        { class: 'card' },
        h('h2', { text: 'Calcium' }),
        h(
          'p',
          {},
          'Agatston ',
          h('strong', { text: fmt(item.agatstonTotal) }),
          ` · CAC-DRS ${item.result.cacDrs || '–'}`,
        ),
        h('p', {
          class: 'muted',
          text: Object.entries(item.result.byArtery)
            .map(([a, v]) => `${a} ${fmt(v)}`)
            .join(' · '),
        }),
        item.result.grades
          ? h('p', {
              text:
                `Grade ${item.result.grades.visualFromAgatston} · ordinal ${item.result.grades.ordinal.total}/12 ` +
                `(${Object.entries(item.result.grades.ordinal.byArtery)
                  .map(([a, v]) => `${a} ${v}`)
                  .join(' · ')}) · for non-gated scans`,
            })
          : null,
        item.result.lowConfidence ? h('p', { class: 'error', text: 'Low-confidence series selection' }) : null,
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', { text: 'Risk' }),
        h('p', {}, 'Tier ', h('strong', { class: `tier-${item.tier}`, text: item.tier })),
        h('p', {
          class: 'muted',
          text: `PCE ${fmt(r.pooledCohortPct)}% · Framingham ${fmt(r.framinghamPct)}% · MESA+CAC ${fmt(r.mesaWithCacPct)}%`,
        }),
        r.prevent && r.prevent.tenYear
          ? h('p', {
              class: 'muted',
              text:
                `PREVENT 10-y: CVD ${fmt(r.prevent.tenYear.totalCvdPct)}% · ASCVD ${fmt(r.prevent.tenYear.ascvdPct)}% · ` +
                `HF ${fmt(r.prevent.tenYear.heartFailurePct)}%` +
                (r.prevent.thirtyYear
                  ? ` · 30-y: CVD ${fmt(r.prevent.thirtyYear.totalCvdPct)}% · ASCVD ${fmt(r.prevent.thirtyYear.ascvdPct)}% · HF ${fmt(r.prevent.thirtyYear.heartFailurePct)}%`
                  : ''),
            })
          : null,
        r.cacPercentile && r.cacPercentile.percentileRankRange
          ? h('p', {
              class: 'muted',
              text:
                r.cacPercentile.percentileRank !== null
                  ? `MESA percentile ≈ ${fmt(r.cacPercentile.percentileRank)} (approximate)`
                  : `MESA percentile ${r.cacPercentile.percentileRankRange.join('–')} (approximate)`,
            })
          : null,
        h(
          'ul',
          {},
          (Array.isArray(r.rationale) ? r.rationale : []).map((line) => h('li', { text: line })),
        ),
        r.missing && r.missing.length
          ? h('p', { class: 'muted', text: `Missing inputs: ${r.missing.join(', ')}` })
          : null,
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', { text: 'Patient and study' }),
        h('p', {
          text: `Sex ${item.patient.sex || '–'} · age ${fmt(item.study.ageAtStudy)} · site ${item.patient.site || '–'}`,
        }),
        h('p', { class: 'muted', text: `Study ${item.study.studyDate || '–'} · ${item.study.studyInstanceUid}` }),
        h('p', { text: `Assignee ${item.assignee || '–'} · due ${item.dueDate || '–'}` }),
        item.dismissReason ? h('p', { text: `Dismissed: ${item.dismissReason}` }) : null,
      ),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'key-images-title' },
      h('h2', { id: 'key-images-title', text: 'Key images' }),
      keyImages,
    ),
    h(
      'section',
      { class: 'card', 'aria-label': 'Actions' },
      h('h2', { text: 'Actions' }),
      item.status === 'open'
        ? h(
            'button',
            {
              id: 'claim-btn',
              type: 'button',
              onclick: () => act(api(`/worklist/${id}/claim`, { method: 'POST' }), 'Claimed'),
            },
            'Claim',
          )
        : null,
      next.length
        ? h(
            'form',
            {
              class: 'actions',
              onsubmit: (event) => {
                event.preventDefault();
                const body = { status: statusSelect.value };
                if (statusSelect.value === 'dismissed') body.dismissReason = reason.value;
                act(api(`/worklist/${id}`, { method: 'PATCH', body }), `Status: ${statusSelect.value}`);
              },
            },
            h('label', { for: 'status-select' }, 'Next status', statusSelect),
            reason,
            h('button', { id: 'save-status-btn', type: 'submit' }, 'Change status'),
          )
        : h('p', { class: 'muted', text: `This item is ${item.status}.` }),
      next.length
        ? h(
            'form',
            {
              class: 'actions',
              onsubmit: (event) => {
                event.preventDefault();
                act(
                  api(`/worklist/${id}`, { method: 'PATCH', body: { dueDate: due.value || null } }),
                  'Due date saved',
                );
              },
            },
            h('label', { for: 'due-date' }, 'Due date', due),
            h('button', { type: 'submit', class: 'secondary' }, 'Save due date'),
          )
        : null,
      h(
        'form',
        {
          class: 'actions',
          onsubmit: (event) => {
            event.preventDefault();
            act(api(`/worklist/${id}/notes`, { method: 'POST', body: { body: note.value } }), 'Note added');
          },
        },
        note,
        h('button', { id: 'add-note-btn', type: 'submit' }, 'Add note'),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', { text: 'Notes' }),
      h(
        'ul',
        { id: 'notes' },
        item.notes.map((n) =>
          h(
            'li',
            {},
            h('span', { class: 'muted', text: `${n.createdAt.slice(0, 16).replace('T', ' ')} ${n.author}: ` }),
            n.body,
          ),
        ),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', { text: 'History' }),
      h(
        'ol',
        { id: 'history', class: 'history' },
        item.history.map((e) =>
          h('li', {
            text: `${e.at.slice(0, 19).replace('T', ' ')} · ${e.actor} · ${e.action}${e.after && e.after.status ? ` → ${e.after.status}` : ''}`,
          }),
        ),
      ),
    ),
  );
  loadKeyImages(id, keyImages);
}

// ---- key images ----
function keyImageLegend() {
  const entry = (name, label) =>
    h('li', {}, h('span', { class: 'swatch', style: `background:${KEY_IMAGE_COLOURS[name]}` }), label);
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Calcium colours' },
    ['LM', 'LAD', 'LCX', 'RCA'].map((a) => entry(a, a)),
    entry('other', 'other calcium (not counted)'),
  );
}

/** Fills the item's key-image panel: the slices of its largest coronary lesions, calcium coloured by artery. */
async function loadKeyImages(id, container) {
  try {
    if (keyImageCache.itemId !== id) {
      const list = await api(`/worklist/${id}/key-images`);
      const urls = await Promise.all(list.items.map((image) => imageUrl(image.url)));
      if (!container.isConnected) {
        // The page moved on while these loaded.
        urls.forEach((url) => URL.revokeObjectURL(url));
        return;
      }
      forgetKeyImages();
      keyImageCache = { itemId: id, list, urls };
    }
    const { list, urls } = keyImageCache;
    if (!list.items.length) {
      container.replaceChildren(
        h('p', { class: 'muted', text: 'No key images: no coronary calcium was counted in this study.' }),
      );
    } else {
      container.replaceChildren(
        ...list.items.map((image, i) => {
          const where = `slice ${image.sliceIndex + 1} (z ${fmt(image.zMm)} mm)`;
          const arteries = image.arteries.join(', ');
          return h(
            'figure',
            {},
            h('img', {
              class: 'key-image',
              src: urls[i],
              width: image.width,
              height: image.height,
              alt: `Key image ${image.rank}: ${where}, calcium in ${arteries}, coloured by artery`,
            }),
            h('figcaption', { text: `${image.rank}. ${where} · ${arteries} · Agatston ${fmt(image.agatston)}` }),
          );
        }),
        keyImageLegend(),
      );
    }
  } catch (err) {
    container.replaceChildren(h('p', { class: 'error', text: `Key images: ${err.message}` }));
  }
  container.removeAttribute('aria-busy');
}

// ---- sweeps ----
async function sweepsView() {
  const table = h('table', { id: 'sweeps-table' });
  show(h('h1', { text: 'Sweeps' }), table);
  const load = async () => {
    try {
      const page = await api('/sweeps?limit=50');
      const unfinished = (s) => ['running', 'paused', 'cancelling'].includes(s.status);
      const rows = await Promise.all(page.items.map((s) => (unfinished(s) ? api(`/sweeps/${s.id}`) : s)));
      table.replaceChildren(
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Started', 'Source', 'Model', 'Status', 'Seen', 'Screened', 'Skipped', 'Failed', 'Flagged'].map((t) =>
              h('th', { scope: 'col', text: t }),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((s) => {
            // A sweep that has not ended carries its live status and counters (GET /sweeps/{id}).
            const c = s.counters;
            return h(
              'tr',
              {},
              [
                s.startedAt.slice(0, 16).replace('T', ' '),
                s.source,
                s.modelVersion,
                s.error ? `${s.status}: ${s.error}` : s.status,
                c.seen,
                c.screened,
                c.skipped,
                c.failed,
              ].map((v) => h('td', { text: v })),
              h('td', {}, h('a', { href: `#/queue?status=${ACTIVE}&sweepId=${s.id}`, text: c.flagged })),
            );
          }),
        ),
      );
      if (!rows.some(unfinished)) clearInterval(sweepTimer);
    } catch (err) {
      table.replaceChildren(h('caption', { class: 'error', text: err.message }));
    }
  };
  await load();
  sweepTimer = setInterval(load, 5000);
}

// ---- routing ----
function route() {
  if (!sessionStorage.getItem(KEY)) return loginView();
  document.getElementById('nav').hidden = false;
  document.getElementById('who').textContent = sessionStorage.getItem(KEY + '.who') || '';
  const hash = location.hash || '#/queue';
  const item = /^#\/item\/([0-9a-f-]{36})/.exec(hash);
  if (item) return itemView(item[1]);
  forgetKeyImages();
  if (hash.startsWith('#/sweeps')) return sweepsView();
  if (hash.startsWith('#/login')) return loginView();
  return queueView();
}

document.getElementById('logout-btn').addEventListener('click', () => {
  forgetKeyImages();
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(KEY + '.who');
  location.hash = '#/login';
});
window.addEventListener('hashchange', route);
route();
