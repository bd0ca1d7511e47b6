// chibo serve: a meeting's papers in the forms. The fields of the minutes
// and the resolution (rows that repeat, stacked one under another on a
// phone), last meeting's tasks offered for their results, and the papers
// themselves to read, print and download as Word. The fields come from
// the schema (/__chibo/api/schema, `papers`), made from the same keys the
// loader reads. Loaded before nhap.js, which hands over its helpers.
window.chiboHop = function (h) {
  "use strict";
  var el = h.el, field = h.field, input = h.input, select = h.select, num = h.num, cap = h.cap;

  // --- one input per column --------------------------------------------

  function control(c) {
    var i;
    if (c.type === "long_text") i = el("textarea", { rows: 2 });
    else if (c.type === "count") i = input("number", { min: c.key === "item" ? 1 : 0, step: 1, inputmode: "numeric" });
    else if (c.type === "points") i = input("number", { min: 0, max: 100, step: "any", inputmode: "decimal" });
    else if (c.type === "day") i = input("date");
    else if (c.type === "yes_no") i = select([{ id: "true", label: "Đã xong" }, { id: "false", label: "Chưa xong" }], "— chưa đánh giá —");
    else i = input("text");
    i.name = c.key;
    return i;
  }

  function read(i, c) {
    var v = i.value;
    if (c.type === "count" || c.type === "points") return num(v);
    if (c.type === "yes_no") return v === "" ? undefined : v === "true";
    return v.trim() ? v : undefined;
  }

  function put(i, c, v) {
    i.value = v === undefined || v === null ? "" : String(v);
  }

  // The columns of one row or group as an object; undefined when empty.
  function values(f, inputs) {
    var o = {}, any = false;
    f.columns.forEach(function (c) {
      var x = read(inputs[c.key], c);
      if (x !== undefined) { o[c.key] = x; any = true; }
    });
    return any ? o : undefined;
  }

  // --- the field kinds ---------------------------------------------------

  // Rows that repeat (guests, speakers, tasks): each a box of its own with
  // a button to drop it, so that they stack on a narrow screen.
  function rows(f) {
    var list = el("div", { class: "dong-lap" });
    var items = [];
    function renumber() {
      items.forEach(function (it, k) { it.legend.textContent = cap(f.one) + " " + (k + 1); });
    }
    function remove(it) {
      if (items.indexOf(it) < 0) return;
      list.removeChild(it.box);
      items.splice(items.indexOf(it), 1);
      renumber();
    }
    function add(v) {
      var inputs = {};
      var legend = el("legend", {});
      var box = el("fieldset", { class: "dong" }, [legend]);
      f.columns.forEach(function (c) {
        inputs[c.key] = control(c);
        put(inputs[c.key], c, v && v[c.key]);
        box.appendChild(field(f.key, c.label, inputs[c.key], null, c.required));
      });
      var it = { box: box, legend: legend, inputs: inputs, given: JSON.stringify(values(f, inputs) || {}) };
      box.appendChild(el("button", { type: "button", class: "bo", text: "Bỏ " + f.one.toLowerCase() + " này",
        on: { click: function () { remove(it); } } }));
      items.push(it);
      list.appendChild(box);
      renumber();
      return it;
    }
    var adder = el("button", { type: "button", class: "them-dong", text: f.add, on: { click: function () {
      var it = add(null);
      it.box.querySelector("input, textarea, select").focus();
    } } });
    var node = el("fieldset", { class: "nhom", "data-field": f.key }, [el("legend", { text: cap(f.label) }), list, adder]);
    return {
      node: node,
      add: add,
      remove: remove,
      // Still as it was added (nothing typed into it since).
      untouched: function (it) { return JSON.stringify(values(f, it.inputs) || {}) === it.given; },
      get: function () {
        var out = items.map(function (it) { return values(f, it.inputs); }).filter(function (o) { return o; });
        return out.length ? out : undefined;
      },
      set: function (v) { (Array.isArray(v) ? v : []).forEach(add); }
    };
  }

  // A block of a few values (the vote, the resolution); with `optional`,
  // a checkbox says whether there is one at all.
  function group(f) {
    var inputs = {};
    var inner = el("div", { class: "hang" });
    var box = el("fieldset", { class: "nhom", "data-field": f.key }, [el("legend", { text: cap(f.label) })]);
    var on = null;
    if (f.optional) {
      on = input("checkbox", { id: h.nextId() });
      box.appendChild(el("div", { class: "chon" }, [on, el("label", { for: on.id, text: f.optional })]));
      on.addEventListener("change", function () { inner.hidden = !on.checked; });
      inner.hidden = true;
    }
    f.columns.forEach(function (c) {
      inputs[c.key] = control(c);
      inner.appendChild(field(f.key, c.label, inputs[c.key], null, c.required));
    });
    box.appendChild(inner);
    return {
      node: box,
      get: function () { return on && !on.checked ? undefined : values(f, inputs); },
      set: function (v) {
        if (!v || typeof v !== "object") return;
        if (on) { on.checked = true; inner.hidden = false; }
        f.columns.forEach(function (c) { put(inputs[c.key], c, v[c.key]); });
      },
      // Values proposed while the box is not ticked (the next number).
      propose: function (v) {
        if (on && on.checked) return;
        f.columns.forEach(function (c) { if (v[c.key] !== undefined) put(inputs[c.key], c, v[c.key]); });
      }
    };
  }

  // The score: points per criterion of the sheet, their sum as the total,
  // the level the total gives unless another is chosen.
  function score(f) {
    var items = {};
    var total = control({ key: "total", type: "points" });
    var level = select(f.levels, "— theo tổng điểm —");
    var said = el("p", { class: "quy-tac", role: "status" });
    var box = el("fieldset", { class: "nhom", "data-field": f.key }, [el("legend", { text: cap(f.label) }),
      el("small", { class: "goi-y", text: "Bảng điểm: " + f.sheet + ". Điền điểm từng tiêu chí thì tổng điểm tự cộng." })]);
    f.criteria.forEach(function (c) {
      items[c.id] = input("number", { min: 0, max: c.points, step: "any", inputmode: "decimal", "data-tieu-chi": c.id });
      items[c.id].addEventListener("input", sum);
      box.appendChild(field(f.key, c.label + " (tối đa " + String(c.points).replace(".", ",") + ")", items[c.id]));
    });
    box.appendChild(el("div", { class: "hang" }, [field(f.key, "Tổng điểm", total), field(f.key, "Xếp loại", level)]));
    box.appendChild(said);
    total.addEventListener("input", show);
    level.addEventListener("change", show);
    function levelOf(p) {
      for (var i = 0; i < f.levels.length; i++) if (p >= f.levels[i].floor) return f.levels[i];
      return f.levels[f.levels.length - 1];
    }
    function sum() {
      var t = 0, any = false;
      Object.keys(items).forEach(function (k) { var v = num(items[k].value); if (typeof v === "number") { t += v; any = true; } });
      if (any) total.value = Math.round(t * 100) / 100;
      show();
    }
    function show() {
      var t = num(total.value);
      if (typeof t !== "number") { said.textContent = ""; return; }
      var l = levelOf(t);
      said.textContent = String(t).replace(".", ",") + " điểm: mức " + l.label + (level.value && level.value !== l.id ? " (đã chọn mức khác)" : "") + ".";
    }
    return {
      node: box,
      get: function () {
        var t = num(total.value);
        if (t === undefined) return undefined;
        var o = { total: t, level: level.value || (typeof t === "number" ? levelOf(t).id : undefined) };
        var pts = {}, any = false;
        Object.keys(items).forEach(function (k) { var v = num(items[k].value); if (v !== undefined) { pts[k] = v; any = true; } });
        if (any) o.items = pts;
        return o;
      },
      set: function (v) {
        if (!v || typeof v !== "object") return;
        put(total, {}, v.total);
        level.value = v.level || "";
        Object.keys(v.items || {}).forEach(function (k) { if (items[k]) put(items[k], {}, v.items[k]); });
        show();
      }
    };
  }

  // The end time: HH:MM; a full date written in the file is kept while
  // its time is not changed.
  function clock(f) {
    var i = input("time", { name: f.key });
    var was = null;
    return {
      node: field(f.key, f.label, i),
      get: function () {
        if (!i.value) return undefined;
        return was && String(was).slice(-5) === i.value ? was : i.value;
      },
      set: function (v) { if (v) { was = String(v); i.value = was.slice(-5); } }
    };
  }

  function build(f) {
    if (f.type === "rows") return rows(f);
    if (f.type === "group") return group(f);
    if (f.type === "score") return score(f);
    if (f.type === "clock") return clock(f);
    return (h.builders[f.type] || h.builders.text)(f);
  }

  // --- the section in a meeting's form ----------------------------------

  // The papers' fields for a meeting form: `parts` by key, and `carry`
  // to offer what the last meeting left (its tasks, the next number).
  function section(fields, kind, existing, dateOf) {
    var parts = {};
    var box = el("details", { class: "giay-to" }, [
      el("summary", { text: "Biên bản, nghị quyết (nội bộ, không đăng lên trang)" }),
      el("p", { class: "goi-y", text: "Những gì ghi ở đây dùng để viết biên bản, nghị quyết (`chibo meeting`). Họ tên ở phần này không bao giờ được đăng lên trang." })
    ]);
    var note = el("p", { class: "goi-y", role: "status" });
    fields.forEach(function (f) {
      parts[f.key] = build(f);
      box.appendChild(parts[f.key].node);
      if (f.key === "previous_tasks") {
        parts[f.key].node.insertBefore(note, parts[f.key].node.children[1]);
        parts[f.key].node.appendChild(el("button", { type: "button", class: "lay", text: "Lấy các nhiệm vụ của buổi họp trước", on: { click: function () { carry(true); } } }));
      }
    });
    var v = (existing && existing.entry) || {};
    if (fields.some(function (f) { return v[f.key] !== undefined; })) box.open = true;
    // Last meeting's tasks, and the resolution number to propose.
    var asked = 0;
    function carry(tasks) {
      var d = dateOf();
      if (!d) return;
      var mine = ++asked;
      h.api("GET", "meeting?kind=" + encodeURIComponent(kind.id) + "&date=" + encodeURIComponent(d)).then(function (r) {
        if (mine !== asked) return; // a later date was asked for since
        if (r.status !== 200) { note.textContent = "Chưa lấy được buổi họp trước: " + ((r.data && r.data.message) || r.status); return; }
        parts.resolution.propose({ number: r.data.number, subject: r.data.subject });
        if (!tasks) return;
        if (!r.data.from) { note.textContent = "Chưa có buổi họp " + kind.label + " nào trước ngày này."; return; }
        var have = (parts.previous_tasks.get() || []).map(function (t) { return t.task; });
        var added = 0;
        r.data.previous_tasks.forEach(function (t) {
          if (have.indexOf(t.task) < 0) { offered.push(parts.previous_tasks.add({ task: t.task })); added += 1; }
        });
        note.textContent = r.data.previous_tasks.length
          ? "Nhiệm vụ đề ra ở buổi họp ngày " + h.fmtDate(r.data.from) + (added ? ": ghi kết quả từng việc." : " đã có đủ ở đây.")
          : "Buổi họp ngày " + h.fmtDate(r.data.from) + " không ghi nhiệm vụ nào (`tasks`).";
      });
    }
    // A new meeting starts from the last one; an entry being edited is
    // only offered them, on the button. When a new meeting's date moves,
    // the tasks offered and not yet touched follow it.
    var offered = [];
    carry(!existing);
    function dateChanged() {
      if (existing) return carry(false);
      offered.filter(parts.previous_tasks.untouched).forEach(parts.previous_tasks.remove);
      offered = [];
      carry(true);
    }
    return { node: box, parts: parts, dateChanged: dateChanged };
  }

  // --- the papers themselves ----------------------------------------------

  function fetchPaper(date, name) {
    return fetch("/__chibo/api/paper?date=" + encodeURIComponent(date) + "&name=" + encodeURIComponent(name), { headers: { "X-Chibo-Token": h.token } })
      .then(function (r) {
        if (r.ok) return r.blob();
        return r.text().then(function (t) { var d = {}; try { d = JSON.parse(t); } catch (e) { d = { message: t }; } throw new Error(d.message || r.status); });
      });
  }

  // The papers of the meetings of an entry's day: each to read here, to
  // open for print, and its Word file.
  function showPapers(main, e, back) {
    var date = String(e.date).slice(0, 10);
    main.textContent = "";
    var status = el("p", { role: "status" });
    var look = el("iframe", { class: "xem giay", title: "Giấy tờ buổi họp", sandbox: "" });
    var list = el("ul", { class: "thang giay-to-ds" });
    main.appendChild(el("section", { class: "bieu-mau" }, [
      el("h2", { text: "Biên bản, nghị quyết: buổi họp ngày " + h.fmtDate(date) }),
      el("p", { class: "goi-y", text: "Viết từ nhật ký như đã lưu. Giấy tờ nội bộ: không đăng lên trang. Thiếu gì thì sửa mục nhật ký rồi tạo lại." }),
      status, list,
      el("button", { type: "button", text: "Về danh sách", on: { click: function () { back(); } } }),
      look
    ]));
    function view(p) {
      fetchPaper(date, p.name + ".html").then(function (b) { return b.text(); }).then(function (html) {
        look.srcdoc = html;
        status.textContent = "Đang xem: " + p.title + ".";
      }, function (err) { status.textContent = "Không tạo được " + p.title + ": " + err.message; });
    }
    function print(p) {
      // Opened now, while the click still counts, then filled.
      var w = window.open("", "_blank");
      fetchPaper(date, p.name + ".html").then(function (b) {
        var url = URL.createObjectURL(new Blob([b], { type: "text/html" }));
        if (w) w.location = url; else status.textContent = "Trình duyệt chặn cửa sổ mới; hãy xem ở dưới và in bằng Ctrl+P.";
      }, function (err) { if (w) w.close(); status.textContent = "Không tạo được " + p.title + ": " + err.message; });
    }
    function word(p) {
      fetchPaper(date, p.name + ".docx").then(function (b) {
        var a = el("a", { href: URL.createObjectURL(b), download: p.name + "-" + date + ".docx", hidden: true });
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.parentNode.removeChild(a); }, 60000);
        status.textContent = "Đã tải " + p.name + "-" + date + ".docx.";
      }, function (err) { status.textContent = "Không tạo được tệp Word: " + err.message; });
    }
    h.api("GET", "papers?date=" + encodeURIComponent(date)).then(function (r) {
      if (r.status !== 200) { status.textContent = "Không tạo được giấy tờ: " + ((r.data && r.data.message) || r.status); return; }
      r.data.papers.forEach(function (p) {
        list.appendChild(el("li", { "data-giay": p.name }, [
          el("span", { class: "tieu-de", text: (p.before ? "Trước buổi họp: " : "") + p.title }),
          el("button", { type: "button", class: "xem-giay", text: "Xem", on: { click: function () { view(p); } } }),
          el("button", { type: "button", class: "in", text: "Mở để in", on: { click: function () { print(p); } } }),
          el("button", { type: "button", class: "word", text: "Tải Word (.docx)", "aria-label": "Tải Word: " + p.title, on: { click: function () { word(p); } } })
        ]));
      });
      r.data.problems.forEach(function (m) { list.appendChild(el("li", { class: "canh-bao", text: m })); });
      if (r.data.papers.length) view(r.data.papers[0]);
    });
  }

  return { section: section, showPapers: showPapers };
};
