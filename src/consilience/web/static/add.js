// Add reports: submit to the API, then poll the job until the report has joined its story.
(function () {
  "use strict";
  var box = document.getElementById("job");
  function show(text) { document.getElementById("job-state").textContent = text; }
  function poll(id) {
    fetch("/api/jobs/" + encodeURIComponent(id)).then(function (r) { return r.json(); }).then(function (job) {
      var bar = document.getElementById("job-progress");
      bar.max = Math.max(job.total, 1); bar.value = job.done;
      show(job.state + " (" + job.stage + ")");
      box.dataset.state = job.state;
      if (job.state === "done" || job.state === "failed") {
        var result = document.getElementById("job-result");
        result.textContent = "";
        if (job.error) result.textContent = job.error + " ";
        job.problems.forEach(function (p) {
          result.appendChild(document.createTextNode(p.code + " " + p.input + ": " + p.message + " "));
        });
        job.stories.forEach(function (s) {
          var a = document.createElement("a");
          a.href = "/stories/" + encodeURIComponent(s);
          a.className = "story-link";
          a.textContent = "Open the story " + s;
          result.appendChild(a);
        });
        return;
      }
      setTimeout(function () { poll(id); }, 500);
    });
  }
  // The server token (when it asks for one) lives in this tab's sessionStorage and goes out as a
  // header: a cross-site page cannot make the browser attach it, unlike a cookie.
  var TOKEN_KEY = "consilience-token";
  function withToken(init) {
    var token = sessionStorage.getItem(TOKEN_KEY);
    if (token) { init.headers = init.headers || {}; init.headers["Authorization"] = "Bearer " + token; }
    return init;
  }
  var tokenForm = document.getElementById("token-form");
  if (tokenForm) {
    var tokenState = document.getElementById("token-state");
    if (sessionStorage.getItem(TOKEN_KEY)) tokenState.textContent = "token set for this tab";
    tokenForm.addEventListener("submit", function (ev) {
      ev.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, new FormData(ev.target).get("token"));
      ev.target.reset();
      tokenState.textContent = "token set for this tab";
    });
  }
  function submit(url, init) {
    init = withToken(init);
    box.hidden = false;
    box.dataset.state = "queued";
    show("sending…");
    fetch(url, init).then(function (r) { return r.json().then(function (b) { return [r, b]; }); }).then(function (rb) {
      if (!rb[0].ok) { show("refused: " + rb[1].error.message); box.dataset.state = "refused"; return; }
      document.getElementById("job-id").textContent = rb[1].id;
      poll(rb[1].id);
    });
  }
  document.getElementById("paste-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var f = new FormData(ev.target), body = {};
    ["text", "title", "source", "published"].forEach(function (k) { if (f.get(k)) body[k] = f.get(k); });
    submit("/api/reports", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  });
  document.getElementById("upload-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    submit("/api/reports/upload", { method: "POST", body: new FormData(ev.target) });
  });
  document.getElementById("url-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    submit("/api/reports/url", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ url: new FormData(ev.target).get("url") }) });
  });
})();
