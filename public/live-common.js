/* Shared by the live pages: the server's clock, countdowns, the connection
   state, and reloading a piece of the page from the server. Plain browser
   JavaScript, no build step; HTML comes from the server already escaped. */
(function () {
  'use strict';

  var stringsEl = document.getElementById('client-strings');
  var strings = stringsEl ? JSON.parse(stringsEl.textContent) : {};
  var offsetMs = 0;

  /* The desk's clock may differ from the browser's; countdowns use the desk's. */
  function setServerNow(ms) {
    if (ms > 0) offsetMs = ms - Date.now();
  }

  function now() {
    return Date.now() + offsetMs;
  }

  function fill(template, values) {
    return String(template || '').replace(/\{\{(\w+)\}\}/g, function (_, key) {
      return values[key] === undefined ? '' : String(values[key]);
    });
  }

  /* Same thresholds as src/web/pages/countdown.ts. */
  function levelOf(leftMs, lengthMs) {
    if (leftMs <= 0) return 'overdue';
    var share = lengthMs > 0 ? leftMs / lengthMs : 0;
    if (share > 0.5) return 'ok';
    if (share > 0.2) return 'soon';
    return 'urgent';
  }

  function countdownText(leftMs) {
    var c = strings.countdown || {};
    var minutes = Math.floor(Math.abs(leftMs) / 60000);
    var d = Math.floor(minutes / 1440);
    var h = Math.floor((minutes % 1440) / 60);
    var m = minutes % 60;
    var key = leftMs > 0 ? 'left' : 'overdue';
    if (d > 0) return fill(c[key + 'Days'], { d: d, h: h });
    return fill(c[key], { h: h, m: m < 10 ? '0' + m : m });
  }

  function tick() {
    var at = now();
    document.querySelectorAll('.countdown[data-due]').forEach(function (el) {
      var due = Number(el.getAttribute('data-due'));
      var start = Number(el.getAttribute('data-start'));
      if (!due) return;
      var text = countdownText(due - at);
      if (el.textContent !== text) el.textContent = text;
      el.setAttribute('data-level', levelOf(due - at, due - start));
    });
  }

  function setState(state) {
    var el = document.getElementById('live-state');
    if (!el) return;
    el.setAttribute('data-state', state);
    el.textContent = (strings.live || {})[state] || state;
  }

  /* GET a fragment; keeps the desk's clock from its header. */
  function fetchHtml(url) {
    return fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (res) {
        setServerNow(Number(res.headers.get('x-server-now')));
        if (res.status === 401 || res.status === 403) {
          window.location.reload();
          throw new Error('signed out');
        }
        if (!res.ok && res.status !== 204) throw new Error('HTTP ' + res.status);
        return res.status === 204 ? { status: 204, html: '' } : res.text().then(function (html) {
          return { status: res.status, html: html };
        });
      });
  }

  function fieldKey(el) {
    var form = el.form;
    var action = form ? form.getAttribute('action') : '';
    return action + '|' + el.name + '|' + (el.type === 'radio' ? el.value : '');
  }

  /* Replaces a part of the page without losing what the person was typing or
     where their focus was: values and focus are carried across by name. */
  function replacePreserving(container, html) {
    var kept = {};
    container.querySelectorAll('input, textarea, select').forEach(function (el) {
      if (!el.name || el.type === 'hidden') return;
      kept[fieldKey(el)] = el.type === 'radio' || el.type === 'checkbox' ? el.checked : el.value;
    });
    var active = document.activeElement;
    var focusKey = active && container.contains(active) ? (active.id || null) : null;

    container.innerHTML = html;

    container.querySelectorAll('input, textarea, select').forEach(function (el) {
      var key = fieldKey(el);
      if (!(key in kept)) return;
      if (el.type === 'radio' || el.type === 'checkbox') el.checked = kept[key];
      else el.value = kept[key];
    });
    if (focusKey) {
      var again = document.getElementById(focusKey);
      if (again) again.focus();
    }
    tick();
  }

  /* Connects to a namespace. `onSync` runs on every (re)connect and when the
     server asks for it: it must re-join rooms and reload the true state. */
  function connect(namespace, options, handlers) {
    setState('connecting');
    var socket = window.io(namespace, options || {});
    socket.on('connect', function () {
      setState('live');
      handlers.sync(socket);
    });
    socket.on('resync', function () {
      handlers.sync(socket);
    });
    socket.on('disconnect', function () {
      setState('offline');
    });
    socket.on('connect_error', function () {
      setState('offline');
    });
    socket.on('desk-event', handlers.event);
    if (handlers.presence) socket.on('presence', handlers.presence);
    return socket;
  }

  /* Runs `work` at most once at a time; a call meanwhile runs it once more after. */
  function serial(work) {
    var running = false;
    var again = false;
    return function run() {
      if (running) {
        again = true;
        return;
      }
      running = true;
      Promise.resolve()
        .then(work)
        .catch(function () { setState('offline'); })
        .then(function () {
          running = false;
          if (again) {
            again = false;
            run();
          }
        });
    };
  }

  setInterval(tick, 1000);
  tick();

  window.DeskLive = {
    strings: strings,
    setServerNow: setServerNow,
    fetchHtml: fetchHtml,
    replacePreserving: replacePreserving,
    connect: connect,
    serial: serial,
    setState: setState,
    tick: tick,
  };
})();
