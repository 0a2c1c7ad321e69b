/* The operator dashboard's queue, live: rows are reloaded from the server as
   events say they changed, and the whole queue on every (re)connect. */
(function () {
  'use strict';

  var live = window.DeskLive;
  var table = document.getElementById('queue');
  var body = document.getElementById('queue-rows');
  var empty = document.getElementById('queue-empty');
  var query = window.location.search;
  var FLASHING = {
    'clock.warning': 1, 'clock.breached': 1, 'request.created': 1, 'notice.failed': 1,
  };
  var RANK = { breached: 2, warning: 1 };

  live.setServerNow(Number(table.getAttribute('data-server-now')));

  function dueOf(row) {
    var due = Number(row.getAttribute('data-due'));
    return due > 0 ? due : Number.MAX_SAFE_INTEGER;
  }

  /* Breaches, then warnings, then the nearest deadline: as the server sorts. */
  function sortRows() {
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var rankOf = function (row) { return RANK[row.getAttribute('data-alert')] || 0; };
      var rank = rankOf(b) - rankOf(a);
      return rank || dueOf(a) - dueOf(b);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    empty.hidden = body.rows.length > 0;
  }

  function reloadAll() {
    return live.fetchHtml('/dashboard/queue' + query).then(function (res) {
      body.innerHTML = res.html;
      empty.hidden = body.rows.length > 0;
      live.tick();
    });
  }

  function reloadRow(id, flash) {
    var url = '/dashboard/queue/' + encodeURIComponent(id) + query;
    return live.fetchHtml(url).then(function (res) {
      var old = document.getElementById('row-' + id);
      if (res.status === 204) {
        if (old) old.remove();
        empty.hidden = body.rows.length > 0;
        return;
      }
      var holder = document.createElement('tbody');
      holder.innerHTML = res.html;
      var row = holder.querySelector('tr');
      if (!row) return;
      if (old) old.replaceWith(row);
      else body.appendChild(row);
      if (flash) row.classList.add('flash-row');
      sortRows();
      live.tick();
    });
  }

  var pending = {};
  var drain = live.serial(function () {
    var ids = Object.keys(pending);
    var flashes = pending;
    pending = {};
    return Promise.all(ids.map(function (id) { return reloadRow(id, flashes[id]); }));
  });

  live.connect('/staff', {}, {
    sync: function (socket) {
      socket.emit('watch', { view: 'queue' }, function () {
        reloadAll().catch(function () { live.setState('offline'); });
      });
    },
    event: function (news) {
      if (!news.requestId) return;
      pending[news.requestId] = pending[news.requestId] || !!FLASHING[news.type];
      drain();
    },
  });
})();
