/* The administrator console, live: the incidents panel reloads when a request
   is escalated or an incident decided, keeping any form being filled in. */
(function () {
  'use strict';

  var live = window.DeskLive;
  var panel = document.getElementById('admin-panel');

  live.setServerNow(Number(panel.getAttribute('data-server-now')));

  var reload = live.serial(function () {
    return live.fetchHtml('/admin/panel').then(function (res) {
      live.replacePreserving(panel, res.html);
    });
  });

  live.connect('/staff', {}, {
    sync: function (socket) {
      socket.emit('watch', { view: 'incidents' }, function () { reload(); });
    },
    event: function () { reload(); },
  });
})();
