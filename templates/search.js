// chibo search. The index (src/render/site/search/) is split into
// shards; a query loads only the shards of its syllables and pairs of
// adjacent syllables, the chunks of its results' titles, and the pages of
// the results it shows (for their excerpts). The tokenizer, the fold and
// the shard hash below must stay in step with search/tokens.rs and vn::fold.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script.getAttribute("data-index");
  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var pager = document.getElementById("search-pages");
  var PER_PAGE = 10;
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var JOINER = /^[ \t\u00a0\-\/'\u2019&]*$/;
  var manifest = null, shards = {}, chunks = {}, pages = {};
  var seq = 0;

  function fold(s) {
    return s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function lower(s) { return s.normalize("NFC").toLowerCase(); }
  function hasMarks(s) { return fold(s) !== s; }
  function shardOf(key) {
    var cut = key.lastIndexOf(" ");
    var last = key.slice(cut + 1);
    var k = (cut < 0 ? "u" : "b" + key.slice(0, cut + 1)) + Array.from(last).slice(0, 2).join("");
    var bytes = new TextEncoder().encode(k), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h & (manifest.shards - 1);
  }
  function get(url, kind) {
    // In chibo's preview, pages are sandboxed and add its read key.
    var k = window.chiboXemTruoc;
    if (k) url += (url.indexOf("?") < 0 ? "?" : "&") + "k=" + k;
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url);
      return kind === "text" ? r.text() : r.json();
    });
  }
  function shard(n) {
    if (!shards[n]) shards[n] = get(root + "tu/" + n + ".json");
    return shards[n];
  }
  function chunk(n) {
    if (!chunks[n]) chunks[n] = get(root + "bai/" + n + ".json");
    return chunks[n];
  }

  // The query: its syllables (exact and folded), whether each follows the
  // one before in a phrase, quoted (phrase only), prefix (last syllable
  // still being typed).
  function parse(q) {
    q = q.normalize("NFC");
    var words = [], m, end = 0;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(q))) {
      var gap = q.slice(end, m.index);
      words.push({ exact: lower(m[0]), folded: fold(m[0]), follows: words.length > 0 && JOINER.test(gap) });
      end = m.index + m[0].length;
    }
    var quoted = /["“”]/.test(q);
    var last = words[words.length - 1];
    var prefix = !quoted && !!last && end === q.length && Array.from(last.folded).length >= 2;
    return { words: words, quoted: quoted, prefix: prefix };
  }

  // Documents of one key of a shard, with the variants' flags: 1 present,
  // 2 in the title, 4 spelled as typed.
  function mark(flags, variants, exact) {
    for (var v in variants) {
      var bit = exact !== null && (v === exact || (exact.endsWith("*") && v.startsWith(exact.slice(0, -1)))) ? 4 : 0;
      var doc = 0, l = variants[v];
      for (var i = 0; i < l.length; i++) {
        doc += l[i] >> 1;
        flags[doc] |= 1 | (l[i] & 1 ? 2 : 0) | bit;
      }
    }
  }
  function lookup(data, key, prefix, exact) {
    var flags = new Uint8Array(manifest.docs);
    if (!prefix) { if (data[key]) mark(flags, data[key], exact); return flags; }
    var pairKey = key.indexOf(" ") >= 0;
    for (var k in data) {
      if (k.startsWith(key) && (k.indexOf(" ") >= 0) === pairKey) mark(flags, data[k], exact);
    }
    return flags;
  }

  function search(p) {
    var w = p.words, keys = [], i;
    for (i = 0; i < w.length; i++) {
      keys.push({ key: w[i].folded, prefix: p.prefix && i === w.length - 1, exact: hasMarks(w[i].exact) ? w[i].exact + (p.prefix && i === w.length - 1 ? "*" : "") : null, pair: false });
      if (i > 0 && w[i].follows) keys.push({ key: w[i - 1].folded + " " + w[i].folded, prefix: p.prefix && i === w.length - 1, exact: null, pair: true });
    }
    return Promise.all(keys.map(function (k) { return shard(shardOf(k.key)); })).then(function (data) {
      var t0 = performance.now(), n = manifest.docs, hits = [];
      var flags = keys.map(function (k, j) { return lookup(data[j], k.key, k.prefix, k.exact); });
      var pairs = keys.filter(function (k) { return k.pair; }).length;
      for (var d = 0; d < n; d++) {
        var all = true, phrase = true, title = true, exact = true;
        for (var j = 0; j < keys.length && all; j++) {
          var f = flags[j][d];
          if (keys[j].pair) {
            if (!(f & 1)) phrase = false;
            if (!(f & 2)) title = false;
          } else {
            if (!(f & 1)) all = false;
            if (pairs === 0 && !(f & 2)) title = false;
            if (keys[j].exact !== null && !(f & 4)) exact = false;
          }
        }
        if (!all || (p.quoted && !phrase)) continue;
        hits.push({ doc: d, score: (phrase ? 8 : 0) + (title ? 4 : 0) + (exact ? 2 : 0), phrase: phrase });
      }
      hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      return { hits: hits, ms: performance.now() - t0 };
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  // Whether the text's syllable `t` is the query's word `x`: its own
  // spelling for a word typed with marks, any spelling for one without;
  // its beginning for the last word still being typed.
  function same(t, x, last) {
    if (hasMarks(x.exact)) return last ? t.l.startsWith(x.exact) : t.l === x.exact;
    return last ? t.f.startsWith(x.folded) : t.f === x.folded;
  }
  // Appends `text` to `node` with what matched marked: the syllables of
  // each phrase of the query (words typed one after another) where they
  // stand in sequence, when the result matched it as a phrase
  // (`phrase`); each word on its own otherwise.
  function highlight(node, text, p, phrase) {
    var toks = [], m, w = p.words, n = w.length, k, i, j;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) toks.push({ at: m.index, end: m.index + m[0].length, f: fold(m[0]), l: lower(m[0]) });
    var marked = new Uint8Array(toks.length), groups = [];
    for (i = 0; i < n; i++) {
      if (i > 0 && w[i].follows) groups[groups.length - 1].push(i); else groups.push([i]);
    }
    groups.forEach(function (g) {
      var seq = g.length > 1 && (phrase || p.quoted);
      for (k = 0; k < toks.length; k++) {
        if (seq) {
          var ok = k + g.length <= toks.length;
          for (j = 0; j < g.length && ok; j++) ok = same(toks[k + j], w[g[j]], p.prefix && g[j] === n - 1);
          if (ok) for (j = 0; j < g.length; j++) marked[k + j] = 1;
        } else if (g.some(function (x) { return same(toks[k], w[x], p.prefix && x === n - 1); })) {
          marked[k] = 1;
        }
      }
    });
    var end = 0;
    for (k = 0; k < toks.length; k++) {
      if (!marked[k]) continue;
      node.appendChild(document.createTextNode(text.slice(end, toks[k].at)));
      node.appendChild(el("mark", "", text.slice(toks[k].at, toks[k].end)));
      end = toks[k].end;
    }
    node.appendChild(document.createTextNode(text.slice(end)));
  }
  // About 40 syllables around the first place the query matches (as a
  // phrase if it does), from the article's own page.
  function excerpt(text, p) {
    var toks = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) toks.push({ at: m.index, end: m.index + m[0].length, f: fold(m[0]) });
    var w = p.words, first = -1, any = -1;
    function is(k, i) { var x = w[i].folded; return p.prefix && i === w.length - 1 ? toks[k].f.startsWith(x) : toks[k].f === x; }
    for (var k = 0; k < toks.length && first < 0; k++) {
      var ok = true;
      for (var i = 0; i < w.length && ok; i++) ok = k + i < toks.length && is(k + i, i);
      if (ok) first = k;
      if (any < 0) for (i = 0; i < w.length; i++) if (is(k, i)) { any = k; break; }
    }
    var at = first >= 0 ? first : any >= 0 ? any : 0;
    var from = Math.max(0, at - 12), to = Math.min(toks.length - 1, at + 28);
    if (!toks.length) return "";
    return (from > 0 ? "… " : "") + text.slice(toks[from].at, toks[to].end) + (to < toks.length - 1 ? " …" : "");
  }
  function fillExcerpt(li, url, p, fallback, phrase) {
    if (!pages[url]) pages[url] = get(url, "text").then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var parts = doc.querySelectorAll(".article .lead, .article .body");
      var node = parts.length ? parts : [doc.querySelector("article") || doc.body];
      return Array.prototype.map.call(node, function (n) { return n.textContent; }).join("\n").replace(/\s+/g, " ").trim();
    });
    pages[url].then(function (text) {
      var e = li.querySelector(".card-summary");
      e.textContent = "";
      highlight(e, excerpt(text, p) || fallback, p, phrase);
    }).catch(function () {});
  }

  function showPager(q, page, pagesTotal) {
    pager.textContent = "";
    if (pagesTotal < 2) return;
    function link(n, label, rel) {
      var a = el("a", rel || "", label);
      a.href = "?q=" + encodeURIComponent(q) + (n > 1 ? "&trang=" + n : "");
      if (rel) a.rel = rel;
      pager.appendChild(a);
    }
    if (page > 1) link(page - 1, "« Trang trước", "prev");
    for (var n = 1; n <= pagesTotal; n++) {
      if (n === page) { var s = el("span", "current", String(n)); s.setAttribute("aria-current", "page"); pager.appendChild(s); }
      else if (n === 1 || n === pagesTotal || Math.abs(n - page) <= 2) link(n, String(n));
      else if (Math.abs(n - page) === 3) pager.appendChild(el("span", "gap", "…"));
    }
    if (page < pagesTotal) link(page + 1, "Trang sau »", "next");
  }

  function run(page) {
    var q = input.value.trim(), mine = ++seq;
    list.textContent = "";
    pager.textContent = "";
    if (!q) { status.textContent = "Nhập từ khóa để tìm trong " + manifest.docs.toLocaleString("vi-VN") + " bài viết."; return; }
    var p = parse(q);
    if (!p.words.length) { status.textContent = "Từ khóa cần có chữ hoặc số."; return; }
    search(p).then(function (r) {
      if (mine !== seq) return;
      var total = r.hits.length, pagesTotal = Math.max(1, Math.ceil(total / PER_PAGE));
      page = Math.min(Math.max(1, page || 1), pagesTotal);
      list.dataset.ms = r.ms.toFixed(2);
      list.dataset.count = total;
      status.textContent = total
        ? "Tìm thấy " + total.toLocaleString("vi-VN") + " bài viết" + (pagesTotal > 1 ? " — trang " + page + "/" + pagesTotal : "") + "."
        : "Không tìm thấy bài viết nào cho “" + q + "”.";
      var shown = r.hits.slice((page - 1) * PER_PAGE, page * PER_PAGE);
      // Every result is put on the page at once, its picture's box and
      // its excerpt's lines already held, so nothing moves as they load.
      Promise.all(shown.map(function (h) { return chunk(Math.floor(h.doc / manifest.per_chunk)); })).then(function (cs) {
        if (mine !== seq) return;
        var all = document.createDocumentFragment();
        shown.forEach(function (h, k) {
          var d = cs[k][h.doc % manifest.per_chunk];
          var li = card(d, p, h.phrase, k);
          li.dataset.doc = h.doc;
          all.appendChild(li);
        });
        list.appendChild(all);
        showPager(q, page, pagesTotal);
      });
    }).catch(function () { status.textContent = "Không tải được chỉ mục tìm kiếm."; });
  }

  var timer = null;
  // How wide a result's picture is shown (style.css, list.html).
  var THUMB_SIZES = "(max-width: 600px) 112px, 200px";
  // One result: its small picture (WebP with a JPEG fallback, at the size
  // shown), category, day, title and the excerpt to come.
  function card(d, p, phrase, k) {
    var li = el("li", "card");
    var meta = el("p", "card-meta");
    meta.appendChild(el("span", "", d[3]));
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(el("time", "", d[2]));
    var title = el("h2", "card-title"), a = el("a", "");
    a.href = d[0];
    highlight(a, d[1], p, phrase);
    title.appendChild(a);
    if (d[4]) {
      li.className = "card with-thumb";
      var thumb = el("a", "card-thumb"), pic = document.createElement("picture"), img = document.createElement("img");
      thumb.href = d[0];
      thumb.tabIndex = -1;
      thumb.setAttribute("aria-hidden", "true");
      if (d[6]) {
        var webp = document.createElement("source");
        webp.type = "image/webp";
        webp.srcset = d[6];
        webp.sizes = THUMB_SIZES;
        pic.appendChild(webp);
      }
      if (d[5]) { img.srcset = d[5]; img.sizes = THUMB_SIZES; }
      img.src = d[4];
      img.width = 240;
      img.height = 160;
      img.alt = "";
      img.decoding = "async";
      // The first results are on the first screen: not lazy.
      if (k >= 3) img.loading = "lazy";
      pic.appendChild(img);
      thumb.appendChild(pic);
      li.appendChild(thumb);
    }
    li.appendChild(meta);
    li.appendChild(title);
    li.appendChild(el("p", "card-summary"));
    fillExcerpt(li, d[0], p, "", phrase);
    return li;
  }

  function fromUrl() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    run(parseInt(params.get("trang") || "1", 10));
  }
  get(root + "chi-muc.json").then(function (m) {
    manifest = m;
    fromUrl();
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname);
        run(1);
      }, 120);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var q = input.value.trim();
      history.pushState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname);
      run(1);
    });
    window.addEventListener("popstate", fromUrl);
  }).catch(function () { status.textContent = "Không tải được chỉ mục tìm kiếm."; });
})();
