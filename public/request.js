/* A request's page, live: the panel reloads when the request changes (keeping
   what the operator is typing), and it shows who else has the page open. */
(function () {
  'use strict';

  var live = window.DeskLive;
  var panel = document.getElementById('request-panel');
  var viewers = document.getElementById('viewers');
  var requestId = panel.getAttribute('data-request-id');
  var me = document.body.getAttribute('data-user');

  live.setServerNow(Number(panel.getAttribute('data-server-now')));

  var reload = live.serial(function () {
    return live.fetchHtml('/dashboard/requests/' + requestId + '/panel').then(function (res) {
      live.replacePreserving(panel, res.html);
    });
  });

  function showViewers(message) {
    if (message.room !== 'request:' + requestId) return;
    var others = message.viewers.filter(function (v) { return v.username !== me; });
    viewers.textContent = others.length
      ? viewers.getAttribute('data-label') + ': ' +
        others.map(function (v) { return v.name; }).join(', ')
      : viewers.getAttribute('data-none');
  }

  live.connect('/staff', {}, {
    sync: function (socket) {
      socket.emit('watch', { view: 'request', id: requestId }, function () { reload(); });
    },
    event: function (news) {
      if (news.requestId === requestId) reload();
    },
    presence: showViewers,
  });
})();
