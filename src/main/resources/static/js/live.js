// Live updates for the signed-in pages. A page (or any element on it) that declares
// data-live-channels="calls,campaigns" gets its organization's events on those channels as DOM
// events "live-<type>" on document.body, with the event's data as `detail`; an htmx element
// refreshes itself with hx-trigger="live-call-changed from:body". EventSource reconnects by
// itself and sends Last-Event-ID, so the server replays whatever was missed meanwhile.
(function () {
  'use strict';

  var source = null;
  var subscribed = '';

  function wantedChannels() {
    var channels = {};
    document.querySelectorAll('[data-live-channels]').forEach(function (element) {
      element.getAttribute('data-live-channels').split(',').forEach(function (name) {
        name = name.trim();
        if (name) {
          channels[name] = true;
        }
      });
    });
    return Object.keys(channels).sort().join(',');
  }

  function deliver(message) {
    var event;
    try {
      event = JSON.parse(message.data);
    } catch (malformed) {
      return;
    }
    if (event && event.type) {
      document.body.dispatchEvent(new CustomEvent('live-' + event.type, { detail: event.data }));
    }
  }

  function connect() {
    var wanted = wantedChannels();
    if (wanted === subscribed) {
      return;
    }
    if (source) {
      source.close();
      source = null;
    }
    subscribed = wanted;
    if (!wanted || typeof window.EventSource === 'undefined') {
      return;
    }
    source = new EventSource('/live?channels=' + encodeURIComponent(wanted));
    source.onmessage = deliver;
  }

  document.addEventListener('DOMContentLoaded', connect);
  // Pages swapped in by htmx may follow other channels.
  document.addEventListener('htmx:afterSettle', connect);
  window.addEventListener('pagehide', function () {
    if (source) {
      source.close();
      source = null;
      subscribed = '';
    }
  });
  window.addEventListener('pageshow', function (e) {
    if (e.persisted) {
      connect();
    }
  });
})();
