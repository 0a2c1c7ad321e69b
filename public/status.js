/* The participant's status page, live: it reloads when their request changes
   and says so to screen readers, without moving their focus. */
(function () {
  'use strict';

  var live = window.DeskLive;
  var panel = document.getElementById('status-panel');
  var announcer = document.getElementById('status-announcer');
  var number = panel.getAttribute('data-number');
  var code = panel.getAttribute('data-code');
  var query = '?number=' + encodeURIComponent(number) + '&code=' + encodeURIComponent(code);

  var reload = live.serial(function () {
    return live.fetchHtml('/status/panel' + query).then(function (res) {
      if (res.html === panel.innerHTML) return;
      var before = (document.getElementById('status-now') || {}).textContent;
      live.replacePreserving(panel, res.html);
      var after = (document.getElementById('status-now') || {}).textContent;
      if (before !== after) {
        announcer.textContent = live.strings.statusPage.updated + ' ' + after;
      }
    });
  });

  live.connect('/participant', { auth: { number: number, code: code } }, {
    sync: function () { reload(); },
    event: function () { reload(); },
  });
})();
