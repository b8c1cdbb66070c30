// The batch page: follows the checks through /api/batch/<id> until every file is done.
(function () {
  "use strict";
  var status = document.getElementById("status");
  if (!status || status.getAttribute("data-done") === "true" || !window.fetch) return;
  var batch = status.getAttribute("data-batch");
  var names = { queued: "排队中", running: "检查中", done: "已完成", error: "出错" };

  function cell(text, cls, span) {
    var td = document.createElement("td");
    td.className = cls;
    if (span) td.colSpan = span;
    td.textContent = text;
    return td;
  }

  function row(f) {
    var tr = document.createElement("tr");
    tr.className = "file-row";
    tr.setAttribute("data-state", f.state);
    var name = document.createElement("td");
    name.className = "name";
    if (f.report) {
      var a = document.createElement("a");
      a.className = "report-link";
      a.href = f.report;
      a.textContent = f.name;
      name.appendChild(a);
    } else {
      name.textContent = f.name;
    }
    tr.appendChild(name);
    tr.appendChild(cell(names[f.state] || f.state, "state"));
    if (f.state === "error") {
      tr.appendChild(cell(f.error || "", "error", 3));
      return tr;
    }
    var verdict = cell("—", "verdict");
    if (f.passed !== null) {
      verdict.textContent = "";
      var span = document.createElement("span");
      span.className = f.passed ? "fz-pass" : "fz-fail";
      span.textContent = f.passed ? "✓ 通过" : "✗ 未通过";
      verdict.appendChild(span);
    }
    tr.appendChild(verdict);
    tr.appendChild(cell(f.score === null ? "—" : f.score.toFixed(1), "score"));
    tr.appendChild(cell(f.required || "—", "required"));
    return tr;
  }

  function update(data) {
    var body = document.querySelector("#batch-table tbody");
    body.textContent = "";
    var done = 0;
    data.files.forEach(function (f) { body.appendChild(row(f)); if (f.state === "done") done++; });
    if (data.done) {
      status.setAttribute("data-done", "true");
      status.textContent = "全部检查完成（" + done + "/" + data.files.length + "）。点击文件名查看逐项结果。";
      var summary = document.getElementById("summary-link");
      if (summary && data.files.length > 1 && done > 0) summary.hidden = false;
    }
    return data.done;
  }

  function poll() {
    fetch("/api/batch/" + encodeURIComponent(batch), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (!data || !update(data)) setTimeout(poll, 1500); })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 800);
})();
