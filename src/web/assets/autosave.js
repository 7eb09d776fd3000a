// Autosave for minute-taking forms (progressive enhancement: without JavaScript the Save button works).
// Each form with data-autosave is saved shortly after typing stops. What was typed is kept in
// localStorage until the server confirms it, so a dropped connection or a closed tab loses nothing;
// failed saves are retried with growing pauses and again when the browser comes back online.
(function () {
  'use strict';
  var forms = document.querySelectorAll('form[data-autosave]');
  Array.prototype.forEach.call(forms, function (form) {
    var key = 'protokoll:autosave:' + form.getAttribute('data-autosave');
    var status = form.querySelector('[data-autosave-status]');
    var timer = null;
    var retryTimer = null;
    var retryDelay = 2000;
    var dirty = 0;
    var saving = false;
    var again = false;

    function say(state, text) {
      if (!status) return;
      status.setAttribute('data-state', state);
      status.textContent = text;
    }
    function snapshot() {
      var values = {};
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.name === '_csrf' || el.type === 'submit' || el.type === 'hidden') return;
        if (el.type === 'checkbox' || el.type === 'radio') values[el.name + '=' + el.value] = el.checked;
        else values[el.name] = el.value;
      });
      return values;
    }
    function restore(values) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.type === 'hidden') return;
        if (el.type === 'checkbox' || el.type === 'radio') {
          var k = el.name + '=' + el.value;
          if (k in values) el.checked = values[k];
        } else if (el.name in values) el.value = values[el.name];
      });
    }
    function keep() {
      try {
        localStorage.setItem(key, JSON.stringify({ at: Date.now(), version: form.getAttribute('data-version') || '', values: snapshot() }));
      } catch { /* storage full or disabled: saving still works */ }
    }
    function save() {
      if (saving) { again = true; return; }
      saving = true;
      again = false;
      clearTimeout(retryTimer);
      var sentAt = dirty;
      say('saving', form.getAttribute('data-msg-saving'));
      var body = new URLSearchParams(new FormData(form));
      fetch(form.getAttribute('data-autosave-url') || form.action, {
        method: 'POST',
        body: body,
        credentials: 'same-origin',
        headers: { 'Accept': 'application/json', 'X-Requested-With': 'autosave' }
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (json) {
          return { ok: response.ok, status: response.status, json: json };
        });
      }).then(function (result) {
        saving = false;
        if (result.ok) {
          retryDelay = 2000;
          if (result.json && result.json.version) {
            form.setAttribute('data-version', result.json.version);
            var versionField = form.querySelector('input[name="version"]');
            if (versionField) versionField.value = result.json.version;
          }
          if (dirty === sentAt) { try { localStorage.removeItem(key); } catch { /* ignore */ } }
          var now = new Date();
          var hh = String(now.getHours()).padStart(2, '0');
          var mm = String(now.getMinutes()).padStart(2, '0');
          say('saved', (form.getAttribute('data-msg-saved') || '').replace('{time}', hh + '.' + mm));
          clearFieldErrors();
          if (dirty !== sentAt || again) schedule();
        } else if (result.status >= 400 && result.status < 500 && result.json && result.json.error) {
          // The server refused the content: show why next to the fields; keep the local copy.
          say('error', result.json.error.message || '');
          showFieldErrors(result.json.error.details && result.json.error.details.problems);
        } else {
          offline();
        }
      }).catch(function () {
        saving = false;
        offline();
      });
    }
    function offline() {
      say('offline', form.getAttribute('data-msg-offline'));
      clearTimeout(retryTimer);
      retryTimer = setTimeout(save, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    }
    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(save, 1200);
    }
    function clearFieldErrors() {
      Array.prototype.forEach.call(form.querySelectorAll('[data-autosave-error]'), function (p) { p.remove(); });
      Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid="true"][data-autosave-invalid]'), function (el) {
        el.removeAttribute('aria-invalid');
        el.removeAttribute('data-autosave-invalid');
      });
    }
    function showFieldErrors(problems) {
      clearFieldErrors();
      if (!problems) return;
      problems.forEach(function (problem) {
        var el = form.querySelector('[name="' + (problem.field || problem.path) + '"]');
        if (!el) return;
        var p = document.createElement('p');
        p.className = 'error-message';
        p.id = el.id + '-autosave-fel';
        p.setAttribute('data-autosave-error', '');
        p.textContent = problem.text || problem.message;
        el.parentNode.insertBefore(p, el);
        el.setAttribute('aria-invalid', 'true');
        el.setAttribute('data-autosave-invalid', '');
        el.setAttribute('aria-describedby', ((el.getAttribute('aria-describedby') || '') + ' ' + p.id).trim());
      });
    }

    try {
      var kept = JSON.parse(localStorage.getItem(key) || 'null');
      if (kept && kept.values && kept.version === (form.getAttribute('data-version') || '')) {
        restore(kept.values);
        say('restored', form.getAttribute('data-msg-restored'));
        schedule();
      } else if (kept) {
        // The server has a newer version than the one these edits started from: keep the server's.
        localStorage.removeItem(key);
      }
    } catch { /* ignore unreadable storage */ }

    form.addEventListener('input', function () { dirty++; keep(); schedule(); });
    form.addEventListener('change', function () { dirty++; keep(); schedule(); });
    window.addEventListener('online', function () { if (localStorage.getItem(key)) save(); });
  });

  // Move focus to an error summary so screen-reader users hear what to fix.
  var summary = document.querySelector('.error-summary[tabindex="-1"]');
  if (summary) summary.focus();
})();
