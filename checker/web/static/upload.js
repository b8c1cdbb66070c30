// The upload page: drag and drop, a size check before sending, and upload progress.
// Without JavaScript the form posts to /upload and the server answers with the batch page.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var files = document.getElementById("files");
  var previous = document.getElementById("previous");
  var drop = document.getElementById("drop");
  var chosen = document.getElementById("chosen");
  var button = document.getElementById("submit");
  var progress = document.getElementById("progress");
  var bar = document.getElementById("progress-bar");
  var text = document.getElementById("progress-text");
  var errorBox = document.getElementById("upload-error");
  var limits = document.getElementById("limits");
  var maxFiles = parseInt(limits.getAttribute("data-max-files"), 10);
  var maxBytes = parseInt(limits.getAttribute("data-max-mb"), 10) * 1024 * 1024;
  var accept = ".docx,.docm,.pdf,.txt,.md,.markdown,.text,.html,.htm,.shtml,.xhtml,.doc,.wps,.rtf";
  files.setAttribute("accept", accept);
  previous.setAttribute("accept", accept);

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  function listChosen() {
    chosen.textContent = "";
    for (var i = 0; i < files.files.length; i++) {
      var li = document.createElement("li");
      var f = files.files[i];
      li.textContent = "📄 " + f.name + "（" + (f.size / 1024 / 1024).toFixed(2) + " MB）";
      chosen.appendChild(li);
    }
  }

  function problem() {
    if (!files.files.length) return "请先选择要检查的报告文件";
    if (files.files.length > maxFiles) return "一次最多上传 " + maxFiles + " 个文件，请分批上传";
    var all = Array.prototype.slice.call(files.files);
    if (previous.files.length) all.push(previous.files[0]);
    for (var i = 0; i < all.length; i++) {
      if (all[i].size > maxBytes) {
        return "文件“" + all[i].name + "”超过大小上限（" + maxBytes / 1024 / 1024 + " MB），请压缩图片或删去附件后再上传";
      }
    }
    return "";
  }

  files.addEventListener("change", function () { errorBox.hidden = true; listChosen(); });
  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("fz-over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.remove("fz-over"); });
  });
  drop.addEventListener("drop", function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) {
      files.files = e.dataTransfer.files;
      errorBox.hidden = true;
      listChosen();
    }
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    errorBox.hidden = true;
    var why = problem();
    if (why) { showError(why); return; }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/upload");
    xhr.responseType = "json";
    xhr.upload.addEventListener("progress", function (ev) {
      if (!ev.lengthComputable) return;
      var share = Math.round(100 * ev.loaded / ev.total);
      bar.style.width = share + "%";
      text.textContent = share < 100 ? "正在上传… " + share + "%" : "上传完成，正在排队检查…";
    });
    xhr.addEventListener("load", function () {
      var body = xhr.response || {};
      if (xhr.status === 202 && body.url) { window.location.assign(body.url); return; }
      if (xhr.status === 401) { window.location.assign("/login"); return; }
      progress.hidden = true;
      button.disabled = false;
      showError(body.error || "上传失败（" + xhr.status + "），请重试");
    });
    xhr.addEventListener("error", function () {
      progress.hidden = true;
      button.disabled = false;
      showError("上传中断：请检查网络连接后重试");
    });
    button.disabled = true;
    progress.hidden = false;
    bar.style.width = "0";
    text.textContent = "正在上传…";
    xhr.send(new FormData(form));
  });
})();
