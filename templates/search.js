// chibo search: loads search-index.json and matches the folded query
// (lower case, no tone marks, đ → d) against each article's folded text,
// so "dang vien" finds "đảng viên". Exact diacritics rank higher.
(function () {
  "use strict";
  var script = document.currentScript;
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  var items = null;
  function run() {
    var q = input.value.trim();
    list.textContent = "";
    if (!items) return;
    if (!q) { status.textContent = "Nhập từ khóa để tìm trong " + items.length + " bài viết."; return; }
    var words = fold(q).split(/\s+/).filter(Boolean);
    var exact = q.toLowerCase().normalize("NFC");
    var hits = [];
    for (var i = 0; i < items.length; i++) {
      var it = items[i], ok = true;
      for (var w = 0; w < words.length; w++) { if (it.f.indexOf(words[w]) < 0) { ok = false; break; } }
      if (!ok) continue;
      var score = (it.t.toLowerCase().indexOf(exact) >= 0 ? 4 : 0) + (fold(it.t).indexOf(words[0]) >= 0 ? 2 : 0);
      hits.push([score, i]);
    }
    hits.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    status.textContent = hits.length ? "Tìm thấy " + hits.length + " bài viết." : "Không tìm thấy bài viết nào.";
    hits.slice(0, 50).forEach(function (h) {
      var it = items[h[1]];
      var li = el("li", "card");
      li.appendChild(el("p", "card-meta", it.d));
      var t = el("h2", "card-title"), a = el("a", "", it.t);
      a.href = it.u; t.appendChild(a); li.appendChild(t);
      li.appendChild(el("p", "card-summary", it.s));
      list.appendChild(li);
    });
  }
  fetch(script.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (data) {
    items = data;
    var params = new URLSearchParams(location.search);
    if (params.get("q")) input.value = params.get("q");
    run();
  }).catch(function () { status.textContent = "Không tải được chỉ mục tìm kiếm."; });
  input.addEventListener("input", run);
})();
